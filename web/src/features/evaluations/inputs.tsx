/**
 * Controls of the self-assessment inputs. They never round, clamp or guess: what the officer types is
 * read the Vietnamese way (parseDecimalInput) and sent to the server, which alone judges it; its verdict
 * comes back as a message shown at the field.
 */
import { Button, Flex, Input, Radio, Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useEffect, useRef, useState } from 'react';
import { formatDecimal, parseDecimalInput } from '@shared/format/vi.ts';
import { DOCUMENT_TITLE_MAX, isDocumentOnTime } from '@shared/scoring/index.ts';

/** What is sent for typed text: the plain decimal when it reads as one, else the text itself (refused by the server). */
export function decimalToSend(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  return parseDecimalInput(text) ?? text.trim();
}

/** A stored value as the officer reads it: "2.5" → "2,5", 1234567 → "1.234.567". */
function decimalToShow(value: unknown): string {
  if (typeof value === 'number') return formatDecimal(value);
  if (typeof value !== 'string' || value === '') return '';
  return parseDecimalInput(value) === value || /^-?\d+(\.\d+)?$/.test(value) ? formatDecimal(value) : value;
}

/** Text box for a number: keeps the officer's text as typed, sends its plain decimal. */
export function DecimalInput({
  value,
  onChange,
  label,
  disabled,
  invalid,
  suffix,
  placeholder,
  describedBy,
}: {
  value: unknown;
  onChange: (value: string | undefined) => void;
  label: string;
  disabled?: boolean;
  invalid?: boolean;
  suffix?: string;
  placeholder?: string;
  describedBy?: string;
}) {
  const [text, setText] = useState(() => decimalToShow(value));
  // A value changed elsewhere (reload, another field) replaces the text; the officer's own typing does not.
  useEffect(() => {
    const sent = decimalToSend(text);
    if ((sent ?? '') !== (value === undefined || value === null ? '' : String(value)))
      setText(decimalToShow(value));
  }, [value]);
  return (
    <Input
      aria-label={label}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      status={invalid ? 'error' : undefined}
      inputMode="decimal"
      disabled={disabled}
      placeholder={placeholder}
      suffix={suffix}
      style={{ width: '100%', maxWidth: 240 }}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(decimalToSend(e.target.value));
      }}
    />
  );
}

/**
 * Yes / no with an explicit "not answered" state: a blank answer must never read as "Không".
 * The value is true, false or undefined (not answered).
 */
export function TriStateInput({
  value,
  onChange,
  label,
  disabled,
}: {
  value: unknown;
  onChange: (value: boolean | undefined) => void;
  label: string;
  disabled?: boolean;
}) {
  return (
    <Radio.Group
      aria-label={label}
      optionType="button"
      buttonStyle="solid"
      disabled={disabled}
      value={value === true ? 'yes' : value === false ? 'no' : 'unset'}
      onChange={(e) =>
        onChange(e.target.value === 'yes' ? true : e.target.value === 'no' ? false : undefined)
      }
      options={[
        { value: 'unset', label: 'Chưa khai báo' },
        { value: 'yes', label: 'Có' },
        { value: 'no', label: 'Không' },
      ]}
    />
  );
}

/** One row of a document list as the page keeps it (the engine also accepts {onTime} rows from imports). */
export type DocumentRow = { title?: string; dueOn?: string; issuedOn?: string | null; onTime?: boolean };

function rowResult(row: DocumentRow): { text: string; color: string } | null {
  if (typeof row.onTime === 'boolean')
    return row.onTime ? { text: 'Đúng hạn', color: 'green' } : { text: 'Không đúng hạn', color: 'red' };
  if (!row.dueOn) return null;
  if (!row.issuedOn) return { text: 'Chưa ban hành: không đúng hạn', color: 'red' };
  return isDocumentOnTime({ dueOn: row.dueOn, issuedOn: row.issuedOn })
    ? { text: 'Đúng hạn', color: 'green' }
    : { text: 'Trễ hạn', color: 'red' };
}

/** "15/01/2026" → "2026-01-15"; other text is passed on as typed, for the server to refuse with a reason. */
function dateToSend(text: string): string | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : t;
}
const dateToShow = (iso: string | undefined) => {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (iso ?? '');
};

/** A date typed as dd/mm/yyyy in a plain text box: quick from the keyboard, nothing guessed. */
export function DateText({
  value,
  onChange,
  label,
  placeholder,
  disabled,
  invalid,
  describedBy,
}: {
  value: string | undefined;
  onChange: (iso: string | undefined) => void;
  label: string;
  placeholder: string;
  disabled?: boolean;
  invalid?: boolean;
  describedBy?: string;
}) {
  const [text, setText] = useState(() => dateToShow(value));
  useEffect(() => {
    if ((dateToSend(text) ?? '') !== (value ?? '')) setText(dateToShow(value));
    // Only a change from outside replaces the text being typed.
  }, [value]);
  return (
    <Input
      aria-label={label}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      status={invalid ? 'error' : undefined}
      placeholder={placeholder}
      inputMode="numeric"
      disabled={disabled}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(dateToSend(e.target.value));
      }}
    />
  );
}

