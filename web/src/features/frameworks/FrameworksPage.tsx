import { Alert, Button, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type {
  FrameworkListDto,
  FrameworkSummaryDto,
  VersionMappingDto,
} from '@shared/frameworks/frameworks.schemas.ts';
import { formatDate } from '@shared/format/vi.ts';
import { api } from '@web/lib/api.ts';
import {
  FrameworkProvenanceTag,
  ImportFrameworkModal,
  ProvenanceTag,
  ShortHash,
  errorText,
} from './frameworks.display.tsx';

const MODEL_LABELS = { points: 'Chấm điểm', pass: 'Đạt/không đạt' } as const;

/** "Bộ tiêu chí": the stored framework versions the user can see, and the version mapping table. */
export function FrameworksPage() {
  const query = useQuery({
    queryKey: ['frameworks'],
    queryFn: () => api.get<FrameworkListDto>('/api/frameworks'),
  });
  const [importing, setImporting] = useState(false);
  const data = query.data;
  const canImport = (data?.abilities.canManage ?? false) && (data?.ownerChoices.length ?? 0) > 0;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>Bộ tiêu chí</Typography.Title>
      <Alert
        type="info"
        showIcon
        title="Mỗi phiên bản bộ tiêu chí là bất biến: sửa bộ tiêu chí là nhập một phiên bản mới; phiên bản đã dùng cho kỳ đánh giá được giữ nguyên mãi."
        description='Giá trị gắn nhãn "Tạm tính / chưa xác nhận" chưa được đối chiếu với văn bản pháp luật gốc, không phải số liệu chính thức.'
      />
      <Tabs
        items={[
          {
            key: 'list',
            label: 'Danh sách',
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                {canImport && <Button onClick={() => setImporting(true)}>Nhập bộ tiêu chí mới (JSON)</Button>}
                {query.error && (
                  <Alert type="error" showIcon title={errorText(query.error, 'Không tải được danh sách.')} />
                )}
                <FrameworkTable items={data?.items ?? []} loading={query.isLoading} />
              </Space>
            ),
          },
          { key: 'mapping', label: 'Đối chiếu phiên bản', children: <MappingView /> },
        ]}
      />
      {importing && data && (
        <ImportFrameworkModal
          open
          title="Nhập bộ tiêu chí (JSON)"
          ownerChoices={data.ownerChoices}
          onClose={() => setImporting(false)}
        />
      )}
    </Space>
  );
}

function FrameworkTable({ items, loading }: { items: FrameworkSummaryDto[]; loading: boolean }) {
  return (
    <Table<FrameworkSummaryDto>
      rowKey="id"
      loading={loading}
      dataSource={items}
      pagination={false}
      scroll={{ x: 900 }}
      locale={{ emptyText: 'Chưa có bộ tiêu chí nào.' }}
      columns={[
        {
          title: 'Mã',
          key: 'code',
          render: (_, f) => (
            <Link to={`/bo-tieu-chi/${f.id}`}>
              <strong>{f.code}</strong>
            </Link>
          ),
        },
        {
          title: 'Phiên bản',
          key: 'version',
          render: (_, f) => (
            <Space size={4}>
              <span>{f.version}</span>
              {!f.isLatest && <Tag>Đã có bản mới hơn</Tag>}
            </Space>
          ),
        },
        { title: 'Tên', dataIndex: 'name', width: 280 },
        { title: 'Cách đánh giá', key: 'model', render: (_, f) => MODEL_LABELS[f.model] },
        {
          title: 'Độ tin cậy',
          key: 'provenance',
          render: (_, f) => <FrameworkProvenanceTag provenance={f.provenance} provisional={f.provisional} />,
        },
        { title: 'Mã băm', key: 'hash', render: (_, f) => <ShortHash hash={f.hash} /> },
        {
          title: 'Đơn vị sở hữu',
          key: 'owner',
          render: (_, f) => f.owner?.name ?? 'Dựng sẵn trong phần mềm',
        },
        {
          title: 'Sử dụng',
          key: 'used',
          render: (_, f) =>
            f.usedByPeriods > 0 ? (
              <Tag color="blue">Đang dùng ({f.usedByPeriods} kỳ)</Tag>
            ) : (
              <Typography.Text type="secondary">Chưa dùng</Typography.Text>
            ),
        },
        { title: 'Ngày lưu', key: 'createdAt', render: (_, f) => formatDate(f.createdAt) },
      ]}
    />
  );
}

/** The built-in version mappings (old indicator → new indicator), e.g. TCPL-2021 → TCPL-2025. */
export function MappingView() {
  const query = useQuery({
    queryKey: ['frameworks', 'mappings'],
    queryFn: () => api.get<VersionMappingDto[]>('/api/frameworks/mappings'),
  });
  if (query.error) return <Alert type="error" showIcon title={errorText(query.error, 'Không tải được.')} />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {(query.data ?? []).map((m) => (
        <Space key={`${m.from.code}-${m.to.code}`} direction="vertical" style={{ width: '100%' }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {m.from.code} (phiên bản {m.from.version}) → {m.to.code} (phiên bản {m.to.version}){' '}
            <ProvenanceTag provenance={m.provenance} />
          </Typography.Title>
          <Typography.Text type="secondary">
            {m.from.name} → {m.to.name}
          </Typography.Text>
          {m.note && <Typography.Text type="secondary">{m.note}</Typography.Text>}
          <Table
            rowKey={(e) => e.from.code}
            size="small"
            pagination={false}
            scroll={{ x: 800 }}
            dataSource={m.entries}
            columns={[
              {
                title: `Chỉ tiêu ${m.from.code}`,
                key: 'from',
                render: (_, e) => (
                  <span>
                    <strong>{e.from.code}</strong> {e.from.title}
                  </span>
                ),
              },
              {
                title: `Tương ứng trong ${m.to.code}`,
                key: 'to',
                render: (_, e) =>
                  e.to.length === 0 ? (
                    <Typography.Text type="secondary">Không còn trong quy định mới</Typography.Text>
                  ) : (
                    <Space direction="vertical" size={0}>
                      {e.to.map((t) => (
                        <span key={t.code}>
                          <strong>{t.code}</strong> {t.title}
                        </span>
                      ))}
                    </Space>
                  ),
              },
              {
                title: 'Độ tin cậy',
                key: 'provenance',
                render: (_, e) => <ProvenanceTag provenance={e.provenance} />,
              },
              { title: 'Ghi chú', key: 'note', render: (_, e) => e.note ?? '' },
            ]}
          />
        </Space>
      ))}
    </Space>
  );
}
