import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  InputNumber,
  Radio,
  Checkbox,
  Input,
  Space,
  Tag,
  Typography,
  App,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { formatDecimal } from '@shared/format/vi.ts';
import {
  ANSWER_SOURCE_LABELS,
  ANSWER_SOURCES,
  questionsOf,
  SURVEY_AUDIENCE_LABELS,
  SURVEY_KIND_LABELS,
  SURVEY_STATUS_LABELS,
  type AnswerValues,
} from '@shared/surveys/surveys.ts';
import type { SurveyDto, SurveyResults } from '@shared/surveys/surveys.contract.ts';
import { api, ApiError } from '@web/lib/api.ts';
import { dateOrDash } from '@web/features/evaluations/display.tsx';
import { downloadFile } from '@web/features/evaluations/documents.ts';
import { PublicLinkCard } from '@web/components/PublicLinkCard.tsx';
import { QrCode } from '@web/components/QrCode.tsx';
import { createPortal } from 'react-dom';
import './slips-print.css';
import { SURVEY_STATUS_COLORS } from './SurveysPage.tsx';

/** One poll or survey: its state, public link and slips, live results with bars, paper answers, summaries. */
export function SurveyPage() {
  const { id } = useParams();
  const client = useQueryClient();
  const { message } = App.useApp();
  const key = ['surveys', id];
  const {
    data: s,
    error,
    isLoading,
  } = useQuery({
    queryKey: key,
    queryFn: () => api.get<SurveyDto>(`/api/surveys/${id}`),
    // Live counts while it is open.
    refetchInterval: (q) => (q.state.data?.status === 'open' ? 15_000 : false),
  });
  const [slips, setSlips] = useState<string[] | null>(null);
  const act = async (run: () => Promise<SurveyDto>) => {
    try {
      client.setQueryData(key, await run());
      return true;
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : 'Không thực hiện được.');
      return false;
    }
  };
  if (isLoading) return <Typography.Text>Đang tải…</Typography.Text>;
  if (error || !s)
    return (
      <Alert
        type="error"
        showIcon
        title={error instanceof ApiError ? error.message : 'Không tải được phiếu.'}
      />
    );
  const download = (format: 'docx' | 'xlsx' | 'pdf') =>
    downloadFile(`/api/surveys/${s.id}/document?format=${format}`, `tong-hop.${format}`).catch((e: unknown) =>
      message.error(e instanceof Error ? e.message : 'Không tải được.'),
    );
  return (
    <Space direction="vertical" size="large" style={{ width: '100%', minWidth: 0 }}>
      <Typography.Title level={3}>{s.title}</Typography.Title>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label="Mẫu">{SURVEY_KIND_LABELS[s.kind]}</Descriptions.Item>
        <Descriptions.Item label="Đơn vị">{s.unit.name}</Descriptions.Item>
        <Descriptions.Item label="Người trả lời">{SURVEY_AUDIENCE_LABELS[s.audience]}</Descriptions.Item>
        <Descriptions.Item label="Trạng thái">
          <Tag color={SURVEY_STATUS_COLORS[s.status]} data-testid="survey-status">
            {SURVEY_STATUS_LABELS[s.status]}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label="Thời gian">
          {dateOrDash(s.opensOn)} – {dateOrDash(s.closesOn)}
          {s.lastDay !== s.closesOn && ` (nhận đến hết ${dateOrDash(s.lastDay)}, ngày làm việc kế tiếp)`}
        </Descriptions.Item>
        <Descriptions.Item label="Một người một phiếu">
          {s.audience !== 'public'
            ? 'Theo tài khoản được mời (không ghi kèm câu trả lời)'
            : s.requireSlip
              ? `Mã in trên phiếu (đã in ${s.slips.printed}, đã dùng ${s.slips.used})`
              : `Mỗi thiết bị tối đa ${s.deviceLimit} phiếu`}
        </Descriptions.Item>
      </Descriptions>
      <Space wrap>
        {s.abilities.canOpen && (
          <Button type="primary" onClick={() => act(() => api.post(`/api/surveys/${s.id}/open`))}>
            Mở lấy ý kiến
          </Button>
        )}
        {s.abilities.canClose && (
          <Button danger onClick={() => act(() => api.post(`/api/surveys/${s.id}/close`))}>
            Kết thúc lấy ý kiến
          </Button>
        )}
        <Button onClick={() => download('docx')}>Tải bản tổng hợp (DOCX)</Button>
        <Button onClick={() => download('xlsx')}>XLSX</Button>
        <Button onClick={() => download('pdf')}>PDF</Button>
      </Space>
      {s.publicPath && s.status !== 'draft' && (
        <PublicLinkCard
          title="Đường dẫn trả lời phiếu"
          path={s.publicPath}
          description="Người dân mở địa chỉ này hoặc quét mã QR để trả lời (không cần đăng nhập):"
        />
      )}
      {s.abilities.canEdit && s.audience === 'public' && s.status !== 'closed' && (
        <SlipsCard survey={s} codes={slips} onCodes={setSlips} />
      )}
      <ResultsCard results={s.results} />
      {s.abilities.canTypePaper && <PaperAnswerCard survey={s} act={act} />}
    </Space>
  );
}

