import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FORMS as FORM_TABLE, STORED_FORMS, type StoredForm } from '@shared/evaluations/documents.ts';
import { docxParagraphs, readDocumentXml } from '@server/platform/documents/docx-text.ts';
import { documents, renderDocument } from './documents.registry.ts';
import { mau10ResultLine, mau10Schema } from './mau-10.document.ts';
import { loadExample, xlsxRows } from './test-helpers.ts';

const FORMS = [
  'mau-01',
  'mau-02',
  'mau-03',
  'mau-05',
  'mau-06',
  'mau-07',
  'mau-08',
  'mau-09',
  'mau-10',
  'cchc-deductions',
];

async function text(form: string, data: unknown = loadExample(form)): Promise<string[]> {
  return docxParagraphs((await renderDocument(form, data, 'docx')).buffer);
}

describe('every form', () => {
  it('is registered', () => {
    expect(documents.forms.map((f) => f.form)).toEqual(FORMS);
    expect([...FORMS].sort()).toEqual([...STORED_FORMS].sort());
  });

  it('renders the formats the shared form table offers', () => {
    for (const f of documents.forms) expect(f.formats).toEqual(FORM_TABLE[f.form as StoredForm].formats);
  });

  it.each(FORMS)(
    '%s renders its example on A4 with the ND 30 header block',
    async (form) => {
      const { buffer } = await renderDocument(form, loadExample(form), 'docx');
      const xml = await readDocumentXml(buffer);
      expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
      expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
      const paragraphs = await docxParagraphs(buffer);
      expect(paragraphs).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(paragraphs).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(paragraphs.some((p) => /^[\p{L} ]+, ngày \d{2} tháng \d{2} năm \d{4}$/u.test(p))).toBe(true);
    },
    30_000,
  ); // Mẫu 09's first render loads ECharts and the PNG rasteriser: seconds on a busy machine.
});

describe('Mẫu 02 and Mẫu 07 score tables', () => {
  it('Mẫu 02 DOCX lists criteria, indicators and the total with Vietnamese numbers', async () => {
    const data = loadExample('mau-02') as { criteria: { indicators: { points: unknown }[] }[] };
    data.criteria[2]!.indicators[0]!.points = '3.5';
    const t = await text('mau-02', data);
    expect(t).toContain('BẢN TỔNG HỢP ĐIỂM SỐ CỦA CÁC TIÊU CHÍ, CHỈ TIÊU');
    expect(t).toContain('Chữ ký của công chức phụ trách');
    expect(t).toContain('Tiêu chí 1');
    expect(t).toContain('a) Ban hành đầy đủ văn bản quy phạm pháp luật được giao: 1 điểm');
    expect(t).toContain('3,5');
    expect(t).toContain('77,78%');
    const total = t.indexOf('Tổng điểm');
    expect(t.slice(total, total + 3)).toEqual(['Tổng điểm', '100', '99']);
  });

  it('Mẫu 02 XLSX reads back with numbers as numbers', async () => {
    const rows = await xlsxRows((await renderDocument('mau-02', loadExample('mau-02'), 'xlsx')).buffer);
    const flat = rows.flat();
    expect(flat).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(flat).toContain('Long Hoa, ngày 19 tháng 12 năm 2023');
    const criterion3 = rows.find((r) => r[0] === 'Tiêu chí 3')!;
    expect(criterion3.slice(2, 6)).toEqual([15, null, null, 14]);
    const indicator31 = rows.find((r) => r[0] === '3.1')!;
    // The rate is a percentage cell (0,7778 shown as 77,78%), not a bare 77.78.
    expect(indicator31.slice(2, 6)).toEqual([5, '7/9 vụ thành', 0.7778, 4]);
    const total = rows.find((r) => r[0] === 'Tổng điểm')!;
    expect(total[2]).toBe(100);
    expect(total[5]).toBe(99);
  });

  it('XLSX prints well outside Excel: rates as percentages, rows as tall as their wrapped text, page numbers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await renderDocument('mau-02', loadExample('mau-02'), 'xlsx')).buffer as unknown as ArrayBuffer,
    );
    const sheet = wb.worksheets[0]!;
    let rate: ExcelJS.Cell | undefined;
    let longest: ExcelJS.Row | undefined;
    let short: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === '3.1') rate = row.getCell(5);
      if (row.getCell(1).value === 'Tổng điểm') short = row;
      const text = String(row.getCell(2).value ?? '');
      if (!longest || text.length > String(longest.getCell(2).value ?? '').length) longest = row;
    });
    expect(rate!.numFmt).toBe('0.00%');
    // LibreOffice does not grow rows by itself: a long indicator text gets several lines of height.
    expect(longest!.height).toBeGreaterThanOrEqual(3 * 16);
    expect(short!.height).toBeLessThan(2 * 16);
    expect(sheet.headerFooter.oddFooter).toContain('Trang &P/&N');
  });

  it('Mẫu 07 shows self and appraised points, DOCX and XLSX', async () => {
    const t = await text('mau-07');
    expect(t).toContain('BẢN TỔNG HỢP ĐIỂM SỐ DO HỘI ĐỒNG THẨM ĐỊNH');
    expect(t).toContain('Điểm số Hội đồng thẩm định');
    const rows = await xlsxRows((await renderDocument('mau-07', loadExample('mau-07'), 'xlsx')).buffer);
    expect(rows.find((r) => r[0] === 'Tổng điểm')!.slice(2, 5)).toEqual([100, 99, 99]);
  });

  it('Mẫu 07 requires the appraised points on every indicator', async () => {
    const data = loadExample('mau-07') as { criteria: { indicators: Record<string, unknown>[] }[] };
    delete data.criteria[0]!.indicators[1]!.appraisedPoints;
    await expect(renderDocument('mau-07', data, 'docx')).rejects.toThrow(
      /criteria\[0\]\.indicators\[1\]\.appraisedPoints/,
    );
  });
});

