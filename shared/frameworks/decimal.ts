/**
 * Exact decimal arithmetic for scores (decimal.js). Scores never pass through JS floats:
 * 84.66 stays 84.66. Results carry decimals as plain strings ("84.66", never exponent notation).
 */
import Decimal from 'decimal.js';
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

/** True if the value is a finite decimal written as a plain string or a finite JSON number. */
export function isDecimalValue(value: unknown): value is DecimalValue {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && DECIMAL_TEXT.test(value.trim());
}

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
