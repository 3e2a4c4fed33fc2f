/**
 * The TTHC dossier register's list (GET /api/registers/tthc/dossiers, server/features/tthc/
 * tthc.dossiers.routes.ts): its query, shared by the page's URL (/so-tthc) and the API, and its answer.
 */
import { z } from 'zod';
import { isoDateSchema } from '../dates.ts';
import { pageOf } from '../contract.ts';
import { measuresOf, type MeasureId } from '../registers/measures.ts';

const TTHC_MEASURES: readonly string[] = measuresOf('tthc');

export const TTHC_CHANNELS = ['truc_tuyen', 'truc_tiep', 'buu_chinh'] as const;
export type TthcChannelCode = (typeof TTHC_CHANNELS)[number];

/** Largest page of the register list. */
export const DOSSIERS_MAX_PAGE_SIZE = 200;

const flag = z
  .enum(['1', '0', 'true', 'false'], { error: 'Giá trị phải là 1 hoặc 0' })
  .optional()
  .transform((v) => v === '1' || v === 'true');

export const listDossiersQuery = z
  .object({
    unitId: z.uuid('Mã đơn vị không hợp lệ').optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    field: z.string().trim().min(1).max(500).optional(),
    channel: z.enum(TTHC_CHANNELS, { error: 'Kênh nộp không hợp lệ' }).optional(),
    late: flag,
    pending: flag,
    measure: z
      .string()
      .refine((v) => TTHC_MEASURES.includes(v), {
        error: `Chỉ số không hợp lệ; dùng một trong: ${TTHC_MEASURES.join(', ')}`,
      })
      .transform((v) => v as MeasureId)
      .optional(),
    q: z.string().trim().max(200).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce
      .number()
      .int()
      .min(1)
      .max(DOSSIERS_MAX_PAGE_SIZE, `Mỗi trang tối đa ${DOSSIERS_MAX_PAGE_SIZE} hồ sơ`)
      .default(50),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    error: 'Ngày bắt đầu phải không sau ngày kết thúc',
    path: ['to'],
  });
export type ListDossiersQuery = z.output<typeof listDossiersQuery>;

export const dossierResponse = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  code: z.string(),
  procedureCode: z.string().nullable(),
  procedureName: z.string().nullable(),
  field: z.string(),
  channel: z.enum(TTHC_CHANNELS),
  receivedOn: z.string(),
  dueOn: z.string(),
  resolvedOn: z.string().nullable(),
  status: z.string().nullable(),
  statusKind: z.enum(['binh_thuong', 'rut', 'tra_lai', 'bo_sung']),
  digitised: z.boolean().nullable(),
  electronicResult: z.boolean().nullable(),
  onlinePayment: z.boolean().nullable(),
  fullProcess: z.boolean().nullable(),
  apologyLetter: z.boolean().nullable(),
  source: z.enum(['typed', 'import', 'api']),
  /** With `measure`: whether the row counts in the measure's numerator (ratios); null otherwise. */
  counted: z.boolean().nullable(),
});
export type DossierItem = z.output<typeof dossierResponse>;

export const dossierPageResponse = pageOf(dossierResponse).extend({
  /** The date range the rules used (the query's, or the current year when a rule needs one). */
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** With `measure`: how many of `total` rows count in the numerator (a ratio), else null. */
  counted: z.number().nullable(),
});
export type DossierPage = z.output<typeof dossierPageResponse>;

export const dossierFieldsQuery = z.object({ unitId: z.uuid('Mã đơn vị không hợp lệ').optional() });
export const dossierFieldsResponse = z.array(z.string());
