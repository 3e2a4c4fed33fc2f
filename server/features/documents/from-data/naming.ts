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

/** Box 1 (cơ quan chủ quản): "UBND TỈNH THÁI NGUYÊN". */
export function parentAgency(unit: UnitRef | null): string | undefined {
  return unit ? `UBND ${runningName(unit).toUpperCase()}` : undefined;
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
