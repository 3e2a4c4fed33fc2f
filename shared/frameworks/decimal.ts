/**
 * Exact decimal arithmetic for scores (decimal.js). Scores never pass through JS floats:
 * 84.66 stays 84.66. Results carry decimals as plain strings ("84.66", never exponent notation).
 */
import Decimal from 'decimal.js';
import { LIMITS } from '../limits.ts';
import type { DecimalValue, RoundingRule } from './model.ts';

/** Our own Decimal constructor: 40 significant digits, half-up, so settings elsewhere cannot leak in. */
export const Dec = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -30,
  toExpPos: 40,
});
export type Dec = InstanceType<typeof Dec>;

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;
const MAX_ABS = 10 ** LIMITS.decimalIntegerDigits;

/**
 * True if the value is a decimal written as a plain string or a JSON number, within the shared limits
 * (LIMITS.decimalIntegerDigits before the point, decimalFractionDigits after): a figure of 500,000
 * digits must be refused before any arithmetic, or one request would hold the server for minutes.
 */
export function isDecimalValue(value: unknown): value is DecimalValue {
  return decimalProblem(value) === null;
}

/** Why a value is not an acceptable decimal, in Vietnamese, or null when it is one. */
export function decimalProblem(value: unknown): string | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'phải là một số';
    return Math.abs(value) < MAX_ABS ? null : tooLong();
  }
  if (typeof value !== 'string') return 'phải là một số';
  const text = value.trim();
  const limit = LIMITS.decimalIntegerDigits + LIMITS.decimalFractionDigits + 2;
  // Length first: the pattern is never run on a huge string.
  if (text.length > limit) return DECIMAL_TEXT.test(text.slice(0, limit)) ? tooLong() : 'phải là một số';
  if (!DECIMAL_TEXT.test(text)) return 'phải là một số';
  const [whole = '', fraction = ''] = text.replace('-', '').split('.');
  if (whole.replace(/^0+(?=\d)/, '').length > LIMITS.decimalIntegerDigits) return tooLong();
  if (fraction.length > LIMITS.decimalFractionDigits) return tooLong();
  return null;
}

const tooLong = () =>
  `quá lớn hoặc quá nhiều chữ số (tối đa ${LIMITS.decimalIntegerDigits} chữ số phần nguyên và ${LIMITS.decimalFractionDigits} chữ số thập phân)`;

/** Reads a decimal exactly (a JS number is read through its shortest string form, so 84.66 → 84.66). */
export function toDec(value: DecimalValue): Dec {
  return new Dec(typeof value === 'number' ? String(value) : value.trim());
}

/** Plain string form without exponent and without trailing zeros: 2.50 → "2.5". */
export function decString(value: Dec): string {
  return value.toFixed();
}

/** Applies a declared rounding rule. */
export function roundDec(value: Dec, rule: RoundingRule): Dec {
  return value.toDecimalPlaces(rule.decimals, rule.mode === 'down' ? Dec.ROUND_DOWN : Dec.ROUND_HALF_UP);
}

export function minDec(a: Dec, b: Dec): Dec {
  return a.lessThan(b) ? a : b;
}

export function maxDec(a: Dec, b: Dec): Dec {
  return a.greaterThan(b) ? a : b;
}
