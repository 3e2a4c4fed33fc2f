/**
 * The books' API (server/features/books/books.routes.ts): list query (shared with the page's URL,
 * /so-sach), bodies and answers. The facts of a record (`data`) are checked against the kind's
 * fields by `bookDataSchema` (shared/books/kinds.ts) in the service, since the schema depends on the kind.
 */
import { z } from 'zod';
import { isoDateSchema } from '../dates.ts';
import { instant } from '../contract.ts';
import { measuresOf, type MeasureId } from '../registers/measures.ts';
import { BOOK_KIND_IDS } from './kinds.ts';

const BOOK_MEASURES: readonly string[] = measuresOf('books');
export const BOOKS_MAX_PAGE_SIZE = 500;

const kind = z.enum(BOOK_KIND_IDS, { error: 'Loại sổ không hợp lệ' });

export const listBookRecordsQuery = z
  .object({
    kind,
    unitId: z.uuid('Mã đơn vị không hợp lệ').optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    measure: z
      .string()
      .refine((v) => BOOK_MEASURES.includes(v), { error: 'Chỉ số không hợp lệ' })
      .transform((v) => v as MeasureId)
      .optional(),
    /** `field:value` pairs separated by `;` (choice and yes/no fields of the kind). */
    filter: z.string().trim().max(500).optional(),
    q: z.string().trim().max(200).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce
      .number()
      .int()
      .min(1)
      .max(BOOKS_MAX_PAGE_SIZE, `Mỗi trang tối đa ${BOOKS_MAX_PAGE_SIZE} bản ghi`)
      .default(50),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    error: 'Ngày bắt đầu phải không sau ngày kết thúc',
    path: ['to'],
  });
export type ListBookRecordsQuery = z.output<typeof listBookRecordsQuery>;

export const bookExportQuery = listBookRecordsQuery;

const data = z.record(z.string(), z.unknown());

export const createBookRecordBody = z.object({ unitId: z.uuid('Mã đơn vị không hợp lệ'), kind, data });
export type CreateBookRecordBody = z.output<typeof createBookRecordBody>;

export const updateBookRecordBody = z.object({ expectedVersion: z.number().int().min(1), data });
export type UpdateBookRecordBody = z.output<typeof updateBookRecordBody>;

export const deleteBookRecordQuery = z.object({ expectedVersion: z.coerce.number().int().min(1) });

export const bookImportQuery = z.object({ unitId: z.uuid('Mã đơn vị không hợp lệ'), kind });

export const bookRecordResponse = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  kind,
  recordDate: z.string(),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  source: z.enum(['typed', 'import']),
  version: z.number(),
  createdAt: instant,
  updatedAt: instant,
  /** A record of a former commune merged into the listed one (read-only history). */
  formerUnit: z.boolean(),
  /** With a ratio measure: whether the record counts in the numerator. */
  counted: z.boolean().nullable(),
});
export type BookRecord = z.output<typeof bookRecordResponse>;

export const bookRecordPageResponse = z.object({
  items: z.array(bookRecordResponse),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** With a ratio measure: the numerator (records counted). */
  counted: z.number().nullable(),
});
export type BookRecordPage = z.output<typeof bookRecordPageResponse>;
/** What the service answers (dates as Date, before JSON). */
export type BookRecordPageOut = z.input<typeof bookRecordPageResponse>;

export const bookImportResponse = z.object({ created: z.number() });

/** 01/TCD and 01/XLD figures for one unit and period (reception and petitions books). */
export const petitionKindCounts = z.object({
  total: z.number(),
  khieuNai: z.number(),
  toCao: z.number(),
  kienNghi: z.number(),
  phanAnh: z.number(),
  datDai: z.number(),
});
export type PetitionKindCounts = z.output<typeof petitionKindCounts>;

export const receptionSummaryQuery = z
  .object({ unitId: z.uuid('Mã đơn vị không hợp lệ'), from: isoDateSchema, to: isoDateSchema })
  .refine((q) => q.from <= q.to, { error: 'Ngày bắt đầu phải không sau ngày kết thúc', path: ['to'] });
export type ReceptionSummaryQuery = z.output<typeof receptionSummaryQuery>;

export const reportDownloadQuery = z
  .object({
    unitId: z.uuid('Mã đơn vị không hợp lệ'),
    from: isoDateSchema,
    to: isoDateSchema,
  })
  .refine((q) => q.from <= q.to, { error: 'Ngày bắt đầu phải không sau ngày kết thúc', path: ['to'] });

export const receptionSummaryResponse = z.object({
  unitId: z.string(),
  unitName: z.string(),
  from: z.string(),
  to: z.string(),
  /** 01/TCD. */
  reception: z.object({
    sessions: z.number(),
    /** Sessions of the leaders (định kỳ). */
    leaderSessions: z.number(),
    visits: z.number(),
    groups: z.number(),
  }),
  /** 01/XLD, each by kind. */
  petitions: z.object({
    inPeriod: petitionKindCounts,
    carried: petitionKindCounts,
    fresh: petitionKindCounts,
    resolved: petitionKindCounts,
    pending: petitionKindCounts,
    resolvedOnTime: petitionKindCounts,
  }),
});
export type ReceptionSummary = z.output<typeof receptionSummaryResponse>;
