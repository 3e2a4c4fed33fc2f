import { useId, useState, type FormEvent } from 'react';
import type { AnswerValues, Question } from '@shared/surveys/surveys.ts';
import type { PublicSurvey } from '@shared/surveys/surveys.contract.ts';
import { formatDate } from '@shared/format/vi.ts';
import { api, ApiError } from '@web/lib/api.ts';
import { Problem } from './Problem.tsx';
import { useJson } from './useJson.ts';

/**
 * A resident answers a poll or survey (/khao-sat/:code), without signing in, on a cheap phone. The
 * printed slip's QR code opens this page with its code (?phieu=…), filled in. One answer per slip or
 * per device; the server says so in Vietnamese when it refuses.
 */
export function SurveyPage({ code }: { code: string }) {
  const survey = useJson<PublicSurvey>(`/api/public/surveys/${encodeURIComponent(code)}`);
  if (survey.status === 'loading') return <p className="pg-loading">Đang tải phiếu…</p>;
  if (survey.status === 'error')
    return <Problem title="Không mở được phiếu lấy ý kiến" detail={survey.error.message} />;
  return <SurveyForm survey={survey.data} />;
}

function SurveyForm({ survey }: { survey: PublicSurvey }) {
  const id = useId();
  const [values, setValues] = useState<AnswerValues>({});
  const [slip, setSlip] = useState(() => new URLSearchParams(window.location.search).get('phieu') ?? '');
  const [website, setWebsite] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setProblems({});
    try {
      const response = await api.post<{ message: string }>(`/api/public/surveys/${survey.code}/answers`, {
        answers: values,
        ...(slip.trim() ? { slipCode: slip.trim() } : {}),
        ...(website ? { website } : {}),
      });
      setSent(response.message);
      window.scrollTo(0, 0);
    } catch (e) {
      if (!(e instanceof ApiError)) {
        setError('Không gửi được phiếu. Vui lòng kiểm tra kết nối và thử lại.');
        return;
      }
      const byField: Record<string, string> = {};
      for (const p of e.details?.problems ?? []) byField[p.field.replace(/^answers\./, '')] = p.message;
      setProblems(byField);
      setError(Object.keys(byField).length ? 'Vui lòng kiểm tra lại các câu được đánh dấu.' : e.message);
    } finally {
      setBusy(false);
    }
  }

  const set = (q: string, v: AnswerValues[string] | undefined) =>
    setValues((old) => {
      const next = { ...old };
      if (v === undefined) delete next[q];
      else next[q] = v;
      return next;
    });

  return (
    <main className="pg-page">
      <header className="pg-header">
        <p className="pg-eyebrow">Ủy ban nhân dân {survey.unitName}</p>
        <h1>{survey.title}</h1>
      </header>
      {sent ? (
        <section className="pg-card">
          <p className="pg-notice pg-notice--ok" role="status" data-testid="survey-sent">
            {sent}
          </p>
        </section>
      ) : survey.refusal ? (
        <section className="pg-card">
          <p className="pg-notice pg-notice--bad" role="alert">
            {survey.refusal}
          </p>
        </section>
      ) : (
        <form className="pg-form" onSubmit={submit} noValidate>
          <section className="pg-card">
            <p>{survey.intro}</p>
            <p className="pg-hint">Nhận ý kiến đến hết ngày {formatDate(survey.closesOn)}.</p>
            {survey.requireSlip && (
              <div className={problems.slipCode ? 'pg-field pg-field--invalid' : 'pg-field'}>
                <label htmlFor={`${id}-slip`}>Mã in trên phiếu</label>
                <input
                  id={`${id}-slip`}
                  name="slipCode"
                  value={slip}
                  onChange={(e) => setSlip(e.target.value)}
                  autoComplete="off"
                  autoCapitalize="characters"
                  maxLength={20}
                />
                {problems.slipCode && <p className="pg-field__error">{problems.slipCode}</p>}
              </div>
            )}
          </section>
          {survey.definition.sections.map((section) => (
            <section className="pg-card" key={section.title}>
              <h2>{section.title}</h2>
              {section.questions.map((q) => (
                <QuestionField
                  key={q.id}
                  name={`${id}-${q.id}`}
                  question={q}
                  value={values[q.id]}
                  problem={problems[q.id]}
                  onChange={(v) => set(q.id, v)}
                />
              ))}
            </section>
          ))}
          {/* Honeypot: people never see it; a script that fills it is thanked and ignored. */}
          <div className="pg-hp" aria-hidden="true">
            <label htmlFor={`${id}-website`}>Trang web</label>
            <input
              id={`${id}-website`}
              name="website"
              tabIndex={-1}
              autoComplete="off"
              value={website}
              onChange={(e) => setWebsite(e.target.value)}
            />
          </div>
          {error && (
            <p className="pg-notice pg-notice--bad" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="pg-button" disabled={busy}>
            {busy ? 'Đang gửi…' : 'Gửi phiếu'}
          </button>
        </form>
      )}
    </main>
  );
}

function QuestionField({
  name,
  question: q,
  value,
  problem,
  onChange,
}: {
  name: string;
  question: Question;
  value: AnswerValues[string] | undefined;
  problem: string | undefined;
  onChange: (v: AnswerValues[string] | undefined) => void;
}) {
  const legend = (
    <legend>
      {q.text}
      {q.required && <span className="pg-required"> (bắt buộc)</span>}
    </legend>
  );
  let body;
  if (q.type === 'single' || q.type === 'multiple') {
    const chosen = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
    body = (q.options ?? []).map((o) => (
      <label className="pg-choice" key={o.id}>
        <input
          type={q.type === 'single' ? 'radio' : 'checkbox'}
          name={name}
          value={o.id}
          checked={chosen.includes(o.id)}
          onChange={(e) => {
            if (q.type === 'single') onChange(o.id);
            else onChange(e.target.checked ? [...chosen, o.id] : chosen.filter((c) => c !== o.id));
          }}
        />
        <span>{o.label}</span>
      </label>
    ));
  } else if (q.type === 'scale') {
    const max = q.scale?.max ?? 5;
    body = (
      <>
        <div className="pg-scale">
          {Array.from({ length: max }, (_, i) => i + 1).map((n) => (
            <label key={n} className="pg-scale__step">
              <input type="radio" name={name} value={n} checked={value === n} onChange={() => onChange(n)} />
              <span>{n}</span>
            </label>
          ))}
        </div>
        <p className="pg-hint">
          1 = {q.scale?.minLabel}; {max} = {q.scale?.maxLabel}
        </p>
      </>
    );
  } else {
    body = (
      <textarea
        name={name}
        rows={3}
        maxLength={500}
        aria-label={q.text}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => onChange(e.target.value || undefined)}
      />
    );
  }
  return (
    <fieldset className={problem ? 'pg-question pg-field--invalid' : 'pg-question'} data-question={q.id}>
      {legend}
      {body}
      {problem && <p className="pg-field__error">{problem}</p>}
    </fieldset>
  );
}
