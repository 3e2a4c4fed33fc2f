/** Vietnamese wording of numbers in explanations ("2,5", "90%", "10/01/2023"). */
import { formatDate, formatDecimal } from '../format/vi.ts';
import { Dec, decString } from '../frameworks/decimal.ts';

/** "2.5" → "2,5"; exact digits. */
export function num(value: Dec): string {
  return formatDecimal(decString(value));
}

/** Percent for display, at most 2 decimals: 2/3 → "66,67%". Decisions use the exact value. */
export function pct(value: Dec): string {
  return `${formatDecimal(decString(value.toDecimalPlaces(2, Dec.ROUND_HALF_UP)))}%`;
}

/** "2,5/3 điểm". */
export function pointsOf(points: Dec, max: Dec): string {
  return `${num(points)}/${num(max)} điểm`;
}

export function date(iso: string): string {
  return formatDate(iso);
}

export function passText(passed: boolean): string {
  return passed ? 'Đạt' : 'Không đạt';
}
