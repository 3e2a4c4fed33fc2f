import { useQuery } from '@tanstack/react-query';
import { Alert, Progress, Space, Typography } from 'antd';
import type { z } from 'zod';
import type { jobResponse } from '@shared/jobs/jobs.contract.ts';
import { api } from '@web/lib/api.ts';

/** A background job's progress (shared/jobs/jobs.contract.ts). */
export type JobView = z.output<typeof jobResponse>;

/** Shows a background job's progress, polling every second until it ends; `onDone` gets the finished job. */
export function JobProgress({ jobId, onDone }: { jobId: number; onDone?: (job: JobView) => void }) {
  const { data: job } = useQuery({
    queryKey: ['jobs', jobId],
    queryFn: async () => {
      const view = await api.get<JobView>(`/api/jobs/${jobId}`);
      if (view.status === 'succeeded' || view.status === 'failed') onDone?.(view);
      return view;
    },
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'succeeded' || status === 'failed' ? false : 1000;
    },
  });
  if (!job) return <Progress percent={0} status="active" />;
  const percent =
    job.progress && job.progress.total > 0 ? Math.round((job.progress.done * 100) / job.progress.total) : 0;
  if (job.status === 'failed') {
    return (
      <Alert
        type="error"
        showIcon
        title={`Công việc thất bại sau ${job.attempts} lần thử: ${job.error ?? ''}`}
      />
    );
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Progress
        percent={job.status === 'succeeded' ? 100 : percent}
        status={job.status === 'succeeded' ? 'success' : 'active'}
      />
      <Typography.Text type="secondary">
        {job.status === 'queued'
          ? 'Đang chờ xử lý…'
          : job.status === 'succeeded'
            ? 'Đã xong.'
            : (job.progress?.message ?? 'Đang xử lý…')}
        {job.status === 'queued' && job.attempts > 0
          ? ` (lỗi lần ${job.attempts}: ${job.error ?? ''}; sẽ thử lại)`
          : ''}
      </Typography.Text>
    </Space>
  );
}
