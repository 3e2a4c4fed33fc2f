import { z } from 'zod';
import { pageOf } from '../contract.ts';
import { UNIT_KINDS } from './kinds.ts';

export { UNIT_KINDS };

/** Responses of /api/units (server/features/units/units.routes.ts). */

export const UNIT_LEVELS = ['nation', 'province', 'district', 'commune'] as const;

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