const docTable: CSSProperties = { width: '100%', minWidth: 640, borderCollapse: 'collapse', fontSize: 14 };
const docCell: CSSProperties = {
  border: '1px solid #f0f0f0',
  padding: '6px 8px',
  textAlign: 'left',
  verticalAlign: 'middle',
};
const docHead: CSSProperties = { ...docCell, background: '#fafafa', fontWeight: 600 };

/**
 * A list of documents with deadlines: title, due date, issue (or sending) date or "chưa ban hành", and the
 * on-time result of each row. `undefined` = not answered; `[]` = the commune had no such document.
 */
export function DocumentsInput({
  value,
  onChange,
  label,
  issuedLabel,
  disabled,
}: {
  value: unknown;
  onChange: (value: DocumentRow[] | undefined) => void;
  label: string;
  issuedLabel: string;
  disabled?: boolean;
}) {
  const rows: DocumentRow[] = Array.isArray(value) ? (value as DocumentRow[]) : [];
  const focusRow = useRef<number | null>(null);
  const tableRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusRow.current === null) return;
    const input =
      tableRef.current?.querySelectorAll<HTMLInputElement>('input[data-doc-title]')[focusRow.current];
    focusRow.current = null;
    input?.focus();
  });
  const update = (index: number, patch: Partial<DocumentRow>) =>
    onChange(
      rows.map((r, i) => {
        if (i !== index) return r;
        const { onTime: _dropped, ...rest } = r;
        return { ...rest, ...patch };
      }),
    );
  const add = () => {
    focusRow.current = rows.length;
    onChange([...rows, { title: '', issuedOn: null }]);
  };
  const onTime = rows.filter((r) => rowResult(r)?.color === 'green').length;

  return (
    <Flex vertical gap={6} ref={tableRef}>
      {!Array.isArray(value) ? (
        <Typography.Text type="secondary">Chưa khai báo.</Typography.Text>
      ) : rows.length === 0 ? (
        <Typography.Text>Trong năm không có văn bản nào thuộc diện này.</Typography.Text>
      ) : (
        <>
          {/* A plain table (antd Table weighs ~50 KB gzip for a few editable rows). */}
          <div style={{ overflowX: 'auto' }}>
            <table aria-label={label} style={docTable}>
              <thead>
                <tr>
                  <th style={{ ...docHead, width: 44 }}>TT</th>
                  <th style={docHead}>Tên văn bản</th>
                  <th style={{ ...docHead, width: 150 }}>Hạn</th>
                  <th style={{ ...docHead, width: 200 }}>{issuedLabel}</th>
                  <th style={{ ...docHead, width: 130 }}>Kết quả</th>
                  <th style={{ ...docHead, width: 70 }}>Xóa</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, i) => {
                  const r = rowResult(row);
                  return (
                    <tr key={i}>
                      <td style={docCell}>{i + 1}</td>
                      <td style={docCell}>
                        <Input
                          data-doc-title
                          aria-label={`Tên văn bản thứ ${i + 1}`}
                          placeholder="Ví dụ: Kế hoạch PBGDPL năm 2026"
                          maxLength={DOCUMENT_TITLE_MAX}
                          disabled={disabled}
                          value={row.title ?? ''}
                          onChange={(e) => update(i, { title: e.target.value })}
                        />
                      </td>
                      <td style={docCell}>
                        <DateText
                          label={`Hạn của văn bản thứ ${i + 1}`}
                          placeholder="dd/mm/yyyy"
                          disabled={disabled}
                          value={row.dueOn}
                          onChange={(d) => update(i, { dueOn: d })}
                        />
                      </td>
                      <td style={docCell}>
                        <DateText
                          label={`${issuedLabel} của văn bản thứ ${i + 1} (để trống nếu chưa ban hành)`}
                          placeholder="Chưa ban hành"
                          disabled={disabled}
                          value={row.issuedOn ?? undefined}
                          onChange={(d) => update(i, { issuedOn: d ?? null })}
                        />
                      </td>
                      <td style={docCell}>
                        {r ? (
                          <Tag color={r.color}>{r.text}</Tag>
                        ) : (
                          <Typography.Text type="secondary">—</Typography.Text>
                        )}
                      </td>
                      <td style={docCell}>
                        <Button
                          size="small"
                          danger
                          aria-label={`Xóa văn bản thứ ${i + 1}`}
                          disabled={disabled}
                          onClick={() => onChange(rows.filter((_r, j) => j !== i))}
                        >
                          Xóa
                        </Button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Typography.Text type="secondary">
            Đúng hạn {onTime}/{rows.length} văn bản. Để trống {issuedLabel.toLowerCase()} nếu văn bản chưa ban
            hành.
          </Typography.Text>
        </>
      )}
      {!disabled && (
        <Flex wrap gap={8}>
          <Button onClick={add}>Thêm văn bản</Button>
          {rows.length === 0 && !Array.isArray(value) && (
            <Button onClick={() => onChange([])}>Không có văn bản nào</Button>
          )}
          {Array.isArray(value) && rows.length === 0 && (
            <Button onClick={() => onChange(undefined)}>Bỏ khai báo</Button>
          )}
        </Flex>
      )}
    </Flex>
  );
}
