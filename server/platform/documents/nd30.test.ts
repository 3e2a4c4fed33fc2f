import { Packer } from 'docx';
import { describe, expect, it } from 'vitest';
import { docxParagraphs, readDocumentXml } from './docx-text.ts';
import { A4, MARGINS, mm, nd30Document } from './nd30.ts';
import { MOTTO, NATIONAL_TITLE, formatNumberLine, formatPlaceDate, headerBlock } from './nd30-header.ts';
import { closingBlock } from './nd30-signature.ts';
import { bodyParagraph, documentTitle, estimateTextWidth, legalBases } from './nd30-text.ts';

async function sample() {
  const doc = nd30Document([
    {
      children: [
        headerBlock({
          parentAgency: 'UBND THỊ XÃ HÒA THÀNH',
          issuingAgency: 'Ủy ban nhân dân\nphường Long Hoa',
          number: 5,
          symbol: 'BC-UBND',
          place: 'Long Hoa',
          date: '2023-02-09',
          year: 2023,
        }),
        ...documentTitle('Báo cáo', ['Tiêu đề thử']),
        ...legalBases(['Căn cứ A;', 'Căn cứ B']),
        bodyParagraph('Nội dung & <ký tự> đặc biệt.'),
        closingBlock(
          { authority: 'TM. Ủy ban nhân dân', title: 'Chủ tịch', name: 'Nguyễn Văn A' },
          { items: ['UBND thị xã;', 'Phòng Tư pháp'], archive: 'VT, TP.' },
        ),
      ],
    },
  ]);
  return Packer.toBuffer(doc);
}

describe('ND 30 building blocks', () => {
  it('sets A4 portrait and margins within the ND 30 ranges', async () => {
    const xml = await readDocumentXml(await sample());
    expect(xml).toContain(`<w:pgSz w:w="11906" w:h="16838"`);
    const margin = /<w:pgMar ([^>]*)\/>/.exec(xml)?.[1] ?? '';
    const attr = (name: string) => Number(new RegExp(`w:${name}="(\\d+)"`).exec(margin)?.[1]);
    expect(attr('top')).toBeGreaterThanOrEqual(mm(20) - 1);
    expect(attr('top')).toBeLessThanOrEqual(mm(25));
    expect(attr('bottom')).toBeGreaterThanOrEqual(mm(20) - 1);
    expect(attr('left')).toBeGreaterThanOrEqual(mm(30) - 1);
    expect(attr('left')).toBeLessThanOrEqual(mm(35));
    expect(attr('right')).toBeGreaterThanOrEqual(mm(15) - 1);
    expect(attr('right')).toBeLessThanOrEqual(mm(20));
    expect(A4).toEqual({ width: 11906, height: 16838 });
    expect(MARGINS.left).toBe(1701);
    // Times New Roman by name; 14 pt body (28 half-points).
    expect(
      xml.includes('Times New Roman') || (await styles(await sample())).includes('Times New Roman'),
    ).toBe(true);
  });

  it('marks the text Vietnamese and names the issuing body as the author', async () => {
    const docx = await Packer.toBuffer(
      nd30Document([{ children: [bodyParagraph('Nội dung')] }], {
        title: 'Báo cáo Mẫu 01',
        issuer: 'Ủy ban nhân dân phường Phan Đình Phùng',
      }),
    );
    expect(await styles(docx)).toContain('w:lang w:val="vi-VN"');
    const JSZip = (await import('jszip')).default;
    const core = await (await JSZip.loadAsync(docx)).file('docProps/core.xml')!.async('string');
    expect(core).toContain('<dc:creator>Ủy ban nhân dân phường Phan Đình Phùng</dc:creator>');
    expect(core).toContain('<dc:title>Báo cáo Mẫu 01</dc:title>');
  });

  it('writes the header block, title, bases and closing block in order', async () => {
    const text = await docxParagraphs(await sample());
    expect(text.slice(0, 7)).toEqual([
      'UBND THỊ XÃ HÒA THÀNH',
      'ỦY BAN NHÂN DÂN\nPHƯỜNG LONG HOA',
      NATIONAL_TITLE,
      MOTTO,
      'Số: 05/BC-UBND',
      'Long Hoa, ngày 09 tháng 02 năm 2023',
      'BÁO CÁO',
    ]);
    expect(text).toContain('Căn cứ A;');
    expect(text).toContain('Căn cứ B.');
    expect(text).toContain('Nội dung & <ký tự> đặc biệt.');
    const tail = text.slice(text.indexOf('Nơi nhận:'));
    expect(tail).toEqual([
      'Nơi nhận:',
      '- UBND thị xã;',
      '- Phòng Tư pháp;',
      '- Lưu: VT, TP.',
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
      'Nguyễn Văn A',
    ]);
  });

  it('makes "Nơi nhận:" bold italic 12 pt and its items 11 pt', async () => {
    const xml = await readDocumentXml(await sample());
    const label = /<w:r>(?:(?!<w:r>).)*?Nơi nhận:<\/w:t>/s.exec(xml)?.[0] ?? '';
    expect(label).toContain('<w:b/>');
    expect(label).toContain('<w:i/>');
    expect(label).toContain('<w:sz w:val="24"/>');
    const item = /<w:r>(?:(?!<w:r>).)*?- Phòng Tư pháp;<\/w:t>/s.exec(xml)?.[0] ?? '';
    expect(item).toContain('<w:sz w:val="22"/>');
  });

  it('formats number and place-date lines per ND 30, with blanks on drafts', () => {
    expect(formatNumberLine(5, 'BC-UBND')).toBe('Số: 05/BC-UBND');
    expect(formatNumberLine(123, 'QĐ-UBND')).toBe('Số: 123/QĐ-UBND');
    expect(formatNumberLine(undefined, 'BC-UBND')).toMatch(/^Số: +\/BC-UBND$/);
    expect(formatPlaceDate('Long Hoa', '2023-12-19', 2023)).toBe('Long Hoa, ngày 19 tháng 12 năm 2023');
    expect(formatPlaceDate('Long Hoa', undefined, 2024)).toMatch(/^Long Hoa, ngày +tháng +năm 2024$/);
  });

  it('estimates wider widths for longer and bolder text', () => {
    expect(estimateTextWidth(MOTTO, 13, true)).toBeGreaterThan(estimateTextWidth(MOTTO, 13));
    expect(estimateTextWidth(NATIONAL_TITLE, 12, true)).toBeGreaterThan(estimateTextWidth(MOTTO, 13, true));
  });
});

async function styles(docx: Buffer): Promise<string> {
  const JSZip = (await import('jszip')).default;
  return (await JSZip.loadAsync(docx)).file('word/styles.xml')!.async('string');
}
