/** Vietnamese wording of numbers in explanations ("2,5", "90%", "10/01/2023"). */
import { formatDate, formatDecimal } from '../format/vi.ts';
import { Dec, decString } from '../frameworks/decimal.ts';

/**
 * "2.5" → "2,5" like formatDecimal, with a fast path for the common case (at most three integer
 * digits, so no thousands separator): scoring thousands of communes formats many small numbers.
 */
export function viNumber(text: string): string {
  const dot = text.indexOf('.');
  const intLength = (dot < 0 ? text.length : dot) - (text.startsWith('-') ? 1 : 0);
  if (intLength <= 3) return dot < 0 ? text : `${text.slice(0, dot)},${text.slice(dot + 1)}`;
  return formatDecimal(text);
}

/** "2.5" → "2,5"; exact digits. */
export function num(value: Dec): string {
  return viNumber(decString(value));
}

/** Percent for display, at most 2 decimals: 2/3 → "66,67%". Decisions use the exact value. */
export function pct(value: Dec): string {
  return `${viNumber(decString(value.toDecimalPlaces(2, Dec.ROUND_HALF_UP)))}%`;
}

export function date(iso: string): string {
  return formatDate(iso);
}

export function passText(passed: boolean): string {
  return passed ? 'Đạt' : 'Không đạt';
}
