import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import { NARRATIVE_SECTIONS } from '@shared/evaluations/evaluations.schemas.ts';
import type { EvaluationResult } from '@shared/scoring/types.ts';
import type { FrameworkNode } from '@shared/frameworks/model.ts';
import { api, ApiError, setCsrfToken } from '@web/lib/api.ts';
import { PROVISIONAL_LABEL, dateOrDash, indexResult } from '@web/features/evaluations/display.tsx';
import { NodeTree } from '@web/features/evaluations/NodeTree.tsx';

type PublicEvaluation = {
  id: string;
  unitName: string;
  year: number;
  periodName: string;
  stateLabel: string;
  framework: { code: string; name: string };
  posting: { from: string; until: string | null };
  acceptingComments: boolean;
  result: EvaluationResult | null;
  narrative: Record<string, string>;
};

type CommentForm = { authorName: string; authorContact?: string; content: string };

/** Result nodes as framework-like nodes, so the read-only tree can show them without the framework. */
function asNodes(result: EvaluationResult): FrameworkNode[] {
  const convert = (n: EvaluationResult['criteria'][number]): FrameworkNode => ({
    code: n.code,
    title: n.title,
    kind: n.kind,
    provenance: n.provenance,
    ...(n.max !== null ? { max: n.max } : {}),
    children: n.children.map(convert),
  });
  return result.criteria.map(convert);
}

/** The posted self-assessment, open to everyone (no sign-in), with the citizens' comment form. */
export function PublicPostingPage() {
  const { id = '' } = useParams();
  const { data, isLoading, error } = useQuery({
    queryKey: ['public-evaluation', id],
    queryFn: () => api.get<PublicEvaluation>(`/api/public/evaluations/${id}`),
    retry: false,
  });
  const [form] = Form.useForm<CommentForm>();
  const [sent, setSent] = useState<string | null>(null);
  const [sendError, setSendError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // A visitor who is also signed in needs the session's CSRF token for the comment form.
  useEffect(() => {
    api
      .get<{ csrfToken: string }>('/api/auth/me')
      .then((me) => setCsrfToken(me.csrfToken))
      .catch(() => undefined);
  }, []);

  async function send(values: CommentForm) {
    setBusy(true);
    setSent(null);
    setSendError(null);
    try {
      const response = await api.post<{ message: string }>(`/api/public/evaluations/${id}/comments`, {
        authorName: values.authorName,
        content: values.content,
        ...(values.authorContact ? { authorContact: values.authorContact } : {}),
      });
      setSent(response.message);
      form.resetFields();
    } catch (e) {
      const problems = e instanceof ApiError ? (e.details?.problems ?? []) : [];
      setSendError(
        [
          e instanceof ApiError ? e.message : 'Không gửi được ý kiến.',
          ...problems.map((p) => p.message),
        ].join(' '),
      );
    } finally {
      setBusy(false);
    }
  }

  const page = (children: ReactNode) => (
    <div style={{ maxWidth: 960, margin: '0 auto', padding: 12, boxSizing: 'border-box' }}>{children}</div>
  );
  if (isLoading) return page(<Spin tip="Đang tải…" />);
  if (error || !data)
    return page(
      <Result
        status="404"
        title="Không tìm thấy trang niêm yết"
        subTitle={error instanceof ApiError ? error.message : 'Vui lòng kiểm tra lại địa chỉ.'}
      />,
    );

  const result = data.result;
  const narrative = Object.entries(NARRATIVE_SECTIONS).filter(([k]) => data.narrative[k]?.trim());
  return page(
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Text type="secondary">Niêm yết công khai kết quả tự đánh giá</Typography.Text>
        <Typography.Title level={2} style={{ marginTop: 4, overflowWrap: 'anywhere' }}>
          {data.unitName}
        </Typography.Title>
        <Tag>{data.stateLabel}</Tag>
      </div>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'y', label: 'Năm đánh giá', children: data.year },
            { key: 'p', label: 'Kỳ đánh giá', children: data.periodName },
            { key: 'f', label: 'Bộ tiêu chí', children: data.framework.name },
            {
              key: 'd',
              label: 'Thời gian niêm yết',
              children: `${dateOrDash(data.posting.from)} – ${dateOrDash(data.posting.until)}`,
            },
          ]}
        />
      </Card>
      {result && (
        <Card size="small" title="Kết quả tự đánh giá">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {result.totalDisplay}
            </Typography.Title>
            <Typography.Text>{result.recognitionExplanation}</Typography.Text>
            {result.provisional && <Tag color="gold">{PROVISIONAL_LABEL}</Tag>}
            <NodeTree nodes={asNodes(result)} results={indexResult(result.criteria)} />
          </Space>
        </Card>
      )}
      {narrative.length > 0 && (
        <Card size="small" title="Báo cáo kết quả">
          {narrative.map(([k, label]) => (
            <div key={k}>
              <Typography.Title level={5}>{label}</Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                {data.narrative[k]}
              </Typography.Paragraph>
            </div>
          ))}
        </Card>
      )}
      <Card size="small" title="Góp ý của người dân">
        {data.acceptingComments ? (
          <Form form={form} layout="vertical" onFinish={send} requiredMark={false}>
            <Form.Item
              name="authorName"
              label="Họ và tên"
              rules={[{ required: true, min: 2, message: 'Vui lòng nhập họ tên' }]}
            >
              <Input autoComplete="name" maxLength={120} />
            </Form.Item>
            <Form.Item name="authorContact" label="Địa chỉ, số điện thoại hoặc thư điện tử (không bắt buộc)">
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item
              name="content"
              label="Nội dung ý kiến"
              rules={[{ required: true, min: 10, message: 'Ý kiến cần ít nhất 10 ký tự' }]}
            >
              <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} showCount />
            </Form.Item>
            {sent && <Alert type="success" showIcon title={sent} style={{ marginBottom: 12 }} />}
            {sendError && <Alert type="error" showIcon title={sendError} style={{ marginBottom: 12 }} />}
            <Button type="primary" htmlType="submit" loading={busy}>
              Gửi ý kiến
            </Button>
          </Form>
        ) : (
          <Typography.Text>Thời gian nhận ý kiến đã kết thúc.</Typography.Text>
        )}
      </Card>
    </Space>,
  );
}
