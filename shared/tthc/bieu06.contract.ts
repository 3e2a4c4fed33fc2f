/**
 * The API contract of Biểu 06 (GET /api/registers/tthc/bieu-06) and of the aggregate entry
 * (GET/PUT /api/registers/tthc/aggregates, POST …/aggregates/import): server/features/tthc/bieu06.routes.ts.
 */
import { z } from 'zod';
import { instant } from '../contract.ts';
import { isoDateSchema } from '../dates.ts';
import { BIEU06_KEYS, type Bieu06Key } from './bieu06.ts';

/** Longest range a report or an aggregate covers (ten years). */
export const BIEU06_MAX_DAYS = 3660;

const unitId = z.uuid('Mã đơn vị không hợp lệ');

function rangeChecked<T extends z.ZodType<{ from: string; to: string }>>(schema: T) {
  return schema.refine((v) => v.from <= v.to, {
    path: ['to'],
    message: 'Ngày cuối kỳ phải sau hoặc trùng ngày đầu kỳ',
  });
}

export const bieu06Query = rangeChecked(z.object({ unitId, from: isoDateSchema, to: isoDateSchema }));
export type Bieu06Query = z.output<typeof bieu06Query>;

export const bieu06DownloadQuery = rangeChecked(
  z.object({
    unitId,
    from: isoDateSchema,
    to: isoDateSchema,
    format: z.enum(['xlsx', 'docx']).default('xlsx'),
  }),
);

const count = z
  .number({ error: 'Phải là số' })
  .int('Phải là số nguyên')
  .min(0, 'Không được là số âm')
  .max(2_000_000_000, 'Số quá lớn');

const figureShape = Object.fromEntries(BIEU06_KEYS.map((k) => [k, count])) as Record<Bieu06Key, typeof count>;
export const bieu06Figures = z.object(figureShape);
export const bieu06FieldRow = z.object({
  field: z.string().trim().min(1, 'Vui lòng nhập lĩnh vực').max(200, 'Lĩnh vực tối đa 200 ký tự'),
  ...figureShape,
});

const unitSummary = z.object({ id: z.string(), code: z.string(), name: z.string(), level: z.string() });

/** Where a commune's figures come from: its dossiers, the totals it typed or imported, or nothing. */
export const BIEU06_SOURCES = ['dossiers', 'aggregates', 'none'] as const;
export type Bieu06Source = (typeof BIEU06_SOURCES)[number];

export const bieu06Response = z.object({
  unit: unitSummary,
  from: z.string(),
  to: z.string(),
  total: bieu06Figures,
  byField: z.array(bieu06FieldRow),
  /** Each failed consistency check, in Vietnamese, naming the row, the columns and both numbers. */
  problems: z.array(z.string()),
  /** The communes summed, each with where its figures come from. */
  communes: z.array(unitSummary.extend({ source: z.enum(BIEU06_SOURCES) })),
  abilities: z.object({
    /** The figures of this report are all counted from dossiers of one commune: numbers open the list. */
    canDrillDown: z.boolean(),
    canEditAggregates: z.boolean(),
  }),
});
export type Bieu06Report = z.output<typeof bieu06Response>;

/** A commune's typed totals for one range: replaces its rows for exactly that range. */
export const aggregatesInput = rangeChecked(
  z.object({
    unitId,
    from: isoDateSchema,
    to: isoDateSchema,
    rows: z.array(bieu06FieldRow).max(500, 'Tối đa 500 lĩnh vực'),
  }),
).refine((v) => new Set(v.rows.map((r) => r.field.normalize('NFC'))).size === v.rows.length, {
  path: ['rows'],
  message: 'Mỗi lĩnh vực chỉ ghi một dòng',
});
export type AggregatesInput = z.output<typeof aggregatesInput>;

export const aggregatesResponse = z.object({
  unit: unitSummary,
  from: z.string(),
  to: z.string(),
  rows: z.array(bieu06FieldRow),
  /** Consistency problems of the stored rows (stored anyway; shown to be corrected). */
  problems: z.array(z.string()),
  source: z.enum(['typed', 'import']).nullable(),
  updatedAt: instant.nullable(),
  /** The commune has dossiers in this range: the report counts them and ignores these totals. */
  hasDossiers: z.boolean(),
  abilities: z.object({ canEdit: z.boolean() }),
});
export type AggregatesDto = z.output<typeof aggregatesResponse>;
/** What the service returns (a Date before JSON). */
export type AggregatesResult = z.input<typeof aggregatesResponse>;
