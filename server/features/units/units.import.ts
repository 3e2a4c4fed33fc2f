import { randomUUID } from 'node:crypto';
import { foldVietnamese } from '@shared/format/vi.ts';
import type { Trx } from '@server/db/executor.ts';
import type { UnitKind, UnitLevel } from './units.tables.ts';
import type { MergesFile } from './units.source.ts';

/** The day the 2025 reform took effect: the new units are valid from it. */
export const REFORM_DATE = '2025-07-01';
export const NATION_CODE = 'VN';

export type ImportReport = { provinces: number; communes: number; created: number; updated: number };

/** Kind of a unit from its official name ("Phường …", "Xã …", "Đặc khu …", "Thành phố …"). */
export function kindFromName(name: string, level: UnitLevel): UnitKind {
  if (level === 'province') return name.startsWith('Thành phố') ? 'thanh_pho' : 'tinh';
  if (name.startsWith('Phường')) return 'phuong';
  if (name.startsWith('Đặc khu')) return 'dac_khu';
  if (name.startsWith('Thị trấn')) return 'thi_tran';
  return 'xa';
}

/**
 * Imports the post-reform provinces and communes (all, or the listed province codes). Idempotent:
 * a unit is matched by (level, code, valid_from), created when absent and renamed when its
 * official name changed; running it twice changes nothing.
 */
export async function importNewUnits(
  trx: Trx,
  source: MergesFile,
  provinceCodes?: string[],
): Promise<ImportReport> {
  const report: ImportReport = { provinces: 0, communes: 0, created: 0, updated: 0 };
  const nation = await upsertUnit(trx, report, {
    code: NATION_CODE,
    name: 'Việt Nam',
    level: 'nation',
    kind: 'quoc_gia',
    parent: null,
    validFrom: '1945-09-02',
  });
  for (const province of source.data) {
    if (provinceCodes && !provinceCodes.includes(province.level1_id)) continue;
    report.provinces++;
    const p = await upsertUnit(trx, report, {
      code: province.level1_id,
      name: province.name,
      level: 'province',
      kind: kindFromName(province.name, 'province'),
      parent: nation,
      validFrom: REFORM_DATE,
    });
    for (const commune of province.level2s) {
      report.communes++;
      await upsertUnit(trx, report, {
        code: commune.level2_id,
        name: commune.name,
        level: 'commune',
        kind: kindFromName(commune.name, 'commune'),
        parent: p,
        validFrom: REFORM_DATE,
      });
    }
  }
  return report;
}

type UnitRef = { id: string; path: string };

async function upsertUnit(
  trx: Trx,
  report: ImportReport,
  unit: {
    code: string;
    name: string;
    level: UnitLevel;
    kind: UnitKind;
    parent: UnitRef | null;
    validFrom: string;
  },
): Promise<UnitRef> {
  const existing = await trx
    .selectFrom('units')
    .select(['id', 'path', 'name'])
    .where('level', '=', unit.level)
    .where('code', '=', unit.code)
    .where('valid_from', '=', unit.validFrom)
    .executeTakeFirst();
  if (existing) {
    if (existing.name !== unit.name) {
      await trx
        .updateTable('units')
        .set({
          name: unit.name,
          name_folded: foldVietnamese(unit.name),
          kind: unit.kind,
          updated_at: new Date(),
        })
        .where('id', '=', existing.id)
        .execute();
      report.updated++;
    }
    return { id: existing.id, path: existing.path };
  }
  const id = randomUUID();
  const path = `${unit.parent?.path ?? '/'}${id}/`;
  await trx
    .insertInto('units')
    .values({
      id,
      code: unit.code,
      name: unit.name,
      name_folded: foldVietnamese(unit.name),
      level: unit.level,
      kind: unit.kind,
      parent_id: unit.parent?.id ?? null,
      path,
      valid_from: unit.validFrom,
    })
    .execute();
  report.created++;
  return { id, path };
}
