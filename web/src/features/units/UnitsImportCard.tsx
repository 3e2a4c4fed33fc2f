import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { compareVietnamese } from '@shared/format/vi.ts';
import { JobProgress } from '@web/components/JobProgress.tsx';
import { api, ApiError } from '@web/lib/api.ts';
import type { JobStarted } from '@shared/contract.ts';
import type { ImportableProvince } from './units.api.ts';

/** For system administrators: import the shipped official unit list, whole country or chosen provinces. */
export function UnitsImportCard() {
  const client = useQueryClient();
  const [codes, setCodes] = useState<string[]>([]);
  const [jobId, setJobId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { data: provinces = [] } = useQuery({
    queryKey: ['units', 'import', 'provinces'],
    queryFn: () => api.get<ImportableProvince[]>('/api/units/import/provinces'),
  });

  async function start() {
    setError(null);
    try {
      const { jobId: id } = await api.post<JobStarted>(
        '/api/units/import',
        codes.length ? { provinceCodes: codes } : {},
      );
      setJobId(id);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Không bắt đầu được việc nhập.');
    }
  }

  return (
    <Card size="small" title="Nhập danh mục đơn vị hành chính chính thức (2025)">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          34 tỉnh, 3.321 xã, phường, đặc khu và các đơn vị cũ trước 01/07/2025 (kèm liên kết cũ → mới). Nhập
          lại nhiều lần không tạo trùng.
        </Typography.Text>
        <Space wrap style={{ width: '100%' }}>
          <Select
            mode="multiple"
            allowClear
            placeholder="Cả nước (hoặc chọn tỉnh)"
            style={{ minWidth: 280, maxWidth: '100%' }}
            value={codes}
            onChange={setCodes}
            optionFilterProp="label"
            options={[...provinces]
              .sort((a, b) => compareVietnamese(a.name, b.name))
              .map((p) => ({ value: p.code, label: `${p.name} (${p.communes} xã)` }))}
          />
          <Button type="primary" onClick={start} disabled={jobId !== null}>
            {codes.length ? `Nhập ${codes.length} tỉnh` : 'Nhập cả nước'}
          </Button>
        </Space>
        {error && <Alert type="error" showIcon title={error} />}
        {jobId !== null && (
          <JobProgress
            jobId={jobId}
            onDone={() => {
              void client.invalidateQueries({ queryKey: ['units', 'list'] });
            }}
          />
        )}
      </Space>
    </Card>
  );
}
