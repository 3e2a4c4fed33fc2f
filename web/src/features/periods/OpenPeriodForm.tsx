import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  App,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { DeadlineDto } from '@shared/calendar/calendar.schemas.ts';
import type { MeResponse } from '@shared/auth.schemas.ts';
import {
  appliesToYear,
  formatEffectiveYears,
  provenanceTag,
  suggestFramework,
  type FrameworkListDto,
} from '@shared/frameworks/frameworks.schemas.ts';
import { compareVietnamese, DATE_INPUT_FORMAT } from '@shared/format/vi.ts';
import { api, ApiError } from '@web/lib/api.ts';
import { UnitSelect } from '@web/features/units/UnitSelect.tsx';
import { toQuery, type Page, type Unit } from '@web/features/units/units.api.ts';
import { FRAMEWORK_OPTIONS, problemsByField, type PeriodCreated } from './periods.api.ts';

type DateField = 'selfAssessmentDue' | 'submissionDue' | 'appraisalDue' | 'decisionDue';

type FormValues = {
  unitId?: string;
  year: number;
  name: string;
  evaluatingLevel: 'province' | 'district';
  frameworkCode: string;
  postingDays: number;
  unitIds: string[];
  /** Optional registration step: communes register before this date. */
  registrationDue?: Dayjs | null;
} & Record<DateField, Dayjs | undefined>;

/**
 * Suggested chain of deadlines in working days after the previous one: the dossier is sent after
 * the posting (≥ 5 days) and the comments; then appraisal; then the decision. Only suggestions —
 * the organiser edits any date.
 */
const SUGGESTED_WORKING_DAYS: {
  field: Exclude<DateField, 'selfAssessmentDue'>;
  after: DateField;
  days: number;
}[] = [
  { field: 'submissionDue', after: 'selfAssessmentDue', days: 10 },
  { field: 'appraisalDue', after: 'submissionDue', days: 20 },
  { field: 'decisionDue', after: 'appraisalDue', days: 10 },
];

const iso = (d: Dayjs | undefined) => d?.format('YYYY-MM-DD');

/** All current communes directly under a unit (a post-2025 province or a former district), in pages of 500. */
async function fetchCommunes(parentId: string): Promise<Unit[]> {
  const all: Unit[] = [];
  for (let page = 1; ; page++) {
    const data = await api.get<Page<Unit>>(
      `/api/units${toQuery({ parentId, level: 'commune', pageSize: 500, page })}`,
    );
    all.push(...data.items);
    if (all.length >= data.total || data.items.length === 0) break;
  }
  return all.sort((a, b) => compareVietnamese(a.name, b.name));
}

