import { randomUUID } from 'node:crypto';
import { foldVietnamese } from '@shared/format/vi.ts';
import type { Executor, Trx } from '@server/db/executor.ts';
import type { UnitKind, UnitLevel, UnitLinkKind } from './units.tables.ts';
import { checkMergesFile, checkSplitsFile, type MergesFile, type SplitsFile } from './units.source.ts';
import {
  findAllUnitLinks,
  findAllUnitsForImport,
  insertUnitLinks,
  insertUnits,
  updateUnit,
  updateUnitLinkKind,
  type NewUnitRow,
} from './units.repo.ts';

/** The day the 2025 reform took effect: the new units are valid from it, the old ones until it. */
export const REFORM_DATE = '2025-07-01';
/**
 * Start of validity given to the OLD units. The source data does not date them; 1 August 2008 is
 * when the 63-province arrangement began (Hà Tây merged into Hà Nội), so every old province is
 * right from that day. Old communes get the same day: their earlier boundary changes (2008–2025)
 * are not in the data, and every evaluation the product can hold (2017 onwards) falls after it.
 */
export const OLD_UNITS_FROM = '2008-08-01';
export const NATION_CODE = 'VN';
const NATION_FROM = '1945-09-02';
const INSERT_CHUNK = 1000;

export type ImportReport = {
  /** New (post-reform) provinces and communes in the source that were imported. */
  provinces: number;
  communes: number;
  /** Old (pre-reform) provinces and communes imported from splits.json. */
  oldProvinces: number;
  oldCommunes: number;
  /** Old → new links in the source; links that name an old district (not in the data) are skipped. */
  links: number;
  linksSkipped: number;
  created: number;
  updated: number;
  linksCreated: number;
};

export type UnitsSource = { merges: MergesFile; splits?: SplitsFile };

/** Kind of a unit from its official name ("Phường …", "Xã …", "Đặc khu …", "Thành phố …"). */
export function kindFromName(name: string, level: UnitLevel): UnitKind {
  if (level === 'province') return name.startsWith('Thành phố') ? 'thanh_pho' : 'tinh';
  if (name.startsWith('Phường')) return 'phuong';
  if (name.startsWith('Đặc khu')) return 'dac_khu';
  if (name.startsWith('Thị trấn')) return 'thi_tran';
  return 'xa';
}

type Wanted = {
  key: string;
  code: string;
  name: string;
  level: UnitLevel;
  kind: UnitKind;
  parentKey: string | null;
  validFrom: string;
  validTo: string | null;
};

const keyOf = (level: UnitLevel, code: string, validFrom: string) => `${level}|${code}|${validFrom}`;

/**
 * Plans an import of the post-reform provinces and communes (all, or the listed new province codes)
 * and, when `splits` is given, the old provinces and communes they were formed from with the
 * old → new links. Idempotent: a unit is matched by (level, code, valid_from), created when absent
 * and updated when its official name, kind or end of validity changed; running it twice changes
 * nothing. Fast: the existing units are read once and new rows are inserted in batches.
 */
