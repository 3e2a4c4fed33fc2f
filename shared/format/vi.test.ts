import { describe, expect, it } from 'vitest';
import {
  formatDateTimeVietnam,
  parseDecimalInput,
  compareVietnamese,
  foldVietnamese,
  formatCountOf,
  formatDate,
  formatDecimal,
  formatDateTime,
  formatLongDate,
  formatPercent,
} from './vi';

describe('Vietnamese formatting', () => {
  it('writes decimals with a comma and groups thousands with a dot', () => {
    expect(formatDecimal('84.66')).toBe('84,66');
    expect(formatDecimal(2.5)).toBe('2,5');
    expect(formatDecimal('1234567.5')).toBe('1.234.567,5');
    expect(formatDecimal('-3')).toBe('-3');
    expect(formatPercent('87.5')).toBe('87,5%');
  });

  it('writes counts as in the reports', () => {
    expect(formatCountOf(2, 2, 'chỉ tiêu')).toBe('02/02 chỉ tiêu');
    expect(formatCountOf(14, 15)).toBe('14/15');
  });

  it('writes dates as dd/mm/yyyy and the long form of Nghị định 30', () => {
    expect(formatDate('2023-12-19')).toBe('19/12/2023');
    expect(formatLongDate('2023-12-19')).toBe('ngày 19 tháng 12 năm 2023');
    expect(formatLongDate('2024-02-05')).toBe('ngày 05 tháng 02 năm 2024');
    expect(formatDateTime(new Date('2026-11-22T07:05:00Z'))).toBe('14:05 ngày 22/11/2026');
    expect(formatLongDate('2024-03-05')).toBe('ngày 05 tháng 3 năm 2024');
  });

  it('sorts names in Vietnamese order and folds diacritics for search', () => {
    const names = ['Phường Đội Cấn', 'Phường Ba Đình', 'Phường Dịch Vọng', 'Phường Cửa Nam'];
    expect([...names].sort(compareVietnamese)).toEqual([
      'Phường Ba Đình',
      'Phường Cửa Nam',
      'Phường Dịch Vọng',
      'Phường Đội Cấn',
    ]);
    expect(foldVietnamese('Phường Đội Cấn')).toBe('phuong doi can');
  });
});

describe('parseDecimalInput (numbers typed the Vietnamese way)', () => {
  it('reads a decimal comma and dot thousands separators', () => {
    expect(parseDecimalInput('2,5')).toBe('2.5');
    expect(parseDecimalInput('1.234,5')).toBe('1234.5');
    expect(parseDecimalInput('1.234.567')).toBe('1234567');
    expect(parseDecimalInput(' 12 ')).toBe('12');
    expect(parseDecimalInput('0,25')).toBe('0.25');
    expect(parseDecimalInput(',5')).toBe('0.5');
    expect(parseDecimalInput('1 234,5')).toBe('1234.5');
  });

  it("keeps the sign and the digits: range and integer checks are the server's", () => {
    expect(parseDecimalInput('-3')).toBe('-3');
    expect(parseDecimalInput('9')).toBe('9');
    expect(parseDecimalInput('2,50')).toBe('2.50');
  });

  it('reads a lone dot before other than three digits as a decimal point', () => {
    expect(parseDecimalInput('2.5')).toBe('2.5');
    expect(parseDecimalInput('12.3456')).toBe('12.3456');
  });

  it('returns null for empty or malformed text', () => {
    for (const t of ['', '  ', 'abc', '1,2,3', '1.23.4', '1.234.5,6', '5,', '2,5đ', '--1', '1.2,5'])
      expect(parseDecimalInput(t), t).toBeNull();
  });
});

describe('formatDateTimeVietnam', () => {
  it('shows an instant as dd/mm/yyyy HH:mm in Vietnam time', () => {
    expect(formatDateTimeVietnam('2026-12-01T04:25:03Z')).toBe('01/12/2026 11:25');
    // 17:30 UTC is already the next day in Vietnam.
    expect(formatDateTimeVietnam(new Date('2026-01-31T17:30:00Z'))).toBe('01/02/2026 00:30');
  });
});
