import { z } from 'zod';
import { pageOf } from '../contract.ts';

/** Responses of /api/units (server/features/units/units.routes.ts). */

export const UNIT_LEVELS = ['nation', 'province', 'district', 'commune'] as const;
export const UNIT_KINDS = [
  'quoc_gia',
  'tinh',
  'thanh_pho',
  'quan',
  'huyen',
  'thi_xa',
  'thanh_pho_thuoc_tinh',
  'xa',
  'phuong',
  'dac_khu',
  'thi_tran',
] as const;

export const unitLevelSchema = z.enum(UNIT_LEVELS);
export const unitKindSchema = z.enum(UNIT_KINDS);

export const unitResponse = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  level: unitLevelSchema,
  kind: unitKindSchema,
  parentId: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  /** Sent back as `expectedUpdatedAt` when editing: 409 if someone else saved in between. */
  updatedAt: z.string(),
  abilities: z.object({ canEdit: z.boolean() }),
});

export const unitPageResponse = pageOf(unitResponse);

export const unitWithChildrenResponse = unitResponse.extend({ children: z.array(unitResponse) });

export const unitLinkResponse = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  level: unitLevelSchema,
  validFrom: z.string(),
  validTo: z.string().nullable(),
  link: z.enum(['full', 'partial']),
});

export const unitHistoryResponse = z.object({
  unit: unitResponse,
  formedFrom: z.array(unitLinkResponse),
  wentInto: z.array(unitLinkResponse),
});

export const importableProvincesResponse = z.array(
  z.object({ code: z.string(), name: z.string(), communes: z.number() }),
);
