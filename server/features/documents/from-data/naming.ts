/** How stored units are named in official documents: running text, agency headers, file names. */
import { removeVietnameseMarks } from '@shared/format/vi.ts';
import {
  COMMUNE_KINDS,
  UNIT_KIND_NAMES,
  UNIT_KINDS,
  unitKindWord,
  type CommuneKind,
  type CommuneWord,
} from '@shared/units/kinds.ts';

/** A unit as stored: its full name ("Phường Phan Đình Phùng") and kind (units.kind). */
export type UnitRef = { name: string; kind: string };

/** A leading kind word of a stored name ("Phường ", "Thị xã "). */
const PREFIX = new RegExp(
  `^(${[...new Set(UNIT_KINDS.map((k) => UNIT_KIND_NAMES[k].word).filter(Boolean))].join('|')})\\s+`,
  'iu',
);

/** The proper name without its kind: "Phường Phan Đình Phùng" → "Phan Đình Phùng". */
export function properName(unit: UnitRef): string {
  return unit.name.replace(PREFIX, '').trim();
}

/** The unit in running text: "phường Phan Đình Phùng", "tỉnh Thái Nguyên". */
export function runningName(unit: UnitRef): string {
  const label = unitKindWord(unit.kind);
  if (label) return `${label} ${properName(unit)}`;
  // Unknown kind: keep the stored name, lower-casing only a leading kind word.
  return PREFIX.test(unit.name) ? unit.name.charAt(0).toLowerCase() + unit.name.slice(1) : unit.name;
}

/** The commune-level unit as the document schemas want it ({ kind: "phường", name: "Phan Đình Phùng" }). */
export function communeUnit(unit: UnitRef): { kind: CommuneWord; name: string } {
  const kind = (COMMUNE_KINDS as readonly string[]).includes(unit.kind) ? (unit.kind as CommuneKind) : 'xa';
  return { kind: UNIT_KIND_NAMES[kind].word, name: properName(unit) };
}

/** Box 2 of the ND 30 header for a people's committee: "ỦY BAN NHÂN DÂN\nPHƯỜNG PHAN ĐÌNH PHÙNG". */
export function committeeAgency(unit: UnitRef): string {
  return `ỦY BAN NHÂN DÂN\n${runningName(unit).toUpperCase()}`;
}

/**
 * Box 1 (cơ quan chủ quản) above a body that has one, e.g. a council or an office of the committee:
 * "UBND TỈNH THÁI NGUYÊN".
 *
 * Never used for a people's committee's own document. Nghị định 30/2020/NĐ-CP, Phụ lục I (box 2,
 * shared/domain/legal-frameworks.md §7.2) prints the name of the issuing body under the name of its
 * *direct* managing body "if there is one" (cơ quan, tổ chức chủ quản trực tiếp, nếu có). A Ủy ban
 * nhân dân is the state administrative body of its own level, elected through its council, not a
 * unit managed by the committee above it, so it has none: its own documents carry only
 * "ỦY BAN NHÂN DÂN\nXÃ …" (as the committees' published reports do). Printing the level above also
 * went wrong after 1/7/2025, when a commune's parent became the province ("UBND TỈNH …" above a
 * commune).
 */
export function parentAgency(unit: UnitRef | null): string | undefined {
  return unit ? `UBND ${runningName(unit).toUpperCase()}` : undefined;
}

/**
 * How a framework names the units it evaluates: QĐ 25/2021 (TCPL-2021, periods 2022–2024) and
 * QĐ 619/2017 "xã, phường, thị trấn"; QĐ 27/2025 (TCPL-2025) "xã, phường, đặc khu" — thị trấn no
 * longer exist after 1/7/2025 (legal-frameworks.md §2.1, comparison table).
 */
export function frameworkUnitNoun(frameworkCode: string): string {
  return /^TCPL-(2025|20[3-9]\d)/.test(frameworkCode) ? 'xã, phường, đặc khu' : 'xã, phường, thị trấn';
}

/**
 * The head of the justice office of the evaluating level, for Điều 3 of a decision: "Giám đốc Sở Tư
 * pháp tỉnh …" when a province evaluates, "Trưởng Phòng Tư pháp huyện …" when a district did.
 */
export function justiceHead(organiser: UnitRef): string {
  const provincial = organiser.kind === 'tinh' || organiser.kind === 'thanh_pho';
  return `${provincial ? 'Giám đốc' : 'Trưởng'} ${departmentOf(organiser, 'Tư pháp')}`;
}

/**
 * The signature title of the chairman (or a vice-chairman) signing in the chairman's name, from the
 * stored title ("Chủ tịch UBND tỉnh", "Phó Chủ tịch"): "CHỦ TỊCH" or "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
 * (Nghị định 30/2020, Phụ lục I box 7a: KT. when a deputy signs for the head).
 */
export function chairmanTitle(storedTitle: string): string {
  return /phó\s+chủ\s+tịch/iu.test(storedTitle) ? 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH' : 'CHỦ TỊCH';
}

/** The organiser's office for a field: "Sở Tư pháp tỉnh Thái Nguyên" (province) or "Phòng Tư pháp huyện …". */
export function departmentOf(organiser: UnitRef, field: string): string {
  const provincial = organiser.kind === 'tinh' || organiser.kind === 'thanh_pho';
  return `${provincial ? 'Sở' : 'Phòng'} ${field} ${runningName(organiser)}`;
}

/** "Phường Đức Xuân.docx" → "Phuong-Duc-Xuan.docx": ASCII names for the entries of the bulk ZIP. */
export function asciiFileName(value: string): string {
  return removeVietnameseMarks(value)
    .replace(/[^A-Za-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