/** "Mở kỳ đánh giá": the organiser's form, with deadline suggestions from the working-day calendar. */
export function OpenPeriodForm({ me, onCreated }: { me: MeResponse; onCreated: (id: string) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [explanations, setExplanations] = useState<Partial<Record<DateField, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const unitId = Form.useWatch('unitId', form);
  const chosen = Form.useWatch('unitIds', form) ?? [];
  // The business calendar's year (CLOCK_OFFSET_DAYS on a training copy), from the server.
  const year = Number(me.today.slice(0, 4));
  const defaultUnit = me.grants.find((g) => g.role === 'province_admin')?.unitId ?? me.grants[0]?.unitId;

  const communes = useQuery({
    queryKey: ['units', 'communes-of', unitId],
    queryFn: () => fetchCommunes(unitId!),
    enabled: !!unitId,
    staleTime: 60_000,
  });

  // The stored frameworks (built-in and the province's own copies), latest version of each code.
  const frameworks = useQuery({
    queryKey: ['frameworks'],
    queryFn: () => api.get<FrameworkListDto>('/api/frameworks'),
    staleTime: 60_000,
  });
  const frameworkOptions = frameworks.data
    ? frameworks.data.items
        .filter((f) => f.isLatest)
        .map((f) => ({
          value: f.code,
          label:
            `${f.code} — ${f.name}` +
            (f.effectiveYears ? ` (áp dụng ${formatEffectiveYears(f.effectiveYears)})` : '') +
            (f.provisional ? ` — ${provenanceTag('?')}` : ''),
        }))
    : FRAMEWORK_OPTIONS.map((f) => ({ value: f.code, label: `${f.code} — ${f.label}` }));
  const periodYear = Form.useWatch('year', form) ?? year;
  const frameworkCode = Form.useWatch('frameworkCode', form);
  const chosenFramework = frameworks.data?.items.find((f) => f.isLatest && f.code === frameworkCode);

  // Until the organiser picks one, suggest the framework in force for the period's year.
  useEffect(() => {
    if (!frameworks.data || form.isFieldTouched('frameworkCode')) return;
    const suggested = suggestFramework(frameworks.data.items, periodYear);
    if (suggested) form.setFieldValue('frameworkCode', suggested.code);
  }, [frameworks.data, periodYear, form]);

  async function suggestFrom(selfAssessmentDue: Dayjs) {
    const next: Partial<Record<DateField, string>> = {};
    let previous = iso(selfAssessmentDue)!;
    try {
      for (const step of SUGGESTED_WORKING_DAYS) {
        const d = await api.get<DeadlineDto>(
          `/api/calendar/deadline${toQuery({ from: previous, workingDays: step.days })}`,
        );
        form.setFieldValue(step.field, dayjs(d.deadline));
        next[step.field] =
          `Gợi ý: ${d.explanation}` +
          (d.unloadedYears.length
            ? ` Cảnh báo: năm ${d.unloadedYears.join(', ')} chưa có lịch ngày nghỉ (mục Lịch ngày nghỉ), chỉ bỏ qua thứ Bảy, Chủ nhật.`
            : '');
        previous = d.deadline;
      }
      setExplanations(next);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Không tính được hạn gợi ý.');
    }
  }

  async function submit(values: FormValues) {
    setError(null);
    form.setFields(
      (
        [
          'unitId',
          'unitIds',
          'frameworkCode',
          'postingDays',
          'submissionDue',
          'appraisalDue',
          'decisionDue',
        ] as const
      ).map((name) => ({ name, errors: [] })),
    );
    setSaving(true);
    try {
      const created = await api.post<PeriodCreated>('/api/periods', {
        unitId: values.unitId,
        year: values.year,
        name: values.name,
        evaluatingLevel: values.evaluatingLevel,
        frameworkCode: values.frameworkCode,
        registrationDue: values.registrationDue ? iso(values.registrationDue) : null,
        selfAssessmentDue: iso(values.selfAssessmentDue),
        postingDays: values.postingDays,
        submissionDue: iso(values.submissionDue),
        appraisalDue: iso(values.appraisalDue),
        decisionDue: iso(values.decisionDue),
        unitIds: values.unitIds ?? [],
      });
      message.success(`Đã mở kỳ đánh giá với ${created.evaluations} hồ sơ.`);
      onCreated(created.id);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        const byField = problemsByField(e.details?.problems);
        const known = new Set(Object.keys(form.getFieldsValue(true)));
        form.setFields(
          [...byField]
            .filter(([f]) => known.has(f))
            .map(([name, errors]) => ({ name: name as keyof FormValues, errors })),
        );
        const unplaced = [...byField].filter(([f]) => !known.has(f)).flatMap(([, m]) => m);
        setError(unplaced.length ? `${e.message}` : 'Vui lòng sửa các ô được đánh dấu.');
      } else setError(e instanceof ApiError ? e.message : 'Không mở được kỳ đánh giá.');
    } finally {
      setSaving(false);
    }
  }

  const communeOptions = (communes.data ?? []).map((u) => ({ value: u.id, label: u.name }));
  const dateItem = (field: DateField, label: string) => (
    <Form.Item
      name={field}
      label={label}
      rules={[{ required: true, message: `Chọn ${label.toLowerCase()}` }]}
      extra={explanations[field]}
      style={{ minWidth: 200, flex: '1 1 200px' }}
    >
      <DatePicker
        format={DATE_INPUT_FORMAT}
        style={{ width: '100%' }}
        placeholder="dd/mm/yyyy"
        aria-label={label}
        onChange={(d) => {
          setExplanations((prev) => ({ ...prev, [field]: undefined }));
          if (field === 'selfAssessmentDue' && d) void suggestFrom(d);
        }}
      />
    </Form.Item>
  );

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{
        unitId: defaultUnit,
        year,
        name: `Đánh giá chuẩn tiếp cận pháp luật năm ${year}`,
        evaluatingLevel: 'province',
        postingDays: 5,
        unitIds: [],
      }}
    >
      <Form.Item
        name="unitId"
        label="Đơn vị tổ chức đánh giá"
        rules={[{ required: true, message: 'Chọn đơn vị' }]}
      >
        <UnitSelect />
      </Form.Item>
      <Flex wrap gap={16}>
        <Form.Item
          name="year"
          label="Năm đánh giá"
          rules={[{ required: true }]}
          style={{ flex: '0 1 140px' }}
        >
          <InputNumber min={2000} max={2100} style={{ width: '100%' }} aria-label="Năm đánh giá" />
        </Form.Item>
        <Form.Item name="evaluatingLevel" label="Cấp đánh giá" style={{ flex: '1 1 200px' }}>
          <Radio.Group
            options={[
              { value: 'province', label: 'Cấp tỉnh' },
              { value: 'district', label: 'Cấp huyện (trước 01/7/2025)' },
            ]}
          />
        </Form.Item>
      </Flex>
      <Form.Item
        name="name"
        label="Tên kỳ đánh giá"
        rules={[{ required: true, min: 3, message: 'Tên kỳ đánh giá quá ngắn' }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="frameworkCode"
        label="Bộ tiêu chí"
        rules={[{ required: true, message: 'Chọn bộ tiêu chí' }]}
        {...(chosenFramework?.effectiveYears && !appliesToYear(chosenFramework.effectiveYears, periodYear)
          ? {
              validateStatus: 'warning' as const,
              help: `Bộ tiêu chí ${chosenFramework.code} áp dụng cho các năm ${formatEffectiveYears(chosenFramework.effectiveYears)}, không gồm năm ${periodYear}. Hãy kiểm tra lại trước khi mở kỳ.`,
            }
          : chosenFramework?.provisional
            ? {
                extra: `${provenanceTag('?')}: một số giá trị của bộ tiêu chí này chưa được đối chiếu với văn bản gốc.`,
              }
            : {})}
      >
        <Select aria-label="Bộ tiêu chí" loading={frameworks.isLoading} options={frameworkOptions} />
      </Form.Item>
      <Form.Item
        name="registrationDue"
        label="Hạn đăng ký tham gia (không bắt buộc)"
        extra="Nếu đặt, mỗi xã phải đăng ký trước hạn này rồi mới tự đánh giá."
        style={{ maxWidth: 320 }}
      >
        <DatePicker
          format={DATE_INPUT_FORMAT}
          style={{ width: '100%' }}
          placeholder="dd/mm/yyyy"
          aria-label="Hạn đăng ký"
        />
      </Form.Item>
      <Flex wrap gap={16}>
        {dateItem('selfAssessmentDue', 'Hạn tự đánh giá')}
        <Form.Item
          name="postingDays"
          label="Số ngày niêm yết"
          rules={[{ required: true, type: 'number', min: 5, message: 'Niêm yết tối thiểu 5 ngày' }]}
          style={{ flex: '0 1 160px' }}
        >
          <InputNumber min={5} max={60} style={{ width: '100%' }} aria-label="Số ngày niêm yết" />
        </Form.Item>
      </Flex>
      <Flex wrap gap={16}>
        {dateItem('submissionDue', 'Hạn gửi hồ sơ')}
        {dateItem('appraisalDue', 'Hạn thẩm định')}
        {dateItem('decisionDue', 'Hạn quyết định')}
      </Flex>
      <Form.Item
        name="unitIds"
        label="Các xã, phường, đặc khu tham gia"
        rules={[{ required: true, type: 'array', min: 1, message: 'Chọn ít nhất một đơn vị tham gia' }]}
        extra={
          <Checkbox
            style={{ marginTop: 4 }}
            disabled={communeOptions.length === 0}
            checked={communeOptions.length > 0 && chosen.length === communeOptions.length}
            onChange={(ev) =>
              form.setFields([
                {
                  name: 'unitIds',
                  value: ev.target.checked ? communeOptions.map((o) => o.value) : [],
                  errors: [],
                },
              ])
            }
          >
            Chọn tất cả ({communeOptions.length})
          </Checkbox>
        }
      >
        <Select
          mode="multiple"
          aria-label="Các xã tham gia"
          loading={communes.isFetching}
          options={communeOptions}
          optionFilterProp="label"
          maxTagCount="responsive"
          placeholder={unitId ? 'Chọn các xã, phường, đặc khu' : 'Chọn đơn vị tổ chức trước'}
          style={{ width: '100%' }}
        />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ margin: '12px 0' }} />}
      <Button type="primary" htmlType="submit" loading={saving} style={{ marginTop: 12 }}>
        Mở kỳ đánh giá
      </Button>
    </Form>
  );
}
