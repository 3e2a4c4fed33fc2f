/**
 * Vietnamese formatting used by the UI, the scoring explanations and the official documents.
 * Pure: no Node, no DOM. Numbers arrive as strings or numbers (exact decimals are passed as strings).
 */

/** "84.66" → "84,66"; "1234567.5" → "1.234.567,5". Never rounds: the digits given are the digits shown. */
export function formatDecimal(value: string | number): string {
  const text = typeof value === 'number' ? numberToPlainString(value) : value.trim();
  const negative = text.startsWith('-');
  const [intPart = '0', fracPart] = (negative ? text.slice(1) : text).split('.');
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return (negative ? '-' : '') + grouped + (fracPart ? ',' + fracPart : '');
}

/** Fixed decimals with Vietnamese separators: formatFixed(84.656, 2) → "84,66". */
export function formatFixed(value: number, digits: number): string {
  return formatDecimal(value.toFixed(digits));
}

/** Two-digit counts as written in reports: 2 → "02", 12 → "12". */
export function padCount(n: number): string {
  return n < 10 && n >= 0 ? `0${n}` : String(n);
}

/** "02/02 chỉ tiêu" style fraction used throughout the reports. */
export function formatCountOf(count: number, total: number, noun?: string): string {
  const text = `${padCount(count)}/${padCount(total)}`;
  return noun ? `${text} ${noun}` : text;
}

/** Date → "19/12/2023". Accepts a Date or an ISO date string (yyyy-mm-dd…), read in local calendar terms. */
export function formatDate(value: Date | string): string {
  const { d, m, y } = dateParts(value);
  return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
}

/** The day.js pattern of date pickers, the same day/month/year order as formatDate. */
export const DATE_INPUT_FORMAT = 'DD/MM/YYYY';

/**
 * An instant → "01/12/2026 11:25" in Vietnam time (UTC+7 all year, no daylight saving), whatever the
 * time zone of the machine showing it.
 */
export function formatDateTimeVietnam(value: Date | string): string {
  const at = new Date(new Date(value).getTime() + 7 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(at.getUTCDate())}/${two(at.getUTCMonth() + 1)}/${at.getUTCFullYear()} ${two(at.getUTCHours())}:${two(at.getUTCMinutes())}`;
}

/** Date → "ngày 19 tháng 12 năm 2023" (Nghị định 30: day and month below 10 take a leading zero only for 1–2). */
export function formatLongDate(value: Date | string): string {
  const { d, m, y } = dateParts(value);
  // ND 30/2020 Phụ lục I: days 1–9 and months 1–2 are written with a leading 0.
  const dd = d < 10 ? `0${d}` : String(d);
  const mm = m < 3 ? `0${m}` : String(m);
  return `ngày ${dd} tháng ${mm} năm ${y}`;
}

/** "14:05 ngày 22/11/2026" in Vietnam time, for messages about moments (locks, deadlines). */
export function formatDateTime(value: Date): string {
  const parts = new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour12: false,
  }).formatToParts(value);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('hour')}:${get('minute')} ngày ${get('day')}/${get('month')}/${get('year')}`;
}

/** Percentage with Vietnamese comma: formatPercent("90") → "90%", formatPercent("87.5") → "87,5%". */
export function formatPercent(value: string | number): string {
  return `${formatDecimal(value)}%`;
}

function dateParts(value: Date | string): { d: number; m: number; y: number } {
  if (typeof value === 'string') {
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    if (!match) throw new Error(`Ngày không hợp lệ: ${value}`);
    return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
  }
  return { y: value.getFullYear(), m: value.getMonth() + 1, d: value.getDate() };
}

function numberToPlainString(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`Số không hợp lệ: ${n}`);
  // Avoid exponent notation for very small or large numbers.
  return Math.abs(n) < 1e21 && Math.abs(n) >= 1e-6 ? String(n) : n.toFixed(20).replace(/\.?0+$/, '');
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Vietnamese collation for sorting names ("Đ" after "D", tones ignored for order). */
export function compareVietnamese(a: string, b: string): number {
  return collator.compare(a, b);
}

/** Removes diacritics and lower-cases, for accent-insensitive search: "Phường Đội Cấn" → "phuong doi can". */
export function foldVietnamese(text: string): string {
  return removeVietnameseMarks(text).toLowerCase();
}

/** Removes diacritics, keeping the case, for ASCII names: "Phường Đội Cấn" → "Phuong Doi Can". */
export function removeVietnameseMarks(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/**
 * Reads a number typed the Vietnamese way into a plain decimal string for the server: "2,5" → "2.5",
 * "1.234,5" → "1234.5", "1.234.567" → "1234567", "-3" → "-3". A lone dot followed by other than three
 * digits is read as a decimal point ("2.5" → "2.5"), so a value shown by other software is not misread.
 * Returns null for empty text and for text that is not a number ("abc", "1,2,3", "1.23.4"): the caller
 * keeps the text and shows why. Never rounds and never clamps: range checks belong to the server.
 */
export function parseDecimalInput(text: string): string | null {
  const t = text.replace(/[\s\u00a0\u202f]/g, '');
  const match = /^([+-]?)(\d[\d.]*)?(?:,(\d+))?$/.exec(t);
  if (!match || (match[2] === undefined && match[3] === undefined)) return null;
  const sign = match[1] === '-' ? '-' : '';
  let whole = match[2] ?? '0';
  let fraction = match[3];
  if (whole.includes('.')) {
    if (/^\d{1,3}(\.\d{3})+$/.test(whole)) whole = whole.replace(/\./g, '');
    else if (fraction === undefined && /^\d+\.\d+$/.test(whole))
      [whole, fraction] = whole.split('.') as [string, string];
    else return null;
  }
  return `${sign}${whole}${fraction !== undefined ? `.${fraction}` : ''}`;
}
