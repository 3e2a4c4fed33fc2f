import { useId, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { formatDecimal } from '@shared/format/vi.ts';
import { api, ApiError } from '@web/lib/api.ts';
import type { PublicCommentReceived } from '@shared/posting/posting.contract.ts';

type Field = 'authorName' | 'authorContact' | 'content';
const FIELDS: Field[] = ['authorName', 'authorContact', 'content'];
const CONTENT_MAX = 5000;

/**
 * The citizens' comment form. The server validates (publicCommentSchema) and names each field it
 * refuses; its Vietnamese message is shown under that field.
 */
export function CommentForm({ evaluationId }: { evaluationId: string }) {
  const id = useId();
  const [values, setValues] = useState<Record<Field, string>>({
    authorName: '',
    authorContact: '',
    content: '',
  });
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setSent(null);
    setError(null);
    setFieldErrors({});
    try {
      const response = await api.post<PublicCommentReceived>(
        `/api/public/evaluations/${evaluationId}/comments`,
        {
          authorName: values.authorName,
          content: values.content,
          ...(values.authorContact.trim() ? { authorContact: values.authorContact } : {}),
        },
      );
      setSent(response.message);
      setValues({ authorName: '', authorContact: '', content: '' });
    } catch (e) {
      if (!(e instanceof ApiError)) {
        setError('Không gửi được ý kiến. Vui lòng thử lại.');
        return;
      }
      const byField: Partial<Record<Field, string>> = {};
      const other: string[] = [];
      for (const p of e.details?.problems ?? []) {
        const field = FIELDS.find((f) => f === p.field);
        if (field) byField[field] = byField[field] ? `${byField[field]} ${p.message}` : p.message;
        else other.push(p.message);
      }
      setFieldErrors(byField);
      const first = FIELDS.find((f) => byField[f]);
      if (first) document.getElementById(`${id}-${first}`)?.focus();
      const named = Object.keys(byField).length > 0;
      setError(
        named && other.length === 0
          ? 'Vui lòng kiểm tra lại các ô được đánh dấu.'
          : [named ? 'Vui lòng kiểm tra lại các ô được đánh dấu.' : e.message, ...other].join(' '),
      );
    } finally {
      setBusy(false);
    }
  }

  const field = (name: Field, label: string, input: (props: InputProps) => ReactNode, hint?: string) => {
    const inputId = `${id}-${name}`;
    const problem = fieldErrors[name];
    const describedBy = [hint && `${inputId}-hint`, problem && `${inputId}-error`].filter(Boolean).join(' ');
    return (
      <div className={problem ? 'pg-field pg-field--invalid' : 'pg-field'}>
        <label htmlFor={inputId}>{label}</label>
        {input({
          id: inputId,
          name,
          value: values[name],
          'aria-invalid': problem ? true : undefined,
          'aria-describedby': describedBy || undefined,
          onChange: (e) => setValues((v) => ({ ...v, [name]: e.target.value })),
        })}
        {problem && (
          <p className="pg-field__error" id={`${inputId}-error`}>
            {problem}
          </p>
        )}
        {hint && (
          <p className="pg-hint" id={`${inputId}-hint`}>
            {hint}
          </p>
        )}
      </div>
    );
  };

  return (
    <form className="pg-form" onSubmit={submit} noValidate>
      {field('authorName', 'Họ và tên', (p) => (
        <input {...p} type="text" autoComplete="name" maxLength={120} />
      ))}
      {field('authorContact', 'Địa chỉ, số điện thoại hoặc thư điện tử (không bắt buộc)', (p) => (
        <input {...p} type="text" maxLength={200} />
      ))}
      {field(
        'content',
        'Nội dung ý kiến',
        (p) => (
          <textarea {...p} rows={5} maxLength={CONTENT_MAX} />
        ),
        `${values.content.length}/${formatDecimal(CONTENT_MAX)} ký tự`,
      )}
      {sent && (
        <p className="pg-notice pg-notice--ok" role="status">
          {sent}
        </p>
      )}
      {error && (
        <p className="pg-notice pg-notice--bad" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="pg-button" disabled={busy}>
        {busy ? 'Đang gửi…' : 'Gửi ý kiến'}
      </button>
    </form>
  );
}

type InputProps = {
  id: string;
  name: string;
  value: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  onChange: (e: ChangeEvent<HTMLInputElement & HTMLTextAreaElement>) => void;
};