export async function planImport(
  db: Executor,
  source: UnitsSource,
  provinceCodes?: string[],
): Promise<ImportPlan> {
  // Checked before any write: a malformed or ambiguous source (a code used twice) imports nothing.
  source = {
    merges: checkMergesFile(source.merges),
    ...(source.splits ? { splits: checkSplitsFile(source.splits) } : {}),
  };
  const report: ImportReport = {
    provinces: 0,
    communes: 0,
    oldProvinces: 0,
    oldCommunes: 0,
    links: 0,
    linksSkipped: 0,
    created: 0,
    updated: 0,
    linksCreated: 0,
  };
  const wanted: Wanted[] = [];
  const links: { fromKey: string; toKey: string; kind: UnitLinkKind }[] = [];
  const nationKey = keyOf('nation', NATION_CODE, NATION_FROM);
  wanted.push({
    key: nationKey,
    code: NATION_CODE,
    name: 'Việt Nam',
    level: 'nation',
    kind: 'quoc_gia',
    parentKey: null,
    validFrom: NATION_FROM,
    validTo: null,
  });

  // Where each old commune lived (old province), from splits.json.
  const oldCommunes = new Map<string, { name: string; provinceCode: string }>();
  const oldProvinces = new Map<string, string>();
  for (const p of source.splits?.data ?? []) {
    oldProvinces.set(p.level1_id, p.name);
    for (const c of p.level3s) oldCommunes.set(c.level3_id, { name: c.name, provinceCode: p.level1_id });
  }
  const neededOldProvinces = new Set<string>();
  const neededOldCommunes = new Set<string>();

  for (const province of source.merges.data) {
    if (provinceCodes && !provinceCodes.includes(province.level1_id)) continue;
    report.provinces++;
    const provinceKey = keyOf('province', province.level1_id, REFORM_DATE);
    wanted.push({
      key: provinceKey,
      code: province.level1_id,
      name: province.name,
      level: 'province',
      kind: kindFromName(province.name, 'province'),
      parentKey: nationKey,
      validFrom: REFORM_DATE,
      validTo: null,
    });
    if (source.splits) {
      for (const m of province.merges) {
        if (!oldProvinces.has(m.old_id)) continue;
        neededOldProvinces.add(m.old_id);
        links.push({
          fromKey: keyOf('province', m.old_id, OLD_UNITS_FROM),
          toKey: provinceKey,
          kind: m.type,
        });
      }
    }
    for (const commune of province.level2s) {
      report.communes++;
      const communeKey = keyOf('commune', commune.level2_id, REFORM_DATE);
      wanted.push({
        key: communeKey,
        code: commune.level2_id,
        name: commune.name,
        level: 'commune',
        kind: kindFromName(commune.name, 'commune'),
        parentKey: provinceKey,
        validFrom: REFORM_DATE,
        validTo: null,
      });
      if (!source.splits) continue;
      for (const m of commune.merges) {
        const old = oldCommunes.get(m.old_id);
        // Five island districts became special zones; districts are not in the data.
        if (!old) {
          report.linksSkipped++;
          continue;
        }
        neededOldCommunes.add(m.old_id);
        neededOldProvinces.add(old.provinceCode);
        links.push({ fromKey: keyOf('commune', m.old_id, OLD_UNITS_FROM), toKey: communeKey, kind: m.type });
      }
    }
  }
  for (const code of [...neededOldProvinces].sort()) {
    const name = oldProvinces.get(code)!;
    report.oldProvinces++;
    wanted.push({
      key: keyOf('province', code, OLD_UNITS_FROM),
      code,
      name,
      level: 'province',
      kind: kindFromName(name, 'province'),
      parentKey: nationKey,
      validFrom: OLD_UNITS_FROM,
      validTo: REFORM_DATE,
    });
  }
  for (const code of [...neededOldCommunes].sort()) {
    const old = oldCommunes.get(code)!;
    report.oldCommunes++;
    wanted.push({
      key: keyOf('commune', code, OLD_UNITS_FROM),
      code,
      name: old.name,
      level: 'commune',
      kind: kindFromName(old.name, 'commune'),
      parentKey: keyOf('province', old.provinceCode, OLD_UNITS_FROM),
      validFrom: OLD_UNITS_FROM,
      validTo: REFORM_DATE,
    });
  }
  report.links = links.length;
  return planWrites(db, report, wanted, links);
}

/**
 * Imports in one transaction (the demo seed, small imports). The application's imports go through
 * importUnitsAudited, which writes the same plan in short transactions (`writeImportSlice`).
 */
export async function importUnits(
  trx: Trx,
  source: UnitsSource,
  provinceCodes?: string[],
): Promise<ImportReport> {
  const { report, writes } = await planImport(trx, source, provinceCodes);
  await writeImportSlice(trx, writes);
  return report;
}

/** One row to write: a unit or link to insert, or one whose official data changed. */
export type ImportWrite =
  | { op: 'insert-unit'; row: NewUnitRow }
  | { op: 'update-unit'; id: string; patch: Parameters<typeof updateUnit>[2] }
  | { op: 'insert-link'; row: { from_unit_id: string; to_unit_id: string; kind: UnitLinkKind } }
  | { op: 'update-link'; from: string; to: string; kind: UnitLinkKind };

export type ImportPlan = { report: ImportReport; writes: ImportWrite[] };

/**
 * What an import must write, from the units and links already stored (read once). Parents precede
 * their children and every unit precedes the links, so writing any prefix of `writes` leaves the
 * database consistent: an import stopped half-way is resumed by running it again.
 */