describe('Mẫu 03, 05, 08, 10', () => {
  it('Mẫu 03 states the posting period and each comment with its handling', async () => {
    const t = await text('mau-03');
    expect(t.some((p) => p.includes('từ ngày 20/12/2023 đến ngày 27/12/2023'))).toBe(true);
    expect(t).toContain(
      'Tổng số ý kiến nhận được: 02 ý kiến; đã tiếp thu 01/02 ý kiến; giải trình 01/02 ý kiến.',
    );
    expect(t.some((p) => p.startsWith('Giải trình: '))).toBe(true);
    const none = await text('mau-03', { ...loadExample('mau-03'), comments: [] });
    expect(none.some((p) => p.includes('không nhận được ý kiến'))).toBe(true);
  });

  it('Mẫu 05 records attendance, the table of units and both signatures', async () => {
    const t = await text('mau-05');
    expect(t).toContain('BIÊN BẢN');
    expect(t.some((p) => p.startsWith('Vào hồi 08 giờ 00 phút, ngày 05 tháng 01 năm 2024'))).toBe(true);
    expect(t.some((p) => p.startsWith('3. Thành viên có mặt: 05/06 thành viên'))).toBe(true);
    expect(t).toContain(
      'Hội đồng thống nhất: 07/08 đơn vị đủ điều kiện đề nghị công nhận đạt chuẩn tiếp cận pháp luật năm 2023; 01/08 đơn vị chưa đạt chuẩn.',
    );
    expect(t).toContain('94,75');
    expect(t.slice(-4)).toEqual(['THƯ KÝ', 'Lê Thị C', 'CHỦ TRÌ', 'Nguyễn Văn A']);
  });

  it('Mẫu 06 has one questionnaire per member who answered and the summary per commune', async () => {
    const t = await text('mau-06');
    expect(t.filter((p) => p === 'PHIẾU LẤY Ý KIẾN')).toHaveLength(5);
    expect(t).toContain('Họ và tên thành viên Hội đồng: Phạm Văn D.');
    expect(t.filter((p) => p === 'NGƯỜI CHO Ý KIẾN')).toHaveLength(5);
    expect(t).toContain('BẢN TỔNG HỢP');
    expect(t.some((p) => p.includes('05/06 thành viên gửi ý kiến') && p.includes('07/08 đơn vị'))).toBe(true);
    expect(t.some((p) => p.startsWith('Phạm Văn D: Tiêu chí 4 đạt dưới 50%'))).toBe(true);
    expect(t.slice(-3)).toEqual(['TM. HỘI ĐỒNG', 'CHỦ TỊCH', 'Nguyễn Văn A']);
    const rows = await xlsxRows((await renderDocument('mau-06', loadExample('mau-06'), 'xlsx')).buffer);
    const truongTay = rows.find((r) => r.includes('Xã Trường Tây'))!;
    expect(truongTay.slice(2, 6)).toEqual([90, 78.5, 0, 5]);
  });

  it('Mẫu 09 lists the area figures per criterion and indicator', async () => {
    const t = await text('mau-09');
    expect(t[0]).toBe('ỦY BAN NHÂN DÂN\nTHỊ XÃ HÒA THÀNH');
    expect(t).toContain('BẢN TỔNG HỢP');
    expect(t.some((p) => p.startsWith('Đã có quyết định: 03/03 đơn vị') && p.endsWith('tỷ lệ 100%.'))).toBe(
      true,
    );
    expect(t.some((p) => p.startsWith('Tiêu chí 1. Ban hành văn bản'))).toBe(true);
    expect(t.some((p) => p.startsWith('1.1. Ban hành đầy đủ'))).toBe(true);
    expect(t.some((p) => p.endsWith('./.'))).toBe(true);
    const rows = await xlsxRows((await renderDocument('mau-09', loadExample('mau-09'), 'xlsx')).buffer);
    const c1 = rows.find((r) => r[0] === '1')!;
    expect(c1.slice(2)).toEqual([10, 3, 3, 3, 10]);
  });

  it("Mẫu 09's distribution of totals: a chart, its caption and table in the DOCX, numbers in the XLSX", async () => {
    const t = await text('mau-09');
    // The example: one unit in 80–90, two in 90–100 of 100 points.
    const at = t.indexOf('Khoảng điểm');
    expect(t[at - 1]).toBe(
      'Biểu đồ: Phân bố tổng điểm của các xã, phường, thị trấn năm 2023 trên địa bàn thị xã Hòa Thành',
    );
    expect(t.slice(at + 3 + 8 * 3, at + 3 + 10 * 3)).toEqual([
      '80 – 90',
      '01',
      '33,33%',
      '90 – 100',
      '02',
      '66,67%',
    ]);
    const { buffer } = await renderDocument('mau-09', loadExample('mau-09'), 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Phân bố tổng điểm')!;
    const last = sheet.getRow(sheet.rowCount);
    expect([1, 2, 3].map((c) => last.getCell(c).value)).toEqual([90, 100, 2]);
    expect(last.getCell(4).value).toBeCloseTo(0.6667, 6);
    expect(last.getCell(4).numFmt).toBe('0.00%');
    // Without totals (the pass model) there is nothing to draw.
    const none = await text('mau-09', { ...loadExample('mau-09'), distribution: [] });
    expect(none.some((p) => p.startsWith('Biểu đồ'))).toBe(false);
  });

  it('Mẫu 10 ends with its closing sentence and "./.", kept with the signature', async () => {
    const { buffer } = await renderDocument('mau-10', loadExample('mau-10'), 'docx');
    const t = await docxParagraphs(buffer);
    const last = t.findIndex((p) => p.startsWith('Trên đây là báo cáo kết quả đánh giá'));
    expect(t[last]!.endsWith('trên địa bàn thị xã Hòa Thành./.')).toBe(true);
    expect(t[last + 1]).toBe('Nơi nhận:');
    const xml = await readDocumentXml(buffer);
    // The closing sentence and the blank after it keep with the signature block.
    const closing = xml.slice(0, xml.indexOf('Trên đây là báo cáo'));
    expect(closing.slice(closing.lastIndexOf('<w:p>'))).toMatch(/<w:keepNext\/>/);
  });

  it('keeps a criterion row with its first indicator in the score tables', async () => {
    const xml = await readDocumentXml((await renderDocument('mau-02', loadExample('mau-02'), 'docx')).buffer);
    const row = xml.slice(xml.indexOf('Tiêu chí 1<'));
    expect(
      xml.slice(xml.lastIndexOf('<w:tr>', xml.indexOf('Tiêu chí 1<')), xml.indexOf('Tiêu chí 1<')),
    ).toMatch(/<w:keepNext\/>/);
    expect(row).toBeTruthy();
  });

  it('Mẫu 08 decides and annexes both lists', async () => {
    const t = await text('mau-08');
    expect(t).toContain('Số: 12/QĐ-UBND');
    expect(t).toContain('QUYẾT ĐỊNH:');
    expect(t).toContain(
      'Điều 1. Công nhận 07 xã, phường, thị trấn đạt chuẩn tiếp cận pháp luật năm 2023 (có Danh sách kèm theo).',
    );
    expect(t).toContain(
      'Xét đề nghị của Trưởng Phòng Tư pháp thị xã tại Tờ trình số 05/TTr-PTP ngày 15 tháng 01 năm 2024.',
    );
    expect(t).toContain('XÃ, PHƯỜNG, THỊ TRẤN ĐẠT CHUẨN\nTIẾP CẬN PHÁP LUẬT NĂM 2023');
    expect(t).toContain('XÃ, PHƯỜNG, THỊ TRẤN CHƯA ĐẠT CHUẨN\nTIẾP CẬN PHÁP LUẬT NĂM 2023');
    expect(t).toContain(
      '(Kèm theo Quyết định số 12/QĐ-UBND ngày 25/01/2024 của Chủ tịch Ủy ban nhân dân thị xã Hòa Thành)',
    );
    expect(t).toContain('Tổng điểm đạt 78,5 điểm, dưới 80 điểm');
    // The annex starts on a page of its own.
    expect(
      await readDocumentXml((await renderDocument('mau-08', loadExample('mau-08'), 'docx')).buffer),
    ).toMatch(/<w:sectPr[\s\S]*<w:sectPr/);
  });

  it('Mẫu 10 gives counts and rates ("9/9 xã, phường đạt chuẩn, tỷ lệ 100%")', async () => {
    const units = Array.from({ length: 9 }, (_, i) => ({
      name: `Xã ${i + 1}`,
      points: 90 + (i % 3) / 4,
      achieved: true,
    }));
    const data = { ...loadExample('mau-10'), units };
    expect(mau10ResultLine(mau10Schema.parse(data))).toBe(
      'Kết quả: 9/9 xã, phường đạt chuẩn, tỷ lệ 100%; 0/9 xã, phường chưa đạt chuẩn, tỷ lệ 0%.',
    );
    expect(await text('mau-10', data)).toContain(
      'Kết quả: 9/9 xã, phường đạt chuẩn, tỷ lệ 100%; 0/9 xã, phường chưa đạt chuẩn, tỷ lệ 0%.',
    );
    expect(await text('mau-10')).toContain(
      'Kết quả: 7/8 xã, phường đạt chuẩn, tỷ lệ 87,5%; 1/8 xã, phường chưa đạt chuẩn, tỷ lệ 12,5%.',
    );
  });
});

describe('CCHC deductions (example 004)', () => {
  it('gives total and rank, each item lost with points lost / maximum, and tasks by department', async () => {
    const t = await text('cchc-deductions');
    expect(t).toContain(
      'Căn cứ Quyết định số 4867/QĐ-UBND ngày 29/12/2022 của UBND huyện Vĩnh Linh về việc phê duyệt và công bố Chỉ số CCHC của UBND các xã, thị trấn năm 2022, kết quả thực hiện công tác cải cách hành chính của Ủy ban nhân dân xã Vĩnh Long năm 2022 đạt 84,66 điểm (xếp thứ 8/18 xã, thị trấn).',
    );
    expect(
      t.some((p) => p.startsWith('- Mục 1.1.3. Mức độ thực hiện Kế hoạch (−0,5/2 điểm): Báo cáo năm')),
    ).toBe(true);
    expect(t).toContain(
      '- Mục 3.11.2. Tỷ lệ hồ sơ thủ tục hành chính có cấp kết quả giải quyết TTHC điện tử (−0,84/1 điểm).',
    );
    expect(t).toContain(
      '- Mục 3.12.2. Tỷ lệ TTHC có phát sinh giao dịch thanh toán trực tuyến (−0,5/0,5 điểm): Năm 2022 chưa phát sinh.',
    );
    expect(t.filter((p) => p.startsWith('- Mục '))).toHaveLength(13);
    expect(t).toEqual(
      expect.arrayContaining([
        '1. Văn phòng - Thống kê:',
        '2. Tư pháp - Hộ tịch:',
        '3. Văn hóa - Xã hội:',
        '4. Tài chính - Kế toán:',
      ]),
    );
  });

  it('XLSX lists the items with numeric points', async () => {
    const rows = await xlsxRows(
      (await renderDocument('cchc-deductions', loadExample('cchc-deductions'), 'xlsx')).buffer,
    );
    const flat = rows.flat();
    expect(flat).toContain('Ủy ban nhân dân xã Vĩnh Long năm 2022: 84,66 điểm, xếp thứ 8/18 xã, thị trấn');
    const item = rows.find((r) => r[1] === '3.11.2')!;
    expect(item.slice(0, 5)).toEqual([
      6,
      '3.11.2',
      'Tỷ lệ hồ sơ thủ tục hành chính có cấp kết quả giải quyết TTHC điện tử',
      0.84,
      1,
    ]);
  });

  it('XLSX has the remediation tasks by officer post and the signature on a second sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await renderDocument('cchc-deductions', loadExample('cchc-deductions'), 'xlsx'))
        .buffer as unknown as ArrayBuffer,
    );
    const sheet = wb.getWorksheet('Nhiệm vụ khắc phục')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const example = loadExample('cchc-deductions') as {
      generalTasks: string[];
      departmentTasks: { department: string; tasks: string[] }[];
      signature: { name: string };
    };
    const tasks = rows.filter((r) => typeof r[0] === 'number');
    expect(tasks).toHaveLength(
      example.generalTasks.length + example.departmentTasks.reduce((n, d) => n + d.tasks.length, 0),
    );
    expect(new Set(tasks.map((r) => r[1]))).toEqual(
      new Set(['Chung', ...example.departmentTasks.map((d) => d.department)]),
    );
    expect(rows.flat()).toContain(example.signature.name);
  });
});
