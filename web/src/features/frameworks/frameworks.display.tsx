import { Alert, App, Form, Input, Modal, Select, Tag, Tooltip, Typography, Upload } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Provenance } from '@shared/frameworks/model.ts';
import { PROVENANCE_LABELS } from '@shared/frameworks/labels.ts';
import { provenanceTag, type FrameworkDetailDto } from '@shared/frameworks/frameworks.schemas.ts';
import { api, ApiError } from '@web/lib/api.ts';

/** "Đã xác nhận" (green) or "Tạm tính / chưa xác nhận" (orange), with the full meaning on hover. */
export function ProvenanceTag({ provenance }: { provenance: Provenance }) {
  return (
    <Tooltip title={`[${provenance}] ${PROVENANCE_LABELS[provenance]}`}>
      <Tag color={provenance === 'L' ? 'green' : 'orange'}>{provenanceTag(provenance)}</Tag>
    </Tooltip>
  );
}

/** A framework's tag: provisional as soon as any value in it is, whatever its own tag says. */
export function FrameworkProvenanceTag({
  provenance,
  provisional,
}: {
  provenance: Provenance;
  provisional: boolean;
}) {
  if (provenance === 'L' && provisional)
    return (
      <Tooltip title="Khung đã đối chiếu văn bản, nhưng một số điểm số, bậc hoặc điều kiện bên trong còn tạm tính.">
        <Tag color="orange">{provenanceTag('?')}</Tag>
      </Tooltip>
    );
  return <ProvenanceTag provenance={provenance} />;
}

/** The first 12 hex digits of a content hash; the whole hash on hover. */
export function ShortHash({ hash }: { hash: string }) {
  return (
    <Tooltip title={hash}>
      <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
        {hash.replace(/^sha256:/, '').slice(0, 12)}
      </Typography.Text>
    </Tooltip>
  );
}

export function errorText(error: unknown, fallback: string): string {
  return error instanceof ApiError ? error.message : fallback;
}

type Owner = { id: string; name: string };

/**
 * "Nhập phiên bản mới (JSON)" / "Nhập bộ tiêu chí (JSON)": reads a file in the browser and sends it
 * as it is; the server validates it and the issues are listed per node and field.
 */
export function ImportFrameworkModal(props: {
  open: boolean;
  onClose(): void;
  title: string;
  /** Fixed owner (a new version of a province's framework), or choices for a new framework. */
  owner?: Owner;
  ownerChoices?: Owner[];
}) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [ownerId, setOwnerId] = useState<string | undefined>(props.owner?.id ?? props.ownerChoices?.[0]?.id);
  const [fileName, setFileName] = useState<string | null>(null);
  const [content, setContent] = useState<unknown>(undefined);
  const [readError, setReadError] = useState<string | null>(null);
  const submit = useMutation({
    mutationFn: () =>
      api.post<FrameworkDetailDto>('/api/frameworks/import', { ownerUnitId: ownerId, framework: content }),
    onSuccess: async (created) => {
      message.success(`Đã lưu ${created.code} phiên bản ${created.version}.`);
      await client.invalidateQueries({ queryKey: ['frameworks'] });
      props.onClose();
      navigate(`/bo-tieu-chi/${created.id}`);
    },
  });
  const problems = submit.error instanceof ApiError ? (submit.error.details?.problems ?? []) : [];

  return (
    <Modal
      open={props.open}
      title={props.title}
      okText="Kiểm tra và lưu"
      cancelText="Đóng"
      onCancel={props.onClose}
      onOk={() => submit.mutate()}
      okButtonProps={{ disabled: content === undefined || !ownerId, loading: submit.isPending }}
      width={760}
    >
      <Typography.Paragraph type="secondary">
        Tệp JSON theo mẫu của tệp xuất ra từ phần mềm. Phần mềm tự đánh số phiên bản; phiên bản cũ được giữ
        nguyên, các kỳ đánh giá đang dùng phiên bản cũ không bị ảnh hưởng.
      </Typography.Paragraph>
      {props.owner ? (
        <Typography.Paragraph>
          Đơn vị sở hữu: <strong>{props.owner.name}</strong>
        </Typography.Paragraph>
      ) : (
        <Form.Item label="Đơn vị sở hữu" required>
          <Select
            value={ownerId}
            onChange={setOwnerId}
            options={(props.ownerChoices ?? []).map((o) => ({ value: o.id, label: o.name }))}
            placeholder="Chọn tỉnh, thành phố"
          />
        </Form.Item>
      )}
      <Upload.Dragger
        accept=".json,application/json"
        maxCount={1}
        showUploadList={false}
        beforeUpload={async (file) => {
          submit.reset();
          setFileName(file.name);
          try {
            setContent(JSON.parse(await file.text()));
            setReadError(null);
          } catch (error) {
            setContent(undefined);
            setReadError(`Tệp không phải JSON hợp lệ: ${error instanceof Error ? error.message : ''}`);
          }
          return false;
        }}
      >
        <p>{fileName ? `Đã chọn: ${fileName}` : 'Bấm hoặc kéo tệp JSON vào đây'}</p>
      </Upload.Dragger>
      {readError && <Alert style={{ marginTop: 12 }} type="error" showIcon title={readError} />}
      {submit.error && (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          title={
            problems.length
              ? `Tệp chưa lưu được: ${problems.length} lỗi cần sửa`
              : errorText(submit.error, 'Không lưu được.')
          }
          description={
            problems.length > 0 && (
              <ul style={{ maxHeight: 300, overflow: 'auto', paddingLeft: 20, margin: 0 }}>
                {problems.map((p, i) => (
                  <li key={i}>{p.message}</li>
                ))}
              </ul>
            )
          }
        />
      )}
    </Modal>
  );
}