async function planWrites(
  db: Executor,
  report: ImportReport,
  wanted: Wanted[],
  links: { fromKey: string; toKey: string; kind: UnitLinkKind }[],
): Promise<ImportPlan> {
  const writes: ImportWrite[] = [];
  const existing = new Map<
    string,
    { id: string; path: string; name: string; kind: UnitKind; valid_to: string | null }
  >();
  for (const row of await findAllUnitsForImport(db)) {
    existing.set(keyOf(row.level, row.code, row.valid_from), row);
  }
  const ids = new Map<string, { id: string; path: string }>();
  for (const unit of wanted) {
    if (ids.has(unit.key)) continue;
    const found = existing.get(unit.key);
    if (found) {
      ids.set(unit.key, { id: found.id, path: found.path });
      if (found.name !== unit.name || found.kind !== unit.kind || found.valid_to !== unit.validTo) {
        writes.push({
          op: 'update-unit',
          id: found.id,
          patch: {
            name: unit.name,
            name_folded: foldVietnamese(unit.name),
            kind: unit.kind,
            valid_to: unit.validTo,
          },
        });
        report.updated++;
      }
      continue;
    }
    const parent = unit.parentKey ? ids.get(unit.parentKey) : undefined;
    const id = randomUUID();
    const path = `${parent?.path ?? '/'}${id}/`;
    ids.set(unit.key, { id, path });
    writes.push({
      op: 'insert-unit',
      row: {
        id,
        code: unit.code,
        name: unit.name,
        name_folded: foldVietnamese(unit.name),
        level: unit.level,
        kind: unit.kind,
        parent_id: parent?.id ?? null,
        path,
        valid_from: unit.validFrom,
        valid_to: unit.validTo,
      },
    });
    report.created++;
  }

  if (links.length) {
    const existingLinks = new Map<string, UnitLinkKind>();
    for (const row of await findAllUnitLinks(db))
      existingLinks.set(`${row.from_unit_id}>${row.to_unit_id}`, row.kind);
    for (const link of links) {
      const from = ids.get(link.fromKey)!.id;
      const to = ids.get(link.toKey)!.id;
      const kind = existingLinks.get(`${from}>${to}`);
      if (kind === undefined) {
        writes.push({ op: 'insert-link', row: { from_unit_id: from, to_unit_id: to, kind: link.kind } });
        report.linksCreated++;
      } else if (kind !== link.kind) {
        writes.push({ op: 'update-link', from, to, kind: link.kind });
        report.updated++;
      }
    }
  }
  return { report, writes };
}

/** Writes part of a plan, in order; consecutive inserts go in multi-row statements. */
export async function writeImportSlice(trx: Trx, writes: ImportWrite[]): Promise<void> {
  let i = 0;
  while (i < writes.length) {
    const write = writes[i]!;
    if (write.op === 'update-unit') {
      await updateUnit(trx, write.id, write.patch);
      i++;
    } else if (write.op === 'update-link') {
      await updateUnitLinkKind(trx, write.from, write.to, write.kind);
      i++;
    } else {
      let j = i;
      while (j < writes.length && j - i < INSERT_CHUNK && writes[j]!.op === write.op) j++;
      const batch = writes.slice(i, j);
      if (write.op === 'insert-unit') {
        await insertUnits(
          trx,
          batch.map((w) => (w as Extract<ImportWrite, { op: 'insert-unit' }>).row),
        );
      } else {
        await insertUnitLinks(
          trx,
          batch.map((w) => (w as Extract<ImportWrite, { op: 'insert-link' }>).row),
        );
      }
      i = j;
    }
  }
}

/** The post-reform units only (no history): used by the demo seed. */
export async function importNewUnits(
  trx: Trx,
  source: MergesFile,
  provinceCodes?: string[],
): Promise<ImportReport> {
  return importUnits(trx, { merges: source }, provinceCodes);
}

/** One-line Vietnamese summary of an import, for the CLI and the audit trail. */
export function describeImport(report: ImportReport, ms?: number): string {
  const changed =
    report.created + report.updated + report.linksCreated === 0
      ? 'không có thay đổi (dữ liệu đã có sẵn)'
      : `tạo mới ${report.created}, cập nhật ${report.updated} đơn vị, thêm ${report.linksCreated} liên kết`;
  return (
    `Đã nhập ${report.provinces} tỉnh/thành phố và ${report.communes} đơn vị cấp xã mới, ` +
    `${report.oldProvinces} tỉnh và ${report.oldCommunes} xã cũ, ${report.links} liên kết cũ → mới` +
    (report.linksSkipped ? ` (bỏ qua ${report.linksSkipped} liên kết tới huyện cũ)` : '') +
    `: ${changed}${ms === undefined ? '' : ` trong ${(ms / 1000).toFixed(1)} giây`}.`
  );
}
