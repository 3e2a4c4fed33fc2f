import { parse } from 'content-disposition';
import { describe, expect, it } from 'vitest';
import { contentDisposition } from './content-disposition.ts';

describe('contentDisposition', () => {
  it('keeps the Vietnamese name in filename* and gives an ASCII fallback', () => {
    expect(contentDisposition('Biên bản họp (lần 1).pdf')).toBe(
      `attachment; filename="Bien ban hop (lan 1).pdf"; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp%20%28l%E1%BA%A7n%201%29.pdf`,
    );
  });

  it('round-trips a Vietnamese name with "!" and spaces (the web reads it with the same package)', () => {
    for (const name of ['Báo cáo Mẫu 01 - Phường Đức Xuân! 2026.docx', 'Đề án số 2 !!.docx', 'a b!.pdf']) {
      const header = contentDisposition(name);
      expect(header).not.toMatch(/[^\x20-\x7e]/);
      expect(parse(header)).toMatchObject({ type: 'attachment', parameters: { filename: name } });
    }
  });

  it('cannot be broken out of by quotes, semicolons or line breaks in the name', () => {
    const header = contentDisposition('a";\r\nx-evil: 1.pdf', 'inline');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.startsWith('inline; filename="a__')).toBe(true);
    expect(header).toContain("filename*=UTF-8''a%22%3B%0D%0Ax-evil%3A%201.pdf");
  });
});
