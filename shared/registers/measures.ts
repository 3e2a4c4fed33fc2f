/**
 * The register measures a framework input may be bound to (`"source": { "measure": "tthc.onTime" }`).
 * This list is data the framework validator knows, so a framework naming an unknown measure, or
 * binding a measure to an input of another type, is refused. Each measure is computed on the server
 * by one SQL aggregation of its register (server/features/<register>/*.measures.repo.ts) and lists
 * exactly the rows it counted (the "tính từ N hồ sơ" link). docs/adr/0013-registers.md.
 */
import { z } from 'zod';
import type { InputType } from '../frameworks/model.ts';

export type RegisterId = 'tthc' | 'plans' | 'surveys' | 'books';

export interface MeasureDef {
  register: RegisterId;
  /** The input type the measure produces; only an input of this type may be bound to it. */
  type: Extract<InputType, 'ratio' | 'count' | 'date' | 'boolean' | 'documents' | 'money'>;
  label: string;
  /** What the numerator / the count counts, and (ratios) what the denominator counts. */
  counts: string;
  of?: string;
  /** How the rows are chosen, for the officer and the reviewer. */
  rule: string;
  /** The noun of the rows ("hồ sơ"), for "tính từ N hồ sơ". */
  rows: string;
}

export const MEASURES = {
  'tthc.onTime': {
    register: 'tthc',
    type: 'ratio',
    label: 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn',
    counts: 'Hồ sơ giải quyết trước hạn hoặc đúng hạn',
    of: 'Hồ sơ đã giải quyết trong kỳ',
    rule: 'Hồ sơ có ngày trả kết quả trong kỳ; đúng hạn khi ngày trả không sau hạn trả (Biểu 06 cột 8 + 9 trên cột 7).',
    rows: 'hồ sơ',
  },
  'tthc.digitised': {
    register: 'tthc',
    type: 'ratio',
    label: 'Tỷ lệ hồ sơ TTHC được số hóa',
    counts: 'Hồ sơ tiếp nhận trong kỳ được số hóa',
    of: 'Hồ sơ tiếp nhận trong kỳ',
    rule: 'Hồ sơ có ngày tiếp nhận trong kỳ; tử số là hồ sơ đánh dấu "số hóa".',
    rows: 'hồ sơ',
  },
  'tthc.electronicResult': {
    register: 'tthc',
    type: 'ratio',
    label: 'Tỷ lệ hồ sơ TTHC có kết quả giải quyết điện tử',
    counts: 'Hồ sơ đã giải quyết có kết quả điện tử',
    of: 'Hồ sơ đã giải quyết trong kỳ',
    rule: 'Hồ sơ có ngày trả kết quả trong kỳ; tử số là hồ sơ đánh dấu "kết quả điện tử".',
    rows: 'hồ sơ',
  },
  'tthc.onlinePayment': {
    register: 'tthc',
    type: 'ratio',
    label: 'Tỷ lệ hồ sơ TTHC thanh toán trực tuyến',
    counts: 'Hồ sơ thanh toán phí, lệ phí trực tuyến',
    of: 'Hồ sơ tiếp nhận trong kỳ có phí, lệ phí',
    rule:
      'Hồ sơ tiếp nhận trong kỳ có ghi cột "thanh toán trực tuyến" (có = đã thanh toán trực tuyến, ' +
      'không = có phí nhưng nộp cách khác, để trống = không có phí).',
    rows: 'hồ sơ',
  },
  'tthc.online': {
    register: 'tthc',
    type: 'ratio',
    label: 'Tỷ lệ hồ sơ TTHC tiếp nhận trực tuyến',
    counts: 'Hồ sơ nộp trực tuyến',
    of: 'Hồ sơ tiếp nhận trong kỳ',
    rule: 'Hồ sơ có ngày tiếp nhận trong kỳ; tử số là hồ sơ có kênh nộp "trực tuyến" (Biểu 06 cột 4 trên cột 4 + 5).',
    rows: 'hồ sơ',
  },
  'tthc.fullProcess': {
    register: 'tthc',
    type: 'ratio',
    label: 'Tỷ lệ hồ sơ trực tuyến toàn trình',
    counts: 'Hồ sơ của dịch vụ công toàn trình nộp trực tuyến',
    of: 'Hồ sơ tiếp nhận trong kỳ của dịch vụ công trực tuyến toàn trình',
    rule:
      'Hồ sơ tiếp nhận trong kỳ có cột "toàn trình" là có (thủ tục được cung cấp dịch vụ công trực tuyến ' +
      'toàn trình); tử số là những hồ sơ đó nộp trực tuyến.',
    rows: 'hồ sơ',
  },
  'tthc.lateWithoutApology': {
    register: 'tthc',
    type: 'count',
    label: 'Số hồ sơ trễ hẹn không có văn bản xin lỗi',
    counts: 'Hồ sơ trễ hẹn không có thư xin lỗi',
    rule:
      'Hồ sơ trả kết quả trong kỳ sau hạn trả, và hồ sơ chưa trả đã quá hạn vào cuối kỳ, không đánh dấu ' +
      '"thư xin lỗi"; hồ sơ rút, trả lại hoặc chờ bổ sung không tính là trễ.',
    rows: 'hồ sơ',
  },
  'plans.pbgdplTasksDone': {
    register: 'plans',
    type: 'ratio',
    label: 'Tỷ lệ nhiệm vụ hoàn thành của kế hoạch phổ biến, giáo dục pháp luật năm',
    counts: 'Nhiệm vụ đã hoàn thành',
    of: 'Nhiệm vụ trong kế hoạch (trừ nhiệm vụ hủy bỏ)',
    rule:
      'Kế hoạch PBGDPL năm đánh giá của đơn vị đã ban hành; mỗi nhiệm vụ không có nhiệm vụ con là một ' +
      'nhiệm vụ, nhiệm vụ hủy bỏ không tính ở cả tử số và mẫu số. Không có kế hoạch: 0/0.',
    rows: 'nhiệm vụ',
  },
  'plans.cchcTasksDone': {
    register: 'plans',
    type: 'ratio',
    label: 'Tỷ lệ nhiệm vụ hoàn thành của kế hoạch cải cách hành chính năm',
    counts: 'Nhiệm vụ đã hoàn thành',
    of: 'Nhiệm vụ trong kế hoạch (trừ nhiệm vụ hủy bỏ)',
    rule:
      'Kế hoạch CCHC năm đánh giá của đơn vị đã ban hành; mỗi nhiệm vụ không có nhiệm vụ con là một ' +
      'nhiệm vụ, nhiệm vụ hủy bỏ không tính ở cả tử số và mẫu số. Không có kế hoạch: 0/0.',
    rows: 'nhiệm vụ',
  },
  'plans.cchcTasksSpecified': {
    register: 'plans',
    type: 'boolean',
    label: 'Kế hoạch cải cách hành chính năm xác định đầy đủ nhiệm vụ, sản phẩm, thời hạn',
    counts: 'Nhiệm vụ có ghi kết quả, sản phẩm và thời hạn (ngày hoặc thời gian thực hiện)',
    rule:
      'Kế hoạch CCHC năm đánh giá của đơn vị đã ban hành; "có" khi kế hoạch có nhiệm vụ và mọi nhiệm vụ ' +
      '(trừ mục lớn và nhiệm vụ hủy bỏ) đều ghi kết quả, sản phẩm và thời hạn. Không có kế hoạch: chưa có giá trị.',
    rows: 'nhiệm vụ',
  },
  'plans.pbgdplIssuedOn': {
    register: 'plans',
    type: 'date',
    label: 'Ngày ban hành kế hoạch phổ biến, giáo dục pháp luật năm',
    counts: 'Ngày ban hành ghi trên kế hoạch',
    rule: 'Kế hoạch PBGDPL năm đánh giá của đơn vị đã ban hành. Không có kế hoạch: chưa có ngày.',
    rows: 'kế hoạch',
  },
  'plans.pbgdplIssueDue': {
    register: 'plans',
    type: 'date',
    label: 'Hạn ban hành kế hoạch phổ biến, giáo dục pháp luật năm',
    counts: 'Hạn ban hành ghi ở kế hoạch (theo văn bản chỉ đạo của cấp trên)',
    rule: 'Kế hoạch PBGDPL năm đánh giá của đơn vị đã ban hành. Không có kế hoạch hoặc chưa ghi hạn: chưa có ngày.',
    rows: 'kế hoạch',
  },
  'plans.cchcIssuedOn': {
    register: 'plans',
    type: 'date',
    label: 'Ngày ban hành kế hoạch cải cách hành chính năm',
    counts: 'Ngày ban hành ghi trên kế hoạch',
    rule: 'Kế hoạch CCHC năm đánh giá của đơn vị đã ban hành. Không có kế hoạch: chưa có ngày.',
    rows: 'kế hoạch',
  },
  'plans.cchcIssueDue': {
    register: 'plans',
    type: 'date',
    label: 'Hạn ban hành kế hoạch cải cách hành chính năm',
    counts: 'Hạn ban hành ghi ở kế hoạch (theo văn bản chỉ đạo của cấp trên)',
    rule: 'Kế hoạch CCHC năm đánh giá của đơn vị đã ban hành. Không có kế hoạch hoặc chưa ghi hạn: chưa có ngày.',
    rows: 'kế hoạch',
  },
  'surveys.mau04Effective': {
    register: 'surveys',
    type: 'ratio',
    label: 'Tỷ lệ phiếu đánh giá hình thức, mô hình PBGDPL hiệu quả (Mẫu 04)',
    counts: 'Phiếu đánh giá "Hiệu quả"',
    of: 'Phiếu thu về',
    rule:
      'Phiếu lấy ý kiến Mẫu 04 của đơn vị có ngày kết thúc trong kỳ (đã mở lấy ý kiến); mọi phiếu thu về ' +
      '(trực tuyến và phiếu giấy) là mẫu số, phiếu chọn "Hiệu quả" là tử số. Không có phiếu: 0/0.',
    rows: 'phiếu',
  },
  'surveys.satisfied': {
    register: 'surveys',
    type: 'ratio',
    label: 'Tỷ lệ người dân hài lòng (khảo sát sự hài lòng)',
    counts: 'Phiếu hài lòng hoặc rất hài lòng (mức 4–5)',
    of: 'Phiếu trả lời câu hỏi mức độ hài lòng chung',
    rule:
      'Khảo sát sự hài lòng của đơn vị có ngày kết thúc trong kỳ (đã mở lấy ý kiến); phiếu chấm mức độ hài ' +
      'lòng chung từ 4 trở lên là tử số. Không có phiếu: 0/0.',
    rows: 'phiếu',
  },
  'books.vbqpplIssued': {
    register: 'books',
    type: 'ratio',
    label: 'Tỷ lệ VBQPPL được giao đã ban hành',
    counts: 'VBQPPL đã ban hành',
    of: 'VBQPPL được giao (hạn ban hành trong năm)',
    rule: 'Sổ văn bản: VBQPPL có hạn ban hành trong năm; tử số là văn bản đã có ngày ban hành.',
    rows: 'văn bản',
  },
  'books.vbqpplLawful': {
    register: 'books',
    type: 'ratio',
    label: 'Tỷ lệ VBQPPL ban hành đúng quy định',
    counts: 'VBQPPL ban hành đúng quy định',
    of: 'VBQPPL đã ban hành trong năm',
    rule: 'Sổ văn bản: VBQPPL có ngày ban hành trong năm; tử số là văn bản không bị phát hiện trái pháp luật.',
    rows: 'văn bản',
  },
  'books.adminDocsLawful': {
    register: 'books',
    type: 'ratio',
    label: 'Tỷ lệ văn bản hành chính ban hành đúng quy định',
    counts: 'Văn bản hành chính đúng quy định',
    of: 'Văn bản hành chính đã ban hành trong năm',
    rule: 'Sổ văn bản: văn bản hành chính liên quan quyền, lợi ích của tổ chức, cá nhân có ngày ban hành trong năm; tử số là văn bản không bị phát hiện trái pháp luật.',
    rows: 'văn bản',
  },
  'books.reviewedDocsHandled': {
    register: 'books',
    type: 'ratio',
    label: 'Tỷ lệ văn bản đã xử lý sau rà soát',
    counts: 'Văn bản đã xử lý',
    of: 'Văn bản phải xử lý sau rà soát',
    rule: 'Sổ văn bản: văn bản đánh dấu "phải xử lý sau rà soát" có ngày (ban hành hoặc hạn) trong năm; tử số là văn bản đánh dấu "đã xử lý".',
    rows: 'văn bản',
  },
  'books.signedDigitally': {
    register: 'books',
    type: 'ratio',
    label: 'Tỷ lệ văn bản đi được ký số',
    counts: 'Văn bản ký số',
    of: 'Văn bản đi trong năm',
    rule: 'Sổ văn bản: mọi văn bản có ngày ban hành (ngày gửi) trong năm; tử số là văn bản đánh dấu "đã ký số".',
    rows: 'văn bản',
  },
  'books.reportsSent': {
    register: 'books',
    type: 'documents',
    label: 'Báo cáo định kỳ: ngày gửi và hạn gửi',
    counts: 'Báo cáo gửi đúng hạn',
    rule: 'Sổ văn bản: báo cáo định kỳ có hạn gửi trong năm, mỗi báo cáo với hạn gửi và ngày gửi (chưa gửi: để trống).',
    rows: 'báo cáo',
  },
  'books.publishedOnTime': {
    register: 'books',
    type: 'documents',
    label: 'Thông tin phải công khai: ngày công khai và hạn công khai',
    counts: 'Thông tin công khai đúng hạn',
    rule: 'Sổ công khai thông tin: thông tin có hạn công khai trong năm, mỗi thông tin với hạn và ngày công khai (chưa công khai: để trống).',
    rows: 'thông tin',
  },
  'books.infoRequestsOnTime': {
    register: 'books',
    type: 'ratio',
    label: 'Tỷ lệ yêu cầu cung cấp thông tin được cung cấp đúng hạn',
    counts: 'Yêu cầu được cung cấp đúng hạn',
    of: 'Yêu cầu nhận được trong năm',
    rule: 'Sổ yêu cầu cung cấp thông tin: yêu cầu nhận trong năm; tử số là yêu cầu có ngày cung cấp không sau hạn.',
    rows: 'yêu cầu',
  },
  'books.propagandistsTrained': {
    register: 'books',
    type: 'ratio',
    label: 'Tỷ lệ tuyên truyền viên pháp luật được bồi dưỡng, tập huấn',
    counts: 'Tuyên truyền viên được bồi dưỡng, tập huấn trong năm',
    of: 'Tuyên truyền viên của xã trong năm',
    rule: 'Sổ tuyên truyền viên: người được công nhận đến cuối năm và chưa thôi trước đầu năm; tử số là người có ngày tập huấn trong năm.',
    rows: 'tuyên truyền viên',
  },
  'books.pbgdplFunding': {
    register: 'books',
    type: 'money',
    label: 'Kinh phí bố trí cho phổ biến, giáo dục pháp luật',
    counts: 'Tổng số tiền (đồng)',
    rule: 'Sổ kinh phí PBGDPL: tổng số tiền các khoản có ngày bố trí trong năm.',
    rows: 'khoản kinh phí',
  },
  'books.mediationTimely': {
    register: 'books',
    type: 'ratio',
    label: 'Tỷ lệ vụ việc được hòa giải kịp thời',
    counts: 'Vụ việc đã hòa giải (thành hoặc không thành) kịp thời',
    of: 'Vụ việc tiếp nhận trong năm',
    rule: 'Sổ theo dõi hòa giải: vụ việc tiếp nhận trong năm; tử số là vụ việc đã hòa giải xong (thành hoặc không thành) và đánh dấu "kịp thời".',
    rows: 'vụ việc',
  },
  'books.mediationSuccessful': {
    register: 'books',
    type: 'ratio',
    label: 'Tỷ lệ hòa giải thành',
    counts: 'Vụ việc hòa giải thành',
    of: 'Vụ việc đã hòa giải',
    rule: 'Sổ theo dõi hòa giải: vụ việc tiếp nhận trong năm đã hòa giải xong (thành hoặc không thành); tử số là vụ việc hòa giải thành.',
    rows: 'vụ việc',
  },
  'books.mediationTeamsFunded': {
    register: 'books',
    type: 'ratio',
    label: 'Tỷ lệ tổ hòa giải được hỗ trợ kinh phí',
    counts: 'Tổ hòa giải nhận kinh phí trong năm',
    of: 'Tổ hòa giải trong năm',
    rule: 'Sổ tổ hòa giải: tổ thành lập đến cuối năm và chưa giải thể trước đầu năm; tử số là tổ có kinh phí lớn hơn 0 và ngày nhận kinh phí trong năm.',
    rows: 'tổ hòa giải',
  },
  'books.legalAidInfo': {
    register: 'books',
    type: 'count',
    label: 'Số hoạt động thông tin, giới thiệu về trợ giúp pháp lý',
    counts: 'Hoạt động thông tin, giới thiệu về trợ giúp pháp lý',
    rule: 'Sổ hoạt động: hoạt động loại "thông tin, giới thiệu về trợ giúp pháp lý" có ngày trong năm.',
    rows: 'hoạt động',
  },
  'books.dialogues': {
    register: 'books',
    type: 'count',
    label: 'Số cuộc trao đổi, đối thoại với Nhân dân',
    counts: 'Cuộc trao đổi, đối thoại với Nhân dân',
    rule: 'Sổ hoạt động: hoạt động loại "trao đổi, đối thoại với Nhân dân" có ngày trong năm.',
    rows: 'cuộc',
  },
  'books.democracyDecide': {
    register: 'books',
    type: 'ratio',
    label: 'Tỷ lệ nội dung "Nhân dân bàn, quyết định trực tiếp" thực hiện đúng quy định',
    counts: 'Nội dung thực hiện đúng quy định',
    of: 'Nội dung phải thực hiện trong năm',
    rule: 'Sổ dân chủ ở cơ sở: nội dung hình thức "Nhân dân bàn, quyết định trực tiếp" có ngày trong năm; tử số là nội dung đánh dấu "đúng quy định".',
    rows: 'nội dung',
  },
  'books.democracyVote': {
    register: 'books',
    type: 'ratio',
    label: 'Tỷ lệ nội dung "Nhân dân bàn, biểu quyết" thực hiện đúng quy định',
    counts: 'Nội dung thực hiện đúng quy định',
    of: 'Nội dung phải thực hiện trong năm',
    rule: 'Sổ dân chủ ở cơ sở: nội dung hình thức "Nhân dân bàn, biểu quyết" có ngày trong năm; tử số là nội dung đánh dấu "đúng quy định".',
    rows: 'nội dung',
  },
  'books.democracyComment': {
    register: 'books',
    type: 'ratio',
    label: 'Tỷ lệ nội dung "Nhân dân tham gia ý kiến" thực hiện đúng quy định',
    counts: 'Nội dung thực hiện đúng quy định',
    of: 'Nội dung phải thực hiện trong năm',
    rule: 'Sổ dân chủ ở cơ sở: nội dung hình thức "Nhân dân tham gia ý kiến" có ngày trong năm; tử số là nội dung đánh dấu "đúng quy định".',
    rows: 'nội dung',
  },
  'books.democracySupervise': {
    register: 'books',
    type: 'ratio',
    label: 'Tỷ lệ nội dung "Nhân dân giám sát" thực hiện đúng quy định',
    counts: 'Nội dung thực hiện đúng quy định',
    of: 'Nội dung phải thực hiện trong năm',
    rule: 'Sổ dân chủ ở cơ sở: nội dung hình thức "Nhân dân giám sát" có ngày trong năm; tử số là nội dung đánh dấu "đúng quy định".',
    rows: 'nội dung',
  },
  'books.petitionsLawful': {
    register: 'books',
    type: 'ratio',
    label: 'Tỷ lệ đơn thuộc thẩm quyền giải quyết đúng quy định, đúng hạn',
    counts: 'Đơn giải quyết đúng quy định, đúng hạn',
    of: 'Đơn thuộc thẩm quyền phải giải quyết trong năm',
    rule: 'Sổ xử lý đơn: đơn thuộc thẩm quyền của xã nhận đến cuối năm và chưa giải quyết xong trước đầu năm (kể cả đơn năm trước chuyển sang), trừ đơn còn trong hạn vào cuối năm; tử số là đơn giải quyết xong trong năm, đánh dấu "đúng quy định", không sau hạn giải quyết.',
    rows: 'đơn',
  },
  'books.officialsDisciplined': {
    register: 'books',
    type: 'boolean',
    label: 'Có cán bộ, công chức bị kỷ luật hành chính hoặc truy cứu TNHS trong năm',
    counts: 'Trường hợp bị kỷ luật, truy cứu TNHS',
    rule: 'Sổ kỷ luật: có ít nhất một trường hợp có ngày quyết định trong năm.',
    rows: 'trường hợp',
  },
  'books.headDisciplined': {
    register: 'books',
    type: 'boolean',
    label: 'Người đứng đầu cấp ủy, chính quyền bị kỷ luật hoặc truy cứu TNHS trong năm',
    counts: 'Trường hợp người đứng đầu bị kỷ luật, truy cứu TNHS',
    rule: 'Sổ kỷ luật: có ít nhất một trường hợp đánh dấu "người đứng đầu" có ngày quyết định trong năm.',
    rows: 'trường hợp',
  },
} as const satisfies Record<string, MeasureDef>;

