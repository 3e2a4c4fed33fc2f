/**
 * Bound inputs (ADR 0013): what a save or a recompute does with the values computed from a register
 * and the officer's reasons for scoring other values. Pure: the service loads and writes.
 */
import type { Actor } from '@shared/access/actor.ts';
import type { Framework } from '@shared/frameworks/model.ts';
import type { ComputedInput, InputOverride } from '@shared/registers/measures.ts';
import {
  boundInputsOf,
  formatMeasureValue,
  isComputedValue,
  nodeName,
  OVERRIDE_REASON_MIN,
} from '@shared/evaluations/bound-inputs.ts';

type Values = Record<string, unknown>;
type Computed = Record<string, ComputedInput>;
type Overrides = Record<string, InputOverride>;

/**
 * The overrides after a save of `values`: a bound input scored with its computed value (or left
 * empty) has none; one scored with another value keeps the reason sent now, or the reason it already
 * had when its value did not change; otherwise the save is refused, naming the input.
 */
export function resolveOverrides(input: {
  framework: Pick<Framework, 'nodes'>;
  computed: Computed;
  previousOverrides: Overrides;
  previousValues: Values;
  values: Values;
  reasons: Record<string, string> | undefined;
  actor: Actor;
  now: Date;
}): { overrides: Overrides; problems: { field: string; message: string }[] } {
  const overrides: Overrides = {};
  const problems: { field: string; message: string }[] = [];
  for (const b of boundInputsOf(input.framework)) {
    const computed = input.computed[b.inputId];
    const value = input.values[b.inputId];
    if (!computed || value === undefined || isComputedValue(value, computed.value)) continue;
    const previous = input.previousOverrides[b.inputId];
    const reason = input.reasons?.[b.inputId]?.trim();
    const field = `overrides.${b.inputId}`;
    if (reason) {
      if (reason.length < OVERRIDE_REASON_MIN)
        problems.push({
          field,
          message: `${nodeName(b.node)}: lý do điều chỉnh cần ít nhất ${OVERRIDE_REASON_MIN} ký tự`,
        });
      else if (previous?.reason === reason) overrides[b.inputId] = previous;
      else
        overrides[b.inputId] = {
          reason,
          by: input.actor.userId,
          byName: input.actor.fullName,
          at: input.now.toISOString(),
        };
    } else if (
      previous &&
      formatMeasureValue(input.previousValues[b.inputId]) === formatMeasureValue(value)
    ) {
      overrides[b.inputId] = previous;
    } else {
      problems.push({
        field,
        message:
          `${nodeName(b.node)}: giá trị ${formatMeasureValue(value)} khác số tính từ sổ ` +
          `(${formatMeasureValue(computed.value)}) — cần ghi lý do điều chỉnh`,
      });
    }
  }
  return { overrides, problems };
}

/**
 * A recompute: every bound input without an override takes its new computed value; an overridden one
 * keeps the officer's value, and loses its override when that value is now the computed one.
 */
export function applyComputed(input: { computed: Computed; values: Values; overrides: Overrides }): {
  values: Values;
  overrides: Overrides;
} {
  const values = { ...input.values };
  const overrides = { ...input.overrides };
  for (const [inputId, computed] of Object.entries(input.computed)) {
    const override = overrides[inputId];
    if (override && values[inputId] !== undefined && !isComputedValue(values[inputId], computed.value))
      continue;
    delete overrides[inputId];
    // Nothing in the register (no plan, so no date): the input is left to be declared.
    if (computed.value === null) delete values[inputId];
    else values[inputId] = computed.value;
  }
  return { values, overrides };
}
