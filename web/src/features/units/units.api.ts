/** Shapes of the units API (server/features/units/units.presenter.ts) as the web sees them. */
import { UNIT_KIND_NAMES, UNIT_KINDS } from '@shared/units/kinds.ts';

export type UnitLevel = 'nation' | 'province' | 'district' | 'commune';

export type Unit = {
  id: string;
  code: string;
  name: string;
  level: UnitLevel;
  kind: string;
  parentId: string | null;
  validFrom: string;
  validTo: string | null;
  /** Sent back as `expectedUpdatedAt` when editing: 409 if someone else saved in between. */
  updatedAt: string;
  abilities: { canEdit: boolean };
};

export type UnitLink = {
  id: string;
  code: string;
  name: string;
  level: UnitLevel;
  validFrom: string;
  validTo: string | null;
  link: 'full' | 'partial';
};

export type UnitHistory = { unit: Unit; formedFrom: UnitLink[]; wentInto: UnitLink[] };

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
