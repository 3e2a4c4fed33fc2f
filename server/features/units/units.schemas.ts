import { expectedUpdatedAtSchema, isoDateSchema } from '@shared/dates.ts';
import { UNIT_KINDS } from '@shared/units/kinds.ts';
import { z } from 'zod';

const isoDate = isoDateSchema;
const unitKinds = UNIT_KINDS;

export const unitIdParams = z.object({ id: z.uuid('Mã đơn vị không hợp lệ') });

export const listUnitsQuery = z.object({
  search: z.string().trim().max(100).optional(),
  parentId: z.uuid('Mã đơn vị cha không hợp lệ').optional(),
  level: z.enum(['nation', 'province', 'district', 'commune']).optional(),
  province: z
    .string()
    .regex(/^\d{2}$/, 'Mã tỉnh gồm 2 chữ số')
    .optional(),
  era: z.enum(['current', 'former', 'all']).default('current'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type ListUnitsQuery = z.output<typeof listUnitsQuery>;

export const updateUnitBody = z
  .object({
    name: z.string().trim().min(2, 'Tên đơn vị quá ngắn').max(200).optional(),
    kind: z.enum(unitKinds).optional(),
    validFrom: isoDate.optional(),
    validTo: isoDate.nullable().optional(),
    /** The unit's `updatedAt` as the form loaded it: 409 if someone else saved in between. */
    expectedUpdatedAt: expectedUpdatedAtSchema,
  })
  .refine(({ expectedUpdatedAt: _, ...fields }) => Object.values(fields).some((x) => x !== undefined), {
    message: 'Không có gì để sửa',
  });
export type UpdateUnitBody = z.output<typeof updateUnitBody>;
