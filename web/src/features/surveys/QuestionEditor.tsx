/**
 * The questionnaire of a new survey (ADR 0017): sections and their questions — single choice, multiple
 * choice, scale 1..n with its end words, short text — added, removed, reordered, with their options. It
 * edits the shared question model (shared/surveys/surveys.ts) and checks it with the same `definitionSchema`
 * the server parses, showing each message at its question.
 */
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Flex,
  Input,
  InputNumber,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { definitionProblems } from './definition-problems.ts';
import {
  type Question,
  type QuestionType,
  type Section,
  type SurveyDefinition,
  type SurveyFigure,
} from '@shared/surveys/surveys.ts';

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  single: 'Một lựa chọn',
  multiple: 'Nhiều lựa chọn',
  scale: 'Thang điểm',
  text: 'Trả lời ngắn',
};

function move<T>(list: T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

/** A fresh id not used yet: prefix + the next number. */
function freshId(prefix: string, used: Iterable<string>): string {
  const taken = new Set(used);
  let n = 1;
  while (taken.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

function newQuestion(definition: SurveyDefinition): Question {
  const id = freshId(
    'cau',
    definition.sections.flatMap((s) => s.questions.map((q) => q.id)),
  );
  return {
    id,
    type: 'single',
    text: 'Câu hỏi mới',
    required: false,
    options: [
      { id: 'pa1', label: 'Có' },
      { id: 'pa2', label: 'Không' },
    ],
  };
}

/** The question as it must be for its type: choices keep options, a scale gets one, a text has neither. */
function withType(q: Question, type: QuestionType): Question {
  const { options, scale, ...rest } = q;
  if (type === 'single' || type === 'multiple')
    return { ...rest, type, options: options?.length ? options : [{ id: 'pa1', label: 'Phương án 1' }] };
  if (type === 'scale')
    return {
      ...rest,
      type,
      scale: scale ?? { max: 5, minLabel: 'Rất không hài lòng', maxLabel: 'Rất hài lòng' },
    };
  return { ...rest, type };
}

export function QuestionEditor({
  value,
  onChange,
  figure,
}: {
  value: SurveyDefinition;
  onChange(next: SurveyDefinition): void;
  /** The question the kind's figure reads (2.4, 8.1): removing it means the survey feeds no indicator. */
  figure?: SurveyFigure | null;
}) {
  const problems = definitionProblems(value);
  const setSections = (sections: Section[]) => onChange({ sections });
  const setSection = (si: number, section: Section) =>
    setSections(value.sections.map((s, i) => (i === si ? section : s)));
  const setQuestion = (si: number, qi: number, q: Question) =>
    setSection(si, {
      ...value.sections[si]!,
      questions: value.sections[si]!.questions.map((x, i) => (i === qi ? q : x)),
    });
  const figureKept = !figure || value.sections.some((s) => s.questions.some((q) => q.id === figure.question));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="question-editor">
      {problems.size > 0 ? (
        <Alert
          type="error"
          showIcon
          title={`Phiếu còn ${[...problems.values()].flat().length} lỗi; sửa ở các câu được đánh dấu trước khi tạo.`}
        />
      ) : (
        <Alert type="success" showIcon title="Phiếu hợp lệ." />
      )}
      {figure && !figureKept && (
        <Alert
          type="warning"
          showIcon
          title={`Đã bỏ câu "${figure.question}" dùng để tính chỉ số (${figure.label}): phiếu này sẽ không còn cung cấp số liệu cho chỉ tiêu.`}
        />
      )}
      {(problems.get('') ?? []).map((m) => (
        <Typography.Text key={m} type="danger">
          {m}
        </Typography.Text>
      ))}
      {value.sections.map((section, si) => (
        <Card
          key={si}
          size="small"
          title={
            <Input
              aria-label={`Tên phần ${si + 1}`}
              value={section.title}
              status={(problems.get(`${si}`) ?? []).length ? 'error' : undefined}
              onChange={(e) => setSection(si, { ...section, title: e.target.value })}
            />
          }
          extra={
            <Space.Compact size="small" style={{ marginLeft: 8 }}>
              <Button
                aria-label={`Đưa phần ${si + 1} lên`}
                onClick={() => setSections(move(value.sections, si, -1))}
              >
                ↑
              </Button>
              <Button
                aria-label={`Đưa phần ${si + 1} xuống`}
                onClick={() => setSections(move(value.sections, si, 1))}
              >
                ↓
              </Button>
              <Button
                danger
                aria-label={`Bỏ phần ${si + 1}`}
                disabled={value.sections.length === 1}
                onClick={() => setSections(value.sections.filter((_, i) => i !== si))}
              >
                ×
              </Button>
            </Space.Compact>
          }
        >
          {(problems.get(`${si}`) ?? []).map((m) => (
            <div key={m}>
              <Typography.Text type="danger">{m}</Typography.Text>
            </div>
          ))}
          <Space direction="vertical" style={{ width: '100%' }}>
            {section.questions.map((q, qi) => (
              <QuestionRow
                key={qi}
                section={si + 1}
                number={qi + 1}
                question={q}
                isFigure={figure?.question === q.id}
                problems={problems.get(`${si}.${qi}`) ?? []}
                onChange={(next) => setQuestion(si, qi, next)}
                onMove={(by) => setSection(si, { ...section, questions: move(section.questions, qi, by) })}
                onRemove={() =>
                  setSection(si, { ...section, questions: section.questions.filter((_, i) => i !== qi) })
                }
              />
            ))}
            <Button
              onClick={() =>
                setSection(si, { ...section, questions: [...section.questions, newQuestion(value)] })
              }
            >
              Thêm câu hỏi vào phần {si + 1}
            </Button>
          </Space>
        </Card>
      ))}
      <Button
        onClick={() =>
          setSections([
            ...value.sections,
            { title: `Phần ${value.sections.length + 1}`, questions: [newQuestion(value)] },
          ])
        }
      >
        Thêm phần
      </Button>
    </Space>
  );
}

function QuestionRow(props: {
  section: number;
  number: number;
  question: Question;
  isFigure: boolean;
  problems: string[];
  onChange(q: Question): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}) {
  const q = props.question;
  const label = `Phần ${props.section}, câu ${props.number}`;
  const setOptions = (options: NonNullable<Question['options']>) => props.onChange({ ...q, options });
  return (
    <div
      style={{
        border: `1px solid ${props.problems.length ? '#ff4d4f' : '#f0f0f0'}`,
        borderRadius: 6,
        padding: 8,
      }}
      data-testid="question"
    >
      <Flex wrap gap={8} align="center">
        <Typography.Text strong>Câu {props.number}</Typography.Text>
        <Input
          style={{ width: 140 }}
          addonBefore="Mã"
          aria-label={`${label}: mã`}
          value={q.id}
          onChange={(e) => props.onChange({ ...q, id: e.target.value })}
        />
        <Select
          style={{ width: 170 }}
          aria-label={`${label}: loại`}
          value={q.type}
          options={Object.entries(QUESTION_TYPE_LABELS).map(([value, l]) => ({ value, label: l }))}
          onChange={(type: QuestionType) => props.onChange(withType(q, type))}
        />
        <Checkbox checked={q.required} onChange={(e) => props.onChange({ ...q, required: e.target.checked })}>
          Bắt buộc
        </Checkbox>
        {props.isFigure && <Tag color="blue">Dùng để tính chỉ số</Tag>}
        <Space.Compact size="small" style={{ marginLeft: 'auto' }}>
          <Button aria-label={`Đưa ${label} lên`} onClick={() => props.onMove(-1)}>
            ↑
          </Button>
          <Button aria-label={`Đưa ${label} xuống`} onClick={() => props.onMove(1)}>
            ↓
          </Button>
          <Button danger aria-label={`Bỏ ${label}`} onClick={props.onRemove}>
            ×
          </Button>
        </Space.Compact>
      </Flex>
      <Input.TextArea
        style={{ marginTop: 6 }}
        autoSize={{ minRows: 1, maxRows: 4 }}
        aria-label={`${label}: nội dung`}
        value={q.text}
        onChange={(e) => props.onChange({ ...q, text: e.target.value })}
      />
      {(q.type === 'single' || q.type === 'multiple') && (
        <div style={{ marginTop: 6, paddingLeft: 16 }}>
          {(q.options ?? []).map((o, oi, all) => (
            <Flex key={oi} gap={6} align="center" style={{ marginBottom: 4 }}>
              <Typography.Text type="secondary">{q.type === 'single' ? '○' : '☐'}</Typography.Text>
              <Input
                style={{ width: 110 }}
                aria-label={`${label}: mã phương án ${oi + 1}`}
                value={o.id}
                onChange={(e) => setOptions(all.map((x, i) => (i === oi ? { ...x, id: e.target.value } : x)))}
              />
              <Input
                aria-label={`${label}: phương án ${oi + 1}`}
                value={o.label}
                onChange={(e) =>
                  setOptions(all.map((x, i) => (i === oi ? { ...x, label: e.target.value } : x)))
                }
              />
              <Space.Compact size="small">
                <Button
                  aria-label={`${label}: đưa phương án ${oi + 1} lên`}
                  onClick={() => setOptions(move(all, oi, -1))}
                >
                  ↑
                </Button>
                <Button
                  aria-label={`${label}: đưa phương án ${oi + 1} xuống`}
                  onClick={() => setOptions(move(all, oi, 1))}
                >
                  ↓
                </Button>
                <Button
                  danger
                  aria-label={`${label}: bỏ phương án ${oi + 1}`}
                  onClick={() => setOptions(all.filter((_, i) => i !== oi))}
                >
                  ×
                </Button>
              </Space.Compact>
            </Flex>
          ))}
          <Button
            size="small"
            onClick={() =>
              setOptions([
                ...(q.options ?? []),
                {
                  id: freshId(
                    'pa',
                    (q.options ?? []).map((o) => o.id),
                  ),
                  label: `Phương án ${(q.options?.length ?? 0) + 1}`,
                },
              ])
            }
          >
            Thêm phương án
          </Button>
        </div>
      )}
      {q.type === 'scale' && q.scale && (
        <Flex wrap gap={8} align="center" style={{ marginTop: 6, paddingLeft: 16 }}>
          <span>Từ 1 đến</span>
          <InputNumber
            min={3}
            max={10}
            aria-label={`${label}: số mức`}
            value={q.scale.max}
            onChange={(max) => props.onChange({ ...q, scale: { ...q.scale!, max: max ?? 5 } })}
          />
          <Input
            style={{ width: 200 }}
            addonBefore="1 ="
            aria-label={`${label}: nhãn mức thấp nhất`}
            value={q.scale.minLabel}
            onChange={(e) => props.onChange({ ...q, scale: { ...q.scale!, minLabel: e.target.value } })}
          />
          <Input
            style={{ width: 220 }}
            addonBefore={`${q.scale.max} =`}
            aria-label={`${label}: nhãn mức cao nhất`}
            value={q.scale.maxLabel}
            onChange={(e) => props.onChange({ ...q, scale: { ...q.scale!, maxLabel: e.target.value } })}
          />
        </Flex>
      )}
      {q.type === 'text' && (
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0 16px' }}>
          Người trả lời gõ tối đa 500 ký tự.
        </Typography.Paragraph>
      )}
      {props.problems.map((m) => (
        <div key={m}>
          <Typography.Text type="danger">{m}</Typography.Text>
        </div>
      ))}
    </div>
  );
}
