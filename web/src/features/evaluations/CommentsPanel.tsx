import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Input, Radio, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import {
  COMMENT_RESPONSE_KIND_LABELS,
  COMMENT_RESPONSE_KINDS,
  type CommentResponseKind,
} from '@shared/evaluations/evaluations.schemas.ts';
import { formatDate } from '@shared/format/vi.ts';
import { api, ApiError } from '@web/lib/api.ts';
import type { PublicComment } from './types.ts';

export function CommentsPanel({ evaluationId, canRespond }: { evaluationId: string; canRespond: boolean }) {
  const { data, isLoading, error, refetch } = useQuery({
    queryKey: ['evaluations', evaluationId, 'comments'],
    queryFn: () => api.get<PublicComment[]>(`/api/evaluations/${evaluationId}/comments`),
  });
  if (isLoading) return <Spin />;
  if (error)
    return (
      <Alert
        type="error"
        showIcon
        title={error instanceof ApiError ? error.message : 'Không tải được ý kiến.'}
      />
    );
  if (!data?.length) return <Empty description="Chưa có ý kiến nào của người dân." />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {data.map((c) => (
        <CommentCard
          key={c.id}
          evaluationId={evaluationId}
          comment={c}
          canRespond={canRespond}
          onDone={() => void refetch()}
        />
      ))}
    </Space>
  );
}

function CommentCard({
  evaluationId,
  comment,
  canRespond,
  onDone,
}: {
  evaluationId: string;
  comment: PublicComment;
  canRespond: boolean;
  onDone: () => void;
}) {
  const [text, setText] = useState(comment.response ?? '');
  // No default: Mẫu 03 reports the choice, so the commune makes it deliberately.
  const [kind, setKind] = useState<CommentResponseKind | null>(comment.responseKind);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit() {
    if (!kind) {
      setError('Chọn "Tiếp thu" hoặc "Giải trình" trước khi lưu.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/evaluations/${evaluationId}/comments/${comment.id}/response`, {
        response: text,
        // The response this one replaces, as loaded: the server refuses (409) if someone changed it since.
        expectedRespondedAt: comment.respondedAt,
        kind,
      });
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Không lưu được.');
      // Reload so the saved response shows below; the text being typed is kept.
      if (e instanceof ApiError && e.status === 409) onDone();
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card size="small" title={`${comment.authorName} — ${formatDate(comment.createdAt)}`}>
      {comment.authorContact && (
        <Typography.Text type="secondary">Liên hệ: {comment.authorContact}</Typography.Text>
      )}
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{comment.content}</Typography.Paragraph>
      {comment.response && !canRespond && (
        <Typography.Paragraph>
          <b>
            {comment.responseKind
              ? COMMENT_RESPONSE_KIND_LABELS[comment.responseKind]
              : 'Tiếp thu, giải trình'}
            :
          </b>{' '}
          {comment.response}
        </Typography.Paragraph>
      )}
      {canRespond && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text strong>Tiếp thu, giải trình</Typography.Text>
          <Radio.Group
            aria-label="Cách xử lý ý kiến"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as CommentResponseKind);
              setError(null);
            }}
            options={COMMENT_RESPONSE_KINDS.map((k) => ({
              value: k,
              label: COMMENT_RESPONSE_KIND_LABELS[k],
            }))}
          />
          <Input.TextArea
            aria-label="Tiếp thu, giải trình"
            autoSize={{ minRows: 2, maxRows: 8 }}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          {comment.respondedAt && (
            <Typography.Text type="secondary">
              Đã ghi nhận ngày {formatDate(comment.respondedAt)}
            </Typography.Text>
          )}
          {error && <Alert type="error" showIcon title={error} />}
          {error && comment.response && comment.response !== text && (
            <Typography.Text type="secondary">Nội dung đã lưu: {comment.response}</Typography.Text>
          )}
          <Button loading={busy} onClick={() => void submit()}>
            Lưu tiếp thu, giải trình
          </Button>
        </Space>
      )}
    </Card>
  );
}
