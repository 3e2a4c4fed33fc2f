import { describe, expect, it } from 'vitest';
import { evaluationDocumentChoices, fileNameFrom } from './documents.ts';

describe('fileNameFrom', () => {
  it('prefers the UTF-8 name of RFC 8187 and falls back to the ASCII one', () => {
    const header = `attachment; filename="Bao-cao-Mau-01-Phuong-Duc-Xuan-2026.docx"; filename*=UTF-8''${encodeURIComponent('Báo cáo Mẫu 01 - Phường Đức Xuân 2026.docx')}`;
    expect(fileNameFrom(header, 'x')).toBe('Báo cáo Mẫu 01 - Phường Đức Xuân 2026.docx');
    expect(fileNameFrom('attachment; filename="a.zip"', 'x')).toBe('a.zip');
    expect(fileNameFrom('attachment; filename=a.zip', 'x')).toBe('a.zip');
    expect(fileNameFrom(null, 'x.docx')).toBe('x.docx');
    expect(fileNameFrom('attachment; filename*=bad', 'x.docx')).toBe('x.docx');
  });
});

describe('evaluationDocumentChoices', () => {
  const base = {
    submitted: false,
    posted: false,
    appraised: false,
    family: 'tcpl',
    model: 'points',
    publicPosting: true,
  };
  const forms = (over: Partial<typeof base>) =>
    evaluationDocumentChoices({ ...base, ...over }).map((c) => c.form);
  it('offers each form at its step', () => {
    expect(forms({})).toEqual([]);
    expect(forms({ submitted: true })).toEqual(['mau-01', 'mau-02']);
    expect(forms({ submitted: true, posted: true, appraised: true })).toEqual([
      'mau-01',
      'mau-02',
      'mau-03',
      'mau-07',
    ]);
    expect(forms({ family: 'cchc', publicPosting: false, submitted: true, appraised: true })).toEqual([
      'cchc-deductions',
    ]);
  });
});
