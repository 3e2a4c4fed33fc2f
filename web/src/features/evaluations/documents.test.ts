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
  it('offers the forms of the shared table with their titles and formats', () => {
    const tcpl = {
      family: 'tcpl',
      model: 'points',
      workflow: { publicPosting: true, council: true },
    } as const;
    expect(evaluationDocumentChoices(tcpl, { submitted: true, posted: false, appraised: false })).toEqual([
      { form: 'mau-01', label: 'Mẫu 01 — Báo cáo kết quả tự đánh giá', formats: ['docx', 'pdf'] },
      { form: 'mau-02', label: 'Mẫu 02 — Bảng tổng hợp điểm tự chấm', formats: ['docx', 'xlsx', 'pdf'] },
    ]);
  });
});