/** "Sao chép thành bộ của tỉnh": a new code and name, owned by one of the actor's provinces. */
export function CopyFrameworkModal(props: {
  open: boolean;
  onClose(): void;
  source: FrameworkDetailDto;
  ownerChoices: Owner[];
}) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<{ ownerUnitId: string; code: string; name: string }>();
  const submit = useMutation({
    mutationFn: (values: { ownerUnitId: string; code: string; name: string }) =>
      api.post<FrameworkDetailDto>(`/api/frameworks/${props.source.id}/copy`, values),
    onSuccess: async (created) => {
      message.success(`Đã tạo ${created.code} (phiên bản 1).`);
      await client.invalidateQueries({ queryKey: ['frameworks'] });
      props.onClose();
      navigate(`/bo-tieu-chi/${created.id}`);
    },
  });
  return (
    <Modal
      open={props.open}
      title={`Sao chép ${props.source.code} thành bộ của tỉnh`}
      okText="Sao chép"
      cancelText="Đóng"
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: submit.isPending }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          ownerUnitId: props.ownerChoices[0]?.id,
          code: `${props.source.code}-`,
          name: `${props.source.name} — `,
        }}
        onFinish={(values) => submit.mutate(values)}
      >
        <Form.Item name="ownerUnitId" label="Tỉnh, thành phố sở hữu" rules={[{ required: true }]}>
          <Select options={props.ownerChoices.map((o) => ({ value: o.id, label: o.name }))} />
        </Form.Item>
        <Form.Item
          name="code"
          label="Mã bộ tiêu chí mới"
          extra='Viết hoa, không dấu, ví dụ "CCHC-XA-TN"'
          rules={[
            { required: true, message: 'Chưa nhập mã' },
            { pattern: /^[A-Z0-9]+(-[A-Z0-9]+)*$/, message: 'Mã viết hoa, không dấu, dạng "CCHC-XA-TN"' },
          ]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="name"
          label="Tên"
          rules={[{ required: true, whitespace: true, message: 'Chưa nhập tên' }]}
        >
          <Input maxLength={300} />
        </Form.Item>
      </Form>
      {submit.error && (
        <Alert type="error" showIcon title={errorText(submit.error, 'Không sao chép được.')} />
      )}
    </Modal>
  );
}
