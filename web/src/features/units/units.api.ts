import type { z } from 'zod';
import { UNIT_KIND_NAMES, UNIT_KINDS } from '@shared/units/kinds.ts';
import type {
  unitHistoryResponse,
  unitLinkResponse,
  unitResponse,
  unitWithChildrenResponse,
  importableProvincesResponse,
  UNIT_LEVELS,
} from '@shared/units/units.contract.ts';

/** Shapes of the units API, from its contract (shared/units/units.contract.ts). */
export type UnitLevel = (typeof UNIT_LEVELS)[number];
export type Unit = z.output<typeof unitResponse>;
export type UnitWithChildren = z.output<typeof unitWithChildrenResponse>;
export type UnitLink = z.output<typeof unitLinkResponse>;
export type UnitHistory = z.output<typeof unitHistoryResponse>;
export type ImportableProvince = z.output<typeof importableProvincesResponse>[number];

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export const LEVEL_LABELS: Record<UnitLevel, string> = {
  nation: 'Quốc gia',
  province: 'Cấp tỉnh',
  district: 'Cấp huyện',
  commune: 'Cấp xã',
};

export const KIND_LABELS: Record<string, string> = Object.fromEntries(
  UNIT_KINDS.map((kind) => [kind, UNIT_KIND_NAMES[kind].label]),
);

/** Query string from the defined values only. */
export function toQuery(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
