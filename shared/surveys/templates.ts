/**
 * The questionnaires shipped with the product, as data (issue #17 item 1): Mẫu 04 of TT 09/2021
 * (opinions on the forms and models of legal dissemination, indicator 2.4), Mẫu 06 (a council
 * member's written opinion) and the residents' satisfaction survey (plan example 001 task 6.b,
 * CCHC criterion 8). Each names how its answers become a figure (`figure`) when it has one.
 */
import type { SurveyAudience, SurveyDefinition, SurveyFigure, SurveyKind } from './surveys.ts';

export interface SurveyTemplate {
  kind: SurveyKind;
  title: string;
  intro: string;
  audience: SurveyAudience;
  definition: SurveyDefinition;
  figure: SurveyFigure | null;
  /** The measure the figure feeds (shared/registers/measures.ts). */
  measure: 'surveys.mau04Effective' | 'surveys.satisfied' | null;
}

const yesNo = [
  { id: 'co', label: 'Có' },
  { id: 'khong', label: 'Không' },
];

export const SURVEY_TEMPLATES: Record<SurveyKind, SurveyTemplate> = {
  mau04: {
    kind: 'mau04',
    title:
      'Phiếu lấy ý kiến về hình thức, mô hình thông tin, phổ biến, giáo dục pháp luật hiệu quả tại cơ sở',
    intro:
      'Để có cơ sở đánh giá chỉ tiêu 4 tiêu chí 2 (Thông tư số 09/2021/TT-BTP), Ủy ban nhân dân xin ý kiến ' +
      'của Ông/Bà về các hình thức, mô hình phổ biến, giáo dục pháp luật đang triển khai tại địa phương. ' +
      'Phiếu không ghi tên; Ông/Bà chỉ trả lời một lần.',
    audience: 'public',
    figure: {
      question: 'hieuQua',
      options: ['hieu_qua'],
      label: 'Số phiếu đánh giá hình thức, mô hình hiệu quả / số phiếu thu về',
    },
    measure: 'surveys.mau04Effective',
    definition: {
      sections: [
        {
          title: 'I. Thông tin chung',
          questions: [
            {
              id: 'doiTuong',
              type: 'single',
              text: 'Ông/Bà là',
              required: false,
              options: [
                { id: 'nguoi_dan', label: 'Người dân' },
                { id: 'can_bo', label: 'Cán bộ, công chức, viên chức' },
                { id: 'doanh_nghiep', label: 'Người lao động, doanh nghiệp' },
                { id: 'khac', label: 'Khác' },
              ],
            },
          ],
        },
        {
          title: 'II. Nội dung lấy ý kiến',
          questions: [
            {
              id: 'hinhThuc',
              type: 'multiple',
              text: 'Ông/Bà biết hoặc đã tham gia những hình thức, mô hình phổ biến, giáo dục pháp luật nào tại địa phương?',
              required: false,
              options: [
                { id: 'loa', label: 'Tuyên truyền qua hệ thống loa truyền thanh cơ sở' },
                { id: 'hoi_nghi', label: 'Hội nghị, tọa đàm, nói chuyện chuyên đề' },
                { id: 'cuoc_thi', label: 'Cuộc thi tìm hiểu pháp luật' },
                { id: 'clb', label: 'Câu lạc bộ pháp luật, mô hình tự quản' },
                { id: 'tu_sach', label: 'Tủ sách pháp luật, điểm đọc sách' },
                { id: 'mang_xa_hoi', label: 'Trang thông tin điện tử, mạng xã hội, nhóm Zalo' },
                { id: 'tai_lieu', label: 'Tờ gấp, tài liệu, pa-nô, áp phích' },
                { id: 'hoa_giai', label: 'Lồng ghép trong hòa giải ở cơ sở' },
              ],
            },
            {
              id: 'hieuQua',
              type: 'single',
              text: 'Theo Ông/Bà, các hình thức, mô hình đó có hiệu quả không?',
              required: true,
              options: [
                { id: 'hieu_qua', label: 'Hiệu quả' },
                { id: 'chua_hieu_qua', label: 'Chưa hiệu quả' },
              ],
            },
            {
              id: 'deHieu',
              type: 'single',
              text: 'Nội dung pháp luật được phổ biến có dễ hiểu, gần gũi với Ông/Bà không?',
              required: false,
              options: yesNo,
            },
            {
              id: 'kienNghi',
              type: 'text',
              text: 'Ý kiến, kiến nghị để công tác phổ biến, giáo dục pháp luật hiệu quả hơn',
              required: false,
            },
          ],
        },
      ],
    },
  },
  mau06: {
    kind: 'mau06',
    title: 'Phiếu lấy ý kiến thành viên Hội đồng đánh giá chuẩn tiếp cận pháp luật',
    intro:
      'Thành viên Hội đồng không dự họp cho ý kiến bằng văn bản (Mẫu 06 Thông tư số 09/2021/TT-BTP). ' +
      'Phiếu ghi nhận theo tài khoản của thành viên.',
    audience: 'council',
    figure: { question: 'ketLuan', options: ['dat'], label: 'Số phiếu đề nghị công nhận / số phiếu' },
    measure: null,
    definition: {
      sections: [
        {
          title: 'Ý kiến của thành viên Hội đồng',
          questions: [
            {
              id: 'ketLuan',
              type: 'single',
              text: 'Ý kiến về việc đề nghị công nhận đạt chuẩn tiếp cận pháp luật',
              required: true,
              options: [
                { id: 'dat', label: 'Đề nghị công nhận đạt chuẩn' },
                { id: 'khong_dat', label: 'Không đề nghị công nhận' },
              ],
            },
            { id: 'yKien', type: 'text', text: 'Ý kiến khác (nếu có)', required: false },
          ],
        },
      ],
    },
  },
  satisfaction: {
    kind: 'satisfaction',
    title: 'Phiếu khảo sát sự hài lòng của người dân về công tác tiếp cận pháp luật',
    intro:
      'Ủy ban nhân dân khảo sát sự hài lòng của người dân về việc tiếp cận thông tin pháp luật, hòa giải ' +
      'ở cơ sở và giải quyết thủ tục hành chính. Phiếu không ghi tên; Ông/Bà chỉ trả lời một lần.',
    audience: 'public',
    figure: {
      question: 'haiLong',
      atLeast: 4,
      label: 'Số phiếu hài lòng, rất hài lòng (mức 4–5) / số phiếu trả lời',
    },
    measure: 'surveys.satisfied',
    definition: {
      sections: [
        {
          title: 'I. Mức độ hài lòng',
          questions: [
            {
              id: 'haiLong',
              type: 'scale',
              text: 'Mức độ hài lòng chung của Ông/Bà về công tác tiếp cận pháp luật tại địa phương',
              required: true,
              scale: { max: 5, minLabel: 'Rất không hài lòng', maxLabel: 'Rất hài lòng' },
            },
            {
              id: 'thongTin',
              type: 'scale',
              text: 'Việc tìm hiểu thông tin pháp luật, thủ tục hành chính',
              required: false,
              scale: { max: 5, minLabel: 'Rất khó', maxLabel: 'Rất dễ' },
            },
            {
              id: 'linhVuc',
              type: 'multiple',
              text: 'Trong hai năm qua, Ông/Bà đã liên hệ Ủy ban nhân dân về',
              required: false,
              options: [
                { id: 'tthc', label: 'Thủ tục hành chính' },
                { id: 'hoa_giai', label: 'Hòa giải ở cơ sở' },
                { id: 'tro_giup', label: 'Trợ giúp pháp lý' },
                { id: 'thong_tin', label: 'Tìm hiểu thông tin pháp luật' },
              ],
            },
          ],
        },
        {
          title: 'II. Góp ý',
          questions: [{ id: 'gopY', type: 'text', text: 'Góp ý của Ông/Bà', required: false }],
        },
      ],
    },
  },
};
