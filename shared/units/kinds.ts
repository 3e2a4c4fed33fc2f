/** The kinds of administrative unit (units.kind) and how Vietnamese names them: one table for lists and documents. */

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
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Commune-level kinds, in the order documents list them ("xã, phường, thị trấn"). */
export const COMMUNE_KINDS = ['xa', 'phuong', 'thi_tran', 'dac_khu'] as const;
export type CommuneKind = (typeof COMMUNE_KINDS)[number];

/** `label`: in lists and forms ("Thành phố trực thuộc TW"); `word`: in running text ("thành phố"), none for the nation. */
export const UNIT_KIND_NAMES = {
  quoc_gia: { label: 'Quốc gia', word: '' },
  tinh: { label: 'Tỉnh', word: 'tỉnh' },
  thanh_pho: { label: 'Thành phố trực thuộc TW', word: 'thành phố' },
  quan: { label: 'Quận', word: 'quận' },
  huyen: { label: 'Huyện', word: 'huyện' },
  thi_xa: { label: 'Thị xã', word: 'thị xã' },
  thanh_pho_thuoc_tinh: { label: 'Thành phố thuộc tỉnh', word: 'thành phố' },
  xa: { label: 'Xã', word: 'xã' },
  phuong: { label: 'Phường', word: 'phường' },
  dac_khu: { label: 'Đặc khu', word: 'đặc khu' },
  thi_tran: { label: 'Thị trấn', word: 'thị trấn' },
} as const satisfies Record<UnitKind, { label: string; word: string }>;

/** A commune-level kind in running text: "xã", "phường", "thị trấn", "đặc khu". */
export type CommuneWord = (typeof UNIT_KIND_NAMES)[CommuneKind]['word'];
/** The commune words, in COMMUNE_KINDS order (for schemas). */
export const COMMUNE_WORDS = COMMUNE_KINDS.map((k) => UNIT_KIND_NAMES[k].word) as [
  CommuneWord,
  ...CommuneWord[],
];

/** The running-text word of a stored kind, or undefined for a kind this table does not know. */
export function unitKindWord(kind: string): string | undefined {
  return (UNIT_KIND_NAMES as Record<string, { word: string } | undefined>)[kind]?.word;
}
