import { formatDate, formatDecimal } from '@shared/format/vi.ts';
import type { ResultNode } from '@shared/scoring/types.ts';

export const dateOrDash = (value: string | null | undefined): string => (value ? formatDate(value) : '—');

export const decimalOrDash = (value: string | null | undefined): string =>
  value === null || value === undefined ? '—' : formatDecimal(value);

/** "8,5/10 điểm", "Đạt", "Không đạt" — the server's values, formatted. */
export function nodeValue(node: ResultNode): string {
  if (node.points !== null)
    return `${formatDecimal(node.points)}${node.max !== null ? `/${formatDecimal(node.max)}` : ''} điểm`;
  if (node.passed !== null) return node.passed ? 'Đạt' : 'Không đạt';
  return '—';
}

/** Beside a value that rests on a rule not yet checked against the legal text. */
export const PROVISIONAL_LABEL = 'Tạm tính (chưa xác nhận văn bản)';
/** Beside a framework with any such value. */
export const PROVISIONAL_FRAMEWORK_LABEL = 'Tạm tính / chưa xác nhận';
