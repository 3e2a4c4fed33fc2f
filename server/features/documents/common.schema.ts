/** Schemas shared by the document view models: header block, signature, recipients, numbers and dates. */
import { isoDateSchema } from '@shared/dates.ts';
import { foldVietnamese } from '@shared/format/vi.ts';
import { COMMUNE_WORDS } from '@shared/units/kinds.ts';
import * as z from 'zod';

/** A decimal given as a number or as a string with a dot ("84.66"); kept as a string so digits are never lost. */
export const decimal = z
  .union([
    z.number().finite(),
    z.string().regex(/^-?\d+(\.\d+)?$/, { error: 'phải là số, dấu chấm thập phân (ví dụ "84.66")' }),
  ])
  .transform((v) => (typeof v === 'number' ? String(v) : v));

/** ISO calendar date "2023-12-19". */
export const isoDate = isoDateSchema;

export const count = z.number().int().min(0);
export const year = z.number().int().min(2000).max(2100);
export const text = z.string().trim().min(1, { error: 'không được để trống' });

export const headerSchema = z.object({
  parentAgency: text.optional(),
  issuingAgency: text,
  number: z.number().int().positive().optional(),
  symbol: text.optional(),
  place: text,
  date: isoDate.optional(),
  year,
});

export const signatureSchema = z.object({
  authority: text.optional(),
  title: text,
  name: z.string().optional(),
});

export const recipientsSchema = z.object({
  items: z.array(text),
  archive: text,
});

/** Kind of commune-level unit as written in running text. */
export const unitSchema = z.object({
  kind: z.enum(COMMUNE_WORDS),
  name: text,
});
export type Unit = z.infer<typeof unitSchema>;

/** "phường Long Hoa". */
export function unitLabel(unit: Unit): string {
  return `${unit.kind} ${unit.name}`;
}

/** Vietnamese alphabet used for "a)", "b)", … "đ)" list items. */
const LETTERS = 'a b c d đ e g h i k l m n o p q r s t u v x y'.split(' ');

/** The n-th (0-based) list letter: 0 → "a", 4 → "đ". */
export function listLetter(index: number): string {
  return LETTERS[index] ?? String(index + 1);
}

/** Lower-case ASCII slug for file names: "Long Hoa" → "long-hoa". */
export function slug(value: string): string {
  return foldVietnamese(value)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
