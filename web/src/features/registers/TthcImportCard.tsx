import { Alert, Button, Card, Input, Select, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { formatDecimal } from '@shared/format/vi.ts';
import type { JobStarted } from '@shared/contract.ts';
import {
  DOSSIER_COLUMN_LABELS,
  DOSSIER_COLUMNS,
  REQUIRED_DOSSIER_COLUMNS,
  type DossierColumn,
} from '@shared/tthc/dossier-row.ts';
import {
  mappingProblems,
  TTHC_IMPORT_MAX_BYTES,
  type ImportIssue,
  type ImportReport,
  type ImportUpload,
} from '@shared/tthc/import.contract.ts';
import { JobProgress } from '@web/components/JobProgress.tsx';
import { api, ApiError, getCsrfToken } from '@web/lib/api.ts';

/**
 * Importing a one-stop export: choose the file → confirm which column of the file fills each
 * column of the register (saved for the source name) → progress → the counts, or every bad row.
 */
export function TthcImportCard({ unitId, onImported }: { unitId: string; onImported: () => void }) {
  const [offer, setOffer] = useState<ImportUpload | null>(null);
  const [mapping, setMapping] = useState<Partial<Record<DossierColumn, string>>>({});
  const [sourceName, setSourceName] = useState('');
  const [jobId, setJobId] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function reset() {
    setOffer(null);
    setJobId(null);
    setReport(null);
    setError(null);
  }

  async function upload(file: File) {
    reset();
    if (file.size > TTHC_IMPORT_MAX_BYTES) {
      setError(
        `Tệp "${file.name}" quá lớn: tối đa ${formatDecimal(TTHC_IMPORT_MAX_BYTES / 1024 / 1024)} MB.`,
      );
      return;
    }
    const body = new FormData();
    body.append('file', file, file.name);
    setBusy(true);
    try {
      const response = await fetch(`/api/registers/tthc/imports?unitId=${unitId}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'x-csrf-token': getCsrfToken() ?? '' },
        body,
      });
      const data = (await response.json().catch(() => null)) as
        (ImportUpload & { error?: { message?: string } }) | null;
      if (!response.ok || !data) {
        setError(data?.error?.message ?? `Không tải lên được "${file.name}".`);
        return;
      }
      setOffer(data);
      setMapping(data.mapping as Partial<Record<DossierColumn, string>>);
      setSourceName(data.sourceName);
    } catch {
      setError(`Không tải lên được "${file.name}". Kiểm tra mạng rồi thử lại.`);
    } finally {
      setBusy(false);
    }
  }

  async function start() {
    if (!offer) return;
    setError(null);
    try {
      const started = await api.post<JobStarted>(`/api/registers/tthc/imports/${offer.uploadId}/start`, {
        mapping,
        sourceName,
      });
      setJobId(started.jobId);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Không bắt đầu được việc nhập.');
    }
  }

  const problems = offer ? mappingProblems(mapping, offer.headers) : [];
  const required = new Set<DossierColumn>(REQUIRED_DOSSIER_COLUMNS);

  return (
    <Card size="small" title="Nhập hồ sơ từ tệp xuất của phần mềm một cửa">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          Tệp CSV (UTF-8) hoặc Excel (.xlsx), dòng đầu là tiêu đề cột. Ngày ghi dd/mm/yyyy hoặc yyyy-mm-dd (có
          thể kèm giờ). Nhập lại cùng mã hồ sơ sẽ cập nhật, không tạo trùng. Nếu có dòng lỗi, không hồ sơ nào
          được nhập.
        </Typography.Text>
        {jobId === null && (
          <Upload
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button loading={busy}>{offer ? 'Chọn tệp khác' : 'Chọn tệp…'}</Button>
          </Upload>
        )}
        {error && <Alert type="error" showIcon title={error} />}
        {offer && jobId === null && (
          <>
            <Typography.Text>
              Tệp <b>{offer.fileName}</b> có {offer.headers.length} cột.{' '}
              {offer.savedMapping
                ? 'Đã dùng cách ghép cột lưu lần trước cho nguồn này.'
                : 'Cách ghép cột dưới đây được đề xuất theo tên cột; hãy kiểm tra lại.'}
            </Typography.Text>
            <Table
              size="small"
              pagination={false}
              rowKey="column"
              dataSource={DOSSIER_COLUMNS.map((column) => ({ column }))}
              columns={[
                {
                  title: 'Cột của sổ',
                  key: 'label',
                  render: (_: unknown, { column }) => (
                    <span>
                      {DOSSIER_COLUMN_LABELS[column]}
                      {required.has(column) && <Typography.Text type="danger"> *</Typography.Text>}{' '}
                      <Typography.Text type="secondary" code>
                        {column}
                      </Typography.Text>
                    </span>
                  ),
                },
                {
                  title: 'Cột trong tệp',
                  key: 'header',
                  render: (_: unknown, { column }) => (
                    <Select
                      allowClear
                      aria-label={`Cột trong tệp cho ${DOSSIER_COLUMN_LABELS[column]}`}
                      placeholder={required.has(column) ? 'Bắt buộc chọn' : '(không có)'}
                      style={{ width: '100%', minWidth: 220 }}
                      value={mapping[column]}
                      onChange={(v: string | undefined) => setMapping((m) => ({ ...m, [column]: v }))}
                      options={offer.headers.map((h) => ({ value: h, label: h }))}
                    />
                  ),
                },
              ]}
            />
            <Space wrap>
              <span>Tên nguồn dữ liệu (để dùng lại cách ghép cột):</span>
              <Input
                aria-label="Tên nguồn dữ liệu"
                value={sourceName}
                onChange={(e) => setSourceName(e.target.value)}
                style={{ width: 260 }}
                maxLength={100}
              />
            </Space>
            {problems.length > 0 && <Alert type="warning" showIcon title={problems.join(' ')} />}
            <Button type="primary" disabled={problems.length > 0 || !sourceName.trim()} onClick={start}>
              Nhập vào sổ
            </Button>
          </>
        )}
        {jobId !== null && (
          <JobProgress
            jobId={jobId}
            onDone={(job) => {
              const result = job.result as ImportReport | null;
              setReport(result);
              if (result?.status === 'imported') onImported();
            }}
          />
        )}
        {report?.status === 'imported' && (
          <Alert
            type="success"
            showIcon
            title={`Đã nhập ${formatDecimal(report.received)} hồ sơ: ${formatDecimal(report.created)} hồ sơ mới, ${formatDecimal(report.updated)} hồ sơ cập nhật.`}
            action={<Button onClick={reset}>Nhập tệp khác</Button>}
          />
        )}
        {report?.status === 'invalid' && offer && (
          <>
            <Alert
              type="error"
              showIcon
              title={`Tệp có ${formatDecimal(report.invalidRows)} dòng lỗi trên ${formatDecimal(report.received)} dòng (${formatDecimal(report.issueCount)} lỗi); chưa nhập hồ sơ nào. Sửa tệp rồi nhập lại.`}
              action={
                <Space>
                  <Button href={`/api/registers/tthc/imports/${offer.uploadId}/errors`}>
                    Tải danh sách lỗi
                  </Button>
                  <Button onClick={reset}>Chọn tệp khác</Button>
                </Space>
              }
            />
            <Table<ImportIssue>
              size="small"
              rowKey={(i) => `${i.line}-${i.column}-${i.message}`}
              dataSource={report.issues}
              pagination={{ pageSize: 20 }}
              columns={[
                { title: 'Dòng', dataIndex: 'line', width: 80 },
                {
                  title: 'Cột',
                  key: 'column',
                  width: 220,
                  render: (_: unknown, i) =>
                    i.header ?? DOSSIER_COLUMN_LABELS[i.column as DossierColumn] ?? i.column,
                },
                { title: 'Lỗi', dataIndex: 'message' },
              ]}
            />
          </>
        )}
      </Space>
    </Card>
  );
}