/** Print slips: each with its one-time code and a QR code opening the page with the code filled in. */
function SlipsCard({
  survey,
  codes,
  onCodes,
}: {
  survey: SurveyDto;
  codes: string[] | null;
  onCodes: (c: string[]) => void;
}) {
  const [count, setCount] = useState(20);
  const { message } = App.useApp();
  const origin = window.location.origin;
  return (
    <Card size="small" title="In phiếu có mã dùng một lần">
      <Space wrap>
        <InputNumber
          min={1}
          max={500}
          value={count}
          onChange={(v) => setCount(v ?? 1)}
          aria-label="Số phiếu"
        />
        <Button
          onClick={async () => {
            try {
              const r = await api.post<{ codes: string[] }>(`/api/surveys/${survey.id}/slips`, { count });
              onCodes(r.codes);
            } catch (e) {
              message.error(e instanceof ApiError ? e.message : 'Không tạo được mã.');
            }
          }}
        >
          Tạo mã và in
        </Button>
        {codes && <Button onClick={() => window.print()}>In</Button>}
      </Space>
      {codes && (
        <>
          <Alert
            style={{ margin: '12px 0' }}
            type="warning"
            showIcon
            title="Các mã chỉ hiện một lần: hãy in ngay. Hệ thống chỉ lưu dấu vân tay (băm) của mã, không gắn với câu trả lời."
          />
          <div
            className="survey-slips"
            style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 8 }}
          >
            {codes.map((c) => {
              const url = `${origin}${survey.publicPath}?phieu=${c}`;
              return (
                <div
                  key={c}
                  style={{ border: '1px dashed #999', padding: 8, breakInside: 'avoid' }}
                  data-testid="slip"
                >
                  <Typography.Text strong>{survey.title}</Typography.Text>
                  <QrCode text={url} size={120} label={`Mã QR phiếu ${c}`} />
                  <div>
                    Mã phiếu:{' '}
                    <Typography.Text code data-testid="slip-code">
                      {c}
                    </Typography.Text>
                  </div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {origin}
                    {survey.publicPath}
                  </Typography.Text>
                </div>
              );
            })}
          </div>
          {createPortal(<PrintedSlips survey={survey} codes={codes} origin={origin} />, document.body)}
        </>
      )}
    </Card>
  );
}

/** The copy the printer gets (slips-print.css): one slip per A6 page, nothing of the application around it. */
function PrintedSlips({ survey, codes, origin }: { survey: SurveyDto; codes: string[]; origin: string }) {
  return (
    <div className="survey-slips-print">
      {codes.map((c) => {
        const url = `${origin}${survey.publicPath}?phieu=${c}`;
        return (
          <section key={c} className="survey-slip">
            <h1>{survey.title}</h1>
            <p>{survey.unit.name}</p>
            <div className="slip-qr" style={{ display: 'flex', justifyContent: 'center', margin: '3mm 0' }}>
              <QrCode text={url} size="45mm" label={`Mã QR phiếu ${c}`} />
            </div>
            <p>Quét mã QR bằng điện thoại, hoặc vào địa chỉ</p>
            <p>
              <strong>
                {origin}
                {survey.publicPath}
              </strong>
            </p>
            <p>và nhập mã phiếu:</p>
            <div className="slip-code">{c}</div>
            <p>Mỗi mã chỉ gửi được một lần. Phiếu không ghi tên người trả lời.</p>
            <p>Hạn trả lời: {dateOrDash(survey.lastDay)}</p>
          </section>
        );
      })}
    </div>
  );
}

