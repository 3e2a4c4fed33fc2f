import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Flex, List, Progress, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import {
  EVALUATION_FORMS,
  FORMS,
  PERIOD_FORMS,
  STORED_FORMS,
  type StoredForm,
} from '@shared/evaluations/documents.ts';
import { api, ApiError } from '@web/lib/api.ts';
import { downloadFile } from './documents.ts';
import type { JobStarted } from '@shared/contract.ts';

const BULK_OPTIONS = STORED_FORMS.map((value) => ({ value, label: FORMS[value].short }));

type BulkFailure = { form: StoredForm; unit: string; message: string };
type JobStatus = {
  id: number;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: { done: number; total: number; message?: string } | null;
  error: string | null;
  result: { file: string; documents: number; failures: BulkFailure[] } | null;
};

/** The organiser's card for a period: its own forms, and "all documents of the period" as one ZIP. */
export function PeriodDocumentsCard({ periodId, periodName }: { periodId: string; periodName?: string }) {
  const { message } = App.useApp();
  const [forms, setForms] = useState<StoredForm[]>([...EVALUATION_FORMS]);
  const [format, setFormat] = useState<'docx' | 'pdf'>('docx');
  const [jobId, setJobId] = useState<number | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);

  const job = useQuery({
    queryKey: ['jobs', jobId],
    queryFn: () => api.get<JobStatus>(`/api/jobs/${jobId}`),
    enabled: jobId !== null,
    // Poll every second until the job has finished.
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'succeeded' || status === 'failed' ? false : 1000;
    },
  });

  const start = async () => {
    setStarting(true);
    setStartError(null);
    try {
      const { jobId: id } = await api.post<JobStarted>(`/api/periods/${periodId}/documents/bulk`, {
        forms,
        format,
      });
      setJobId(id);
    } catch (error) {
      setStartError(error instanceof ApiError ? error.message : 'Không tạo được công việc.');
    } finally {
      setStarting(false);
    }
  };

  const save = async (url: string, name: string) => {
    try {
      await downloadFile(url, name);
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : 'Không tải được tệp.');
    }
  };

  const data = job.data;
  const running = data && (data.status === 'queued' || data.status === 'running');
  const percent = data?.progress?.total ? Math.round((data.progress.done * 100) / data.progress.total) : 0;

  return (
    <Card size="small" title={periodName ? `Văn bản của kỳ: ${periodName}` : 'Văn bản của kỳ đánh giá'}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Flex wrap gap={8}>
          {PERIOD_FORMS.map((form) => (
            <Button
              key={form}
              onClick={() => void save(`/api/periods/${periodId}/documents/${form}`, `${form}.docx`)}
            >
              {FORMS[form].title}
            </Button>
          ))}
        </Flex>
        <Typography.Text strong>Tạo toàn bộ văn bản của kỳ (một tệp ZIP)</Typography.Text>
        <Checkbox.Group options={BULK_OPTIONS} value={forms} onChange={(v) => setForms(v as StoredForm[])} />
        <Radio.Group
          value={format}
          onChange={(ev) => setFormat(ev.target.value as 'docx' | 'pdf')}
          options={[
            { value: 'docx', label: 'Word (DOCX)' },
            { value: 'pdf', label: 'PDF' },
          ]}
        />
        <Button
          type="primary"
          loading={starting || !!running}
          disabled={forms.length === 0}
          onClick={() => void start()}
        >
          Tạo toàn bộ văn bản của kỳ
        </Button>
        {startError && <Alert type="error" showIcon title={startError} />}
        {data && (
          <Space direction="vertical" style={{ width: '100%' }} aria-live="polite">
            <Progress
              percent={data.status === 'succeeded' ? 100 : percent}
              status={
                data.status === 'failed' ? 'exception' : data.status === 'succeeded' ? 'success' : 'active'
              }
            />
            {running && (
              <Typography.Text type="secondary">
                {data.progress
                  ? `${data.progress.done}/${data.progress.total} văn bản — ${data.progress.message ?? ''}`
                  : 'Đang chờ máy chủ xử lý…'}
              </Typography.Text>
            )}
            {data.status === 'failed' && (
              <Alert type="error" showIcon title={data.error ?? 'Công việc bị lỗi.'} />
            )}
            {data.status === 'succeeded' && data.result && (
              <>
                <Typography.Text>Đã tạo {data.result.documents} văn bản.</Typography.Text>
                <Button onClick={() => void save(`/api/jobs/${data.id}/download`, 'van-ban.zip')}>
                  Tải tệp ZIP
                </Button>
                {data.result.failures.length > 0 && (
                  <Alert
                    type="warning"
                    showIcon
                    title={`${data.result.failures.length} văn bản không tạo được`}
                    description={
                      <List
                        size="small"
                        dataSource={data.result.failures}
                        renderItem={(f) => (
                          <List.Item>
                            {FORMS[f.form]?.short ?? f.form} — {f.unit}: {f.message}
                          </List.Item>
                        )}
                      />
                    }
                  />
                )}
              </>
            )}
          </Space>
        )}
      </Space>
    </Card>
  );
}
