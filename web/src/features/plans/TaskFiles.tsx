/** A plan task's evidence files: download links, and for whoever reports on the task, upload and delete. */
import { App, Button, Popconfirm, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { ALLOWED_EVIDENCE_LABEL, formatFileSize } from '@shared/evaluations/evidence.ts';
import { LIMITS } from '@shared/limits.ts';
import { api, ApiError } from '@web/lib/api.ts';
import { uploadFile } from '@web/lib/upload.ts';
import type { Plan, PlanTask } from './plans.api.ts';

const ACCEPT = '.pdf,.docx,.xlsx,.jpg,.jpeg,.png';

export function TaskFiles(props: { plan: Plan; task: PlanTask; onChanged: (plan: Plan) => void }) {
  const { plan, task } = props;
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const canChange = task.abilities.canReport && plan.status === 'issued';
  if (!task.files.length && !canChange) return null;
  const base = `/api/plans/${plan.id}/tasks/${task.id}/files`;

  async function upload(file: File) {
    if (file.size > LIMITS.evidenceMaxBytes) {
      message.error(`Tệp "${file.name}" quá lớn: tối đa ${formatFileSize(LIMITS.evidenceMaxBytes)}.`);
      return;
    }
    setUploading(true);
    try {
      props.onChanged(await uploadFile<Plan>(base, file));
      message.success(`Đã tải lên "${file.name}".`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setUploading(false);
    }
  }

  async function remove(id: string, name: string) {
    try {
      props.onChanged(await api.delete<Plan>(`${base}/${id}`));
      message.success(`Đã xóa "${name}".`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : 'Không xóa được tệp.');
    }
  }

  return (
    <Space direction="vertical" size={0} data-testid={`task-files-${task.code}`}>
      {task.files.map((f) => (
        <Space key={f.id} size={4} wrap>
          <a href={`${base}/${f.id}`} download={f.fileName} style={{ overflowWrap: 'anywhere' }}>
            {f.fileName}
          </a>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatFileSize(f.sizeBytes)}
          </Typography.Text>
          {canChange && (
            <Popconfirm
              title="Xóa tệp minh chứng này?"
              okText="Xóa"
              cancelText="Không"
              onConfirm={() => remove(f.id, f.fileName)}
            >
              <Button size="small" type="link" danger aria-label={`Xóa ${f.fileName}`}>
                Xóa
              </Button>
            </Popconfirm>
          )}
        </Space>
      ))}
      {canChange && (
        <>
          <input
            ref={input}
            type="file"
            accept={ACCEPT}
            hidden
            aria-label={`Tải lên minh chứng cho nhiệm vụ ${task.code}`}
            onChange={(ev) => {
              const file = ev.target.files?.[0];
              ev.target.value = '';
              if (file) void upload(file);
            }}
          />
          <Button
            size="small"
            loading={uploading}
            title={`${ALLOWED_EVIDENCE_LABEL}; tối đa ${formatFileSize(LIMITS.evidenceMaxBytes)}`}
            onClick={() => input.current?.click()}
          >
            Tải lên minh chứng
          </Button>
        </>
      )}
    </Space>
  );
}
