/**
 * Structural schema (zod v4) of a framework file. Semantic checks (duplicate codes, maxima that do
 * not add up, bad tier tables, unknown input references…) are in validate.ts.
 */
import { isoDateSchema } from '../dates.ts';
import { z } from 'zod';
import { COMMUNE_KINDS } from '../units/kinds.ts';
import { isDecimalValue } from './decimal.ts';
import type { FrameworkNode, Rule, VersionMapping } from './model.ts';

export const provenanceSchema = z.enum(['L', 'S', 'U', 'I', '?']);
export const unitTypeSchema = z.enum(COMMUNE_KINDS);
const decimalSchema = z.union([z.string(), z.number()]).refine(isDecimalValue, {
  message: 'phải là một số thập phân, ví dụ "2.5"',
});
const isoDate = isoDateSchema;
const code = z.string().regex(/^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/, 'mã phải có dạng "2.4.1"');
const inputId = z.string().regex(/^[A-Za-z0-9_.-]+$/, 'mã dữ liệu chỉ gồm chữ không dấu, số, "_", "-", "."');
const text = z.string().min(1, 'không được để trống');

const inputDefSchema = z.strictObject({
  id: inputId,
  type: z.enum(['number', 'count', 'ratio', 'boolean', 'choice', 'money', 'date', 'documents']),
  label: text,
  numeratorLabel: z.string().optional(),
  denominatorLabel: z.string().optional(),
  unit: z.string().optional(),
  options: z.array(z.strictObject({ value: inputId, label: text })).optional(),
  multiple: z.boolean().optional(),
  min: decimalSchema.optional(),
  max: decimalSchema.optional(),
  source: z.strictObject({ measure: z.string().min(1, 'không được để trống') }).optional(),
});

const tierSchema = z.strictObject({
  min: decimalSchema,
  below: decimalSchema.optional(),
  points: decimalSchema,
});
const deductionItem = z.strictObject({ input: inputId, points: decimalSchema, label: text });
const p = { provenance: provenanceSchema.optional() };

const ruleSchema: z.ZodType<Rule> = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('fixed'), input: inputId, expected: z.boolean().optional(), ...p }),
  z.strictObject({ type: z.literal('ratio'), input: inputId, emptyFull: z.boolean().optional(), ...p }),
  z.strictObject({
    type: z.literal('tiers'),
    input: inputId,
    tiers: z.array(tierSchema).min(1, 'bảng bậc phải có ít nhất một bậc'),
    emptyFull: z.boolean().optional(),
    ...p,
  }),
  z.strictObject({
    type: z.literal('choice'),
    input: inputId,
    points: z.record(z.string(), decimalSchema),
    ...p,
  }),
  z.strictObject({ type: z.literal('deadline'), input: inputId, dueInput: inputId, ...p }),
  z.strictObject({ type: z.literal('deductions'), items: z.array(deductionItem).min(1), ...p }),
  z.strictObject({ type: z.literal('manual'), guidance: z.string().optional(), ...p }),
  z.strictObject({
    type: z.literal('adjustment'),
    bonusCap: decimalSchema,
    penaltyCap: decimalSchema,
    items: z.array(deductionItem.extend({ effect: z.enum(['bonus', 'penalty']) })).min(1),
    ...p,
  }),
  z.strictObject({
    type: z.literal('threshold'),
    input: inputId,
    min: decimalSchema,
    emptyPasses: z.boolean().optional(),
    ...p,
  }),
  z.strictObject({ type: z.literal('yes'), input: inputId, expected: z.boolean().optional(), ...p }),
  z.strictObject({ type: z.literal('deadlinePass'), input: inputId, dueInput: inputId, ...p }),
  z.strictObject({ type: z.literal('manualPass'), guidance: z.string().optional(), ...p }),
]);

export const nodeSchema: z.ZodType<FrameworkNode> = z.lazy(() =>
  z.strictObject({
    code,
    title: text,
    kind: z.enum(['field', 'criterion', 'indicator', 'sub-criterion', 'sub-item', 'adjustment']),
    description: z.string().optional(),
    evidence: z.array(z.string()).optional(),
    provenance: provenanceSchema,
    legalBasis: z.string().optional(),
    note: z.string().optional(),
    max: decimalSchema.optional(),
    inputs: z.array(inputDefSchema).optional(),
    rule: ruleSchema.optional(),
    aggregate: z
      .discriminatedUnion('type', [
        z.strictObject({ type: z.literal('all') }),
        z.strictObject({ type: z.literal('atLeast'), n: z.number().int().min(1) }),
      ])
      .optional(),
    children: z.array(nodeSchema).optional(),
  }),
);

const conditionBase = {
  code: inputId,
  title: text,
  legalBasis: z.string().optional(),
  provenance: provenanceSchema,
};

export const frameworkSchema = z.strictObject({
  code: z.string().regex(/^[A-Z0-9]+(-[A-Z0-9]+)*$/, 'mã khung phải viết hoa, dạng "TCPL-2021"'),
  version: z.number().int().min(1),
  name: text,
  family: z.enum(['tcpl', 'cchc']),
  model: z.enum(['points', 'pass']),
  legalBasis: z.array(
    z.strictObject({ code: text, title: text, signedOn: isoDate.optional(), provenance: provenanceSchema }),
  ),
  effectiveYears: z.strictObject({ from: z.number().int(), to: z.number().int().nullable() }),
  unitTypes: z.array(unitTypeSchema).min(1, 'phải áp dụng cho ít nhất một loại đơn vị'),
  provenance: provenanceSchema,
  note: z.string().optional(),
  maxTotal: decimalSchema.optional(),
  rounding: z.strictObject({
    points: z.strictObject({ decimals: z.number().int().min(0).max(6), mode: z.enum(['half-up', 'down']) }),
    display: z
      .strictObject({ decimals: z.number().int().min(0).max(6), mode: z.enum(['half-up', 'down']) })
      .nullable(),
  }),
  workflow: z.strictObject({
    publicPosting: z.boolean(),
    council: z.boolean(),
    ranking: z.boolean(),
    explanationRounds: z.number().int().min(0).max(5),
  }),
  facts: z.array(
    z.strictObject({
      key: inputId,
      title: text,
      description: z.string().optional(),
      provenance: provenanceSchema,
    }),
  ),
  recognition: z.enum(['all-conditions', 'not-determinable', 'none']),
  conditions: z.array(
    z.discriminatedUnion('type', [
      z.strictObject({ ...conditionBase, type: z.literal('totalAtLeast'), value: decimalSchema }),
      z.strictObject({
        ...conditionBase,
        type: z.literal('everyCriterionAtLeastPercent'),
        percent: decimalSchema,
      }),
      z.strictObject({ ...conditionBase, type: z.literal('everyCriterionPasses') }),
      z.strictObject({ ...conditionBase, type: z.literal('noVeto'), fact: inputId }),
    ]),
  ),
  nodes: z.array(nodeSchema).min(1, 'khung phải có ít nhất một tiêu chí'),
});

export const versionMappingSchema: z.ZodType<VersionMapping> = z.strictObject({
  from: z.strictObject({ code: text, version: z.number().int().min(1) }),
  to: z.strictObject({ code: text, version: z.number().int().min(1) }),
  provenance: provenanceSchema,
  note: z.string().optional(),
  entries: z.array(
    z.strictObject({
      from: code,
      to: z.array(code),
      provenance: provenanceSchema,
      note: z.string().optional(),
    }),
  ),
});