export type MeasureId = keyof typeof MEASURES;
export const MEASURE_IDS = Object.keys(MEASURES) as MeasureId[];

export function isMeasureId(id: string): id is MeasureId {
  return Object.hasOwn(MEASURES, id);
}

/** The measures of one register (a register's list accepts only its own). */
export function measuresOf(register: RegisterId): MeasureId[] {
  return MEASURE_IDS.filter((id) => MEASURES[id].register === register);
}

/** A calendar-date range, both ends included (an evaluation year: 01/01–31/12). */
export interface DateRange {
  from: string;
  to: string;
}

/**
 * What a measure computed for one input of one evaluation. `value` is in the input's own shape
 * (a ratio `{numerator, denominator}`, a count as a number, a date as `yyyy-mm-dd`, yes/no as a
 * boolean, or null when the register has none); `rows` is how many register rows it was computed from (a ratio's denominator
 * rows, a count's rows, a date's record: 0 or 1).
 */
export const computedInputSchema = z.strictObject({
  measure: z.string(),
  value: z.union([
    z.strictObject({ numerator: z.number().int(), denominator: z.number().int() }),
    z.number().int(),
    z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    z.boolean(),
    z.null(),
    // documents: each with its due date and the date it was done (null: not yet)
    z.array(z.strictObject({ title: z.string(), dueOn: z.string(), issuedOn: z.string().nullable() })),
  ]),
  rows: z.number().int(),
  from: z.string(),
  to: z.string(),
  unitId: z.string(),
  computedAt: z.string(),
  /** The register record the rows belong to, when the register keeps them in records (a plan's id). */
  ref: z.string().nullable().optional(),
});
export type ComputedInput = z.infer<typeof computedInputSchema>;

/** The officer's reason for scoring a bound input with another value than the computed one. */
export const inputOverrideSchema = z.strictObject({
  reason: z.string(),
  by: z.string(),
  byName: z.string(),
  at: z.string(),
});
export type InputOverride = z.infer<typeof inputOverrideSchema>;
