import { describe, expect, it } from 'vitest';
import { docxParagraphs, readDocumentXml } from '@server/platform/documents/docx-text.ts';
import { renderDocument } from './documents.registry.ts';
import { loadExample } from './test-helpers.ts';

describe('Mẫu 01 with the figures of the 2023 Long Hoa report (example 000)', () => {
  it('reproduces the results section of the real report', async () => {
    const { buffer } = await renderDocument('mau-01', loadExample('mau-01'), 'docx');
    const text = await docxParagraphs(buffer);
    const from = text.indexOf('I. Kết quả tự chấm điểm, đánh giá các tiêu chí, chỉ tiêu');
    const to = text.findIndex((t) => t.startsWith('II. Những thuận lợi'));
    expect(text.slice(from, to)).toEqual([
      'I. Kết quả tự chấm điểm, đánh giá các tiêu chí, chỉ tiêu',
      '1. Kết quả tự chấm điểm',
      'a) Đối với tiêu chí 1:',
      '- Số chỉ tiêu đạt điểm tối đa: 02/02 chỉ tiêu.',
      '- Số điểm đạt được của tiêu chí: 10/10 điểm.',
      'b) Đối với tiêu chí 2:',
      '- Số chỉ tiêu đạt điểm tối đa: 06/06 chỉ tiêu.',
      '- Số điểm đạt được của tiêu chí: 30/30 điểm.',
      'c) Đối với tiêu chí 3:',
      '- Số chỉ tiêu đạt điểm tối đa: 02/03 chỉ tiêu.',
      '- Số điểm đạt được của tiêu chí: 14/15 điểm.',
      'd) Đối với tiêu chí 4:',
      '- Số chỉ tiêu đạt điểm tối đa: 05/05 chỉ tiêu.',
      '- Số điểm đạt được của tiêu chí: 20/20 điểm.',
      'đ) Đối với tiêu chí 5:',
      '- Số chỉ tiêu đạt điểm tối đa: 04/04 chỉ tiêu.',
      '- Số chỉ tiêu đạt từ 50% số điểm tối đa trở lên: 04/04 chỉ tiêu.',
      '- Số điểm đạt được của tiêu chí: 25/25 điểm.',
      '2. Mức độ đáp ứng các điều kiện công nhận đạt chuẩn tiếp cận pháp luật',
      'a) Số tiêu chí đạt từ 50% số điểm tối đa trở lên: 05/05 tiêu chí.',
      'b) Tổng điểm số đạt được của các tiêu chí: 99/100 điểm (sau khi làm tròn).',
      'c) Trong năm 2023 không có cán bộ, công chức là người đứng đầu cấp ủy, chính quyền phường bị xử lý kỷ luật hành chính do vi phạm pháp luật trong thi hành công vụ hoặc bị truy cứu trách nhiệm hình sự.',
      'd) Mức độ đáp ứng các điều kiện công nhận đạt chuẩn tiếp cận pháp luật: Đáp ứng được 03/03 điều kiện.',
    ]);
  });

  it('has the header block, title, request, signature and recipients', async () => {
    const { buffer, fileName } = await renderDocument('mau-01', loadExample('mau-01'), 'docx');
    expect(fileName).toBe('mau-01-long-hoa-2023.docx');
    const text = await docxParagraphs(buffer);
    // A people's committee's own document: its name only, no line for the level above (ND 30 box 2).
    expect(text.slice(0, 9)).toEqual([
      'ỦY BAN NHÂN DÂN\nPHƯỜNG LONG HOA',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      expect.stringMatching(/^Số: +\/BC-UBND$/),
      'Long Hoa, ngày 19 tháng 12 năm 2023',
      'BÁO CÁO',
      'Đánh giá kết quả và đề nghị công nhận phường Long Hoa',
      'đạt chuẩn tiếp cận pháp luật năm 2023',
      'Kính gửi: Ủy ban nhân dân thị xã Hòa Thành.',
    ]);
    expect(text).toContain('3. Đề xuất, kiến nghị các giải pháp khắc phục: không có');
    expect(
      text.some((t) =>
        t.includes(
          'kính đề nghị Chủ tịch Ủy ban nhân dân thị xã Hòa Thành xem xét, công nhận phường Long Hoa đạt chuẩn tiếp cận pháp luật năm 2023./.',
        ),
      ),
    ).toBe(true);
    expect(text.slice(-8)).toEqual([
      'Nơi nhận:',
      '- UBND thị xã Hòa Thành;',
      '- Phòng Tư pháp thị xã;',
      '- Thường trực Đảng ủy phường;',
      '- Cổng thông tin điện tử phường;',
      '- Lưu: VT, TP.',
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
    ]);
    expect(await readDocumentXml(buffer)).toContain('<w:pgSz w:w="11906" w:h="16838"');
  });

  it('writes decimals with a comma and states a veto and missing conditions', async () => {
    const data = loadExample('mau-01') as {
      criteria: { points: unknown }[];
      conditions: Record<string, unknown>;
    };
    data.criteria[2]!.points = '14.5';
    data.conditions = {
      ...data.conditions,
      totalPoints: '78.25',
      totalRounded: false,
      headsDisciplined: true,
      conditionsMet: 1,
    };
    const text = await docxParagraphs((await renderDocument('mau-01', data, 'docx')).buffer);
    expect(text).toContain('- Số điểm đạt được của tiêu chí: 14,5/15 điểm.');
    expect(text).toContain('b) Tổng điểm số đạt được của các tiêu chí: 78,25/100 điểm.');
    expect(text.some((t) => t.startsWith('c) Trong năm 2023 có cán bộ, công chức là người đứng đầu'))).toBe(
      true,
    );
    expect(text.some((t) => t.endsWith('Đáp ứng được 01/03 điều kiện.'))).toBe(true);
    expect(text.some((t) => t.includes('chưa đáp ứng đủ điều kiện công nhận'))).toBe(true);
  });
});