/** Live counts with simple CSS bars, and the figure the framework reads. */
function ResultsCard({ results }: { results: SurveyResults }) {
  return (
    <Card size="small" title={`Kết quả: ${results.total} phiếu`}>
      <Typography.Paragraph type="secondary">
        {ANSWER_SOURCES.filter((src) => results.bySource[src])
          .map((src) => `${ANSWER_SOURCE_LABELS[src]}: ${results.bySource[src]}`)
          .join('; ') || 'Chưa có phiếu.'}
      </Typography.Paragraph>
      {results.figure && (
        <Alert
          type="info"
          style={{ marginBottom: 16 }}
          title={
            <span data-testid="survey-figure">
              {results.figure.label}: {results.figure.numerator}/{results.figure.denominator}
              {results.figure.percent !== null && ` (${formatDecimal(results.figure.percent)}%)`}
            </span>
          }
        />
      )}
      {results.questions.map((q) => (
        <div key={q.id} style={{ marginBottom: 16 }}>
          <Typography.Text strong>
            {q.text} <Typography.Text type="secondary">({q.answered} trả lời)</Typography.Text>
          </Typography.Text>
          {q.options?.map((o) => (
            <Bar key={o.id} label={o.label} count={o.count} of={q.answered} />
          ))}
          {q.scale && (
            <>
              {q.scale.counts.map((c, i) => (
                <Bar key={i} label={`Mức ${i + 1}`} count={c} of={q.answered} />
              ))}
              {q.scale.average && <div>Điểm trung bình: {formatDecimal(q.scale.average)}</div>}
            </>
          )}
          {q.texts && (
            <ul style={{ margin: '4px 0' }}>
              {q.texts.slice(0, 50).map((t, i) => (
                <li key={i}>{t}</li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </Card>
  );
}

function Bar({ label, count, of }: { label: string; count: number; of: number }) {
  const width = of ? Math.round((count / of) * 100) : 0;
  return (
    <div
      style={{
        display: 'grid',
        gridTemplateColumns: 'minmax(120px, 2fr) 3fr 48px',
        gap: 8,
        alignItems: 'center',
      }}
    >
      <span>{label}</span>
      <div style={{ background: '#f0f0f0', height: 14, borderRadius: 3 }} aria-hidden>
        <div style={{ width: `${width}%`, background: '#a8071a', height: '100%', borderRadius: 3 }} />
      </div>
      <span style={{ textAlign: 'right' }}>{count}</span>
    </div>
  );
}

/** An officer types the answers of one paper slip (stored as "phiếu giấy"). */
function PaperAnswerCard({
  survey,
  act,
}: {
  survey: SurveyDto;
  act: (run: () => Promise<SurveyDto>) => Promise<boolean>;
}) {
  const [form] = Form.useForm<AnswerValues>();
  return (
    <Card size="small" title="Nhập phiếu giấy">
      <Form
        form={form}
        layout="vertical"
        onFinish={async (values) => {
          const answers = Object.fromEntries(
            Object.entries(values).filter(
              ([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && !v.length),
            ),
          );
          if (await act(() => api.post(`/api/surveys/${survey.id}/paper-answers`, { answers })))
            form.resetFields();
        }}
      >
        {questionsOf(survey.definition).map((q) => (
          <Form.Item key={q.id} name={q.id} label={q.text} required={q.required}>
            {q.type === 'single' ? (
              <Radio.Group options={(q.options ?? []).map((o) => ({ value: o.id, label: o.label }))} />
            ) : q.type === 'multiple' ? (
              <Checkbox.Group options={(q.options ?? []).map((o) => ({ value: o.id, label: o.label }))} />
            ) : q.type === 'scale' ? (
              <Radio.Group
                options={Array.from({ length: q.scale?.max ?? 5 }, (_, i) => ({
                  value: i + 1,
                  label: String(i + 1),
                }))}
              />
            ) : (
              <Input.TextArea rows={2} maxLength={500} />
            )}
          </Form.Item>
        ))}
        <Button htmlType="submit" type="primary">
          Lưu phiếu giấy
        </Button>
      </Form>
    </Card>
  );
}
