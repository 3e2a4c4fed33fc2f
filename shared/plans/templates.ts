/**
 * Plan templates (issue #14): the task list of a real plan, to start a new one from. The user edits
 * each task (texts, leads, dates) before issuing; nothing here is a rule.
 *
 * - `tcpl-implementation`: Kế hoạch số 3590/KH-UBND ngày 04/10/2021 of UBND thị xã Hương Trà, implementing
 *   QĐ 25/2021/QĐ-TTg (../shared/domain/examples/001): six task groups, transcribed in order, wording kept.
 * - `cchc-remediation`: the remediation plan of UBND xã Vĩnh Long after its 2022 CCHC index
 *   (../shared/domain/examples/004): general tasks, then tasks per officer post, with their targets.
 */
import type { PlanKind, PlanTemplateId } from './plans.ts';

export interface TemplateTask {
  code: string;
  title: string;
  content?: string;
  lead?: string;
  partners?: string;
  timeText?: string;
  /** Month-day ('MM-DD') of the plan's year, when the task names a date. */
  due?: string;
  output?: string;
  target?: string;
}

export interface PlanTemplate {
  id: PlanTemplateId;
  name: string;
  kind: PlanKind;
  /** The plan's title (trích yếu); `{year}` is the plan's year. */
  title: string;
  purpose: string;
  funding: string;
  organisation: string;
  tasks: TemplateTask[];
}

const TCPL_IMPLEMENTATION: PlanTemplate = {
  id: 'tcpl-implementation',
  name: 'Kế hoạch thực hiện Quy định đánh giá, công nhận cấp xã đạt chuẩn tiếp cận pháp luật (theo mẫu Kế hoạch 3590/KH-UBND)',
  kind: 'implementation',
  title: 'Thực hiện Quy định đánh giá, công nhận xã, phường, thị trấn đạt chuẩn tiếp cận pháp luật',
  purpose:
    '1. Mục đích\n- Thực hiện nghiêm túc, kịp thời, đầy đủ và có hiệu quả các nhiệm vụ được giao tại Khoản 4 Điều 6 Quyết định số 25/2021/QĐ-TTg ngày 22 tháng 7 năm 2021 của Thủ tướng Chính phủ quy định về xã, phường, thị trấn đạt chuẩn tiếp cận pháp luật (sau đây gọi là Quyết định số 25/2021/QĐ-TTg).\n- Gắn trách nhiệm chỉ đạo, hướng dẫn, tổ chức thực hiện việc đánh giá, công nhận xã, phường đạt chuẩn tiếp cận pháp luật của Ủy ban nhân dân các cấp, cơ quan chuyên môn làm đầu mối gắn với việc thực hiện nhiệm vụ phát triển kinh tế- xã hội, bảo đảm quốc phòng, an ninh, tăng cường dân chủ ở cơ sở, qua đó vận động Nhân dân chấp hành chủ trương, chính sách của Đảng, pháp luật của Nhà nước.\n2. Yêu cầu\n- Xác định rõ nội dung công việc, thời gian, tiến độ thực hiện, trách nhiệm cụ thể của từng cơ quan, tổ chức, cá nhân trong thực hiện đánh giá, công nhận xã, phường, thị trấn đạt chuẩn tiếp cận pháp luật theo Quyết định số 25/2021/QĐ-TTg.\n- Các nội dung, nhiệm vụ đề ra phải bảo đảm tính khả thi, có trọng tâm, trọng điểm; phân công cụ thể trách nhiệm chủ trì, phối hợp của cơ quan, tổ chức; chú trọng lồng ghép, kết hợp với triển khai các Chương trình, Đề án, nhiệm vụ có liên quan để sử dụng nguồn lực tiết kiệm, hiệu quả.',
  funding:
    'Kinh phí triển khai thực hiện Kế hoạch này được bố trí từ ngân sách nhà nước theo quy định pháp luật thực hiện theo quy định của Thông tư số 14/2014/TTLT-BTC-BTP ngày 27/01/2014 của Bộ Tài chính và Bộ Tư pháp quy định về lập dự toán, quản lý, sử dụng và quyết toán kinh phí ngân sách nhà nước đảm bảo cho công tác phổ biến, giáo dục pháp luật và chuẩn tiếp cận pháp luật của người dân tại cơ sở; Quyết định số 23/2015/QĐ-UBND ngày 12/6/2015 của Ủy ban nhân dân tỉnh quy định mức chi đối với công tác phổ biến, giáo dục pháp luật và chuẩn tiếp cận pháp luật của người dân tại cơ sở trên địa bàn tỉnh Thừa Thiên Huế.',
  organisation:
    '1. Giao Phòng Tư pháp là cơ quan đầu mối, chịu trách nhiệm theo dõi, tham mưu Ủy ban nhân dân thị xã trong việc chỉ đạo, hướng dẫn, kiểm tra, tổng kết, báo cáo tình hình thực hiện nội dung liên quan đến đánh giá, công nhận xã, phường đạt chuẩn tiếp cận pháp luật và các nhiệm vụ được giao tại Kế hoạch này.\n2. Các cơ quan, ban, ngành trong phạm vi chức năng, nhiệm vụ, quyền hạn được giao, chỉ đạo, hướng dẫn, theo dõi, thống kê, đôn đốc, kiểm tra việc thực hiện các tiêu chí, chỉ tiêu tiếp cận pháp luật liên quan đến phạm vi quản lý và các nhiệm vụ được phân công tại Kế hoạch này.\n3. Phòng Tài chính kế hoạch hướng dẫn các cơ quan xây dựng và bố trí kinh phí để thực hiện Kế hoạch này và các hoạt động đánh giá, công nhận xã, phường, đạt chuẩn tiếp cận pháp luật.\n4. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam thị xã và các tổ chức chính trị - xã hội, chỉ đạo, hướng dẫn, tổ chức tuyên truyền, phổ biến pháp luật về đánh giá, công nhận xã, phường đạt chuẩn tiếp cận pháp luật cho thành viên, hội viên; giám sát, phản biện xã hội, vận động thành viên, hội viên tham gia đánh giá, công nhận xã, phường đạt chuẩn tiếp cận pháp luật; giám sát kết quả đánh giá sự hài lòng của tổ chức, cá nhân khi thực hiện các thủ tục hành chính; phối hợp với cơ quan tư pháp cùng cấp và các cơ quan, tổ chức, cá nhân có liên quan trong thực hiện Quy định đánh giá, công nhận xã, phường đạt chuẩn tiếp cận pháp luật.\n5. Căn cứ nội dung Kế hoạch này, Quyết định số 25/2021/QĐ-TTg, Ủy ban nhân dân xã, phương ban hành Kế hoạch triển khai tổ chức thực hiện tại địa phương. Chỉ đạo, hướng dẫn, phân công công chức làm đầu mối theo dõi, tham mưu thực hiện nhiệm vụ được giao; kịp thời phản ánh và đề xuất giải pháp khắc phục khó khăn, vướng mắc trong quá trình thực hiện các nhiệm vụ định kỳ, đột xuất báo cáo kết quả gửi về Phòng Tư pháp để tổng hợp trình Ủy ban nhân dân thị xã xem xét, giải quyết.',
  tasks: [
    {
      code: '1',
      title: 'Ban hành kế hoạch, văn bản chỉ đạo, hướng dẫn thực hiện Quyết định số 25/2021/QĐ-TTg',
      lead: 'Phòng Tư pháp tham mưu Ủy ban nhân dân thị xã.',
      partners: 'Văn phòng HĐND và UBND thị xã và các cơ quan, đơn vị liên quan.',
      timeText: 'Hàng năm.',
      output: 'Kế hoạch, văn bản chỉ đạo, hướng dẫn.',
    },
    {
      code: '2',
      title:
        'Quán triệt, phổ biến, tập huấn để nâng cao nhận thức, trách nhiệm của các cơ quan, đơn vị, tổ chức, cá nhân, cộng đồng về tiêu chí, chỉ tiêu xã, phường, đạt chuẩn tiếp cận pháp luật',
    },
    {
      code: '2.a',
      title:
        'Căn cứ tình hình thực tế để tổ chức giới thiệu, triển khai, hướng dẫn thực hiện nội dung cơ bản, điểm mới quan trọng trong Quyết định số 25/2021/QĐ-TTg và các văn bản có liên quan.',
      lead: 'Phòng Tư pháp tham mưu Ủy ban nhân dân thị xã.',
      timeText: 'Hàng năm.',
      output: 'Hội nghị triển khai, tập huấn trực tiếp hoặc qua video clip.',
    },
    {
      code: '2.b',
      title:
        'Biên soạn tài liệu hướng dẫn nhằm tuyên truyền, phổ biến nội dung cơ bản của Quyết định số 25/2021/QĐ-TTg, trọng tâm là các tiêu chí, chỉ tiêu, trình tự, thủ tục đánh giá, công nhận xã, phường đạt chuẩn tiếp cận pháp luật và trách nhiệm, nhiệm vụ của cơ quan, tổ chức, cá nhân.',
      lead: 'Phòng Tư pháp tiếp nhận các tài liệu hướng dẫn nhằm tuyên truyền, phổ biến nội dung cơ bản của Quyết định số 25/2021/QĐ-TTg.',
      timeText: 'Hàng năm.',
      output: 'Các tin, bài, tài liệu tuyên truyền, phổ biến.',
    },
    {
      code: '2.c',
      title:
        'Tổ chức quán triệt, tập huấn cho đội ngũ cán bộ quản lý, tham mưu công tác đánh giá, công nhận xã, phường đạt chuẩn tiếp cận pháp luật.',
      lead: 'Phòng Tư pháp tham mưu Ủy ban nhân dân thị xã.',
      partners: 'Các cơ quan, đơn vị liên quan.',
      timeText: 'Hàng năm.',
      output: 'Hội nghị, hội thảo, tọa đàm.',
    },
    {
      code: '3',
      title: 'Ban hành văn bản chỉ đạo, hướng dẫn',
      content:
        'Tổ chức triển khai Thông tư hướng dẫn thực hiện Quyết định số 25/2021/QĐ-TTg (thay thế Thông tư số 07/2017/TT-BTP ngày 28 tháng 7 năm 2017 của Bộ trưởng Bộ Tư pháp).',
      lead: 'Phòng Tư pháp tham mưu Ủy ban nhân dân thị xã chỉ đạo, hướng dẫn thực hiện tại địa phương.',
      partners: 'Các cơ quan, đơn vị liên quan.',
      timeText: 'Sau khi Thông tư hướng dẫn thực hiện Quyết định số 25/2021/QĐ-TTg được ban hành.',
      output: 'Văn bản, kế hoạch…',
    },
    {
      code: '4',
      title:
        'Triển khai, hướng dẫn vận hành, áp dụng phần mềm quản lý, đánh giá công nhận xã, phường, thị trấn đạt chuẩn tiếp cận pháp luật',
      content:
        'Tổ chức triển khai, tập huấn, hướng dẫn sử dụng và vận hành phần mềm quản lý, chấm điểm, đánh giá, công nhận xã, phường đạt chuẩn tiếp cận pháp luật.',
      lead: 'Phòng Tư pháp tham mưu Ủy ban nhân dân thị xã.',
      partners: 'Các cơ quan, đơn vị liên quan.',
      timeText: 'Theo lộ trình thực hiện của Bộ Tư pháp.',
      output:
        'Các Hội nghị tập huấn được tổ chức đảm bảo phù hợp với tình hình thực tế của từng địa phương; phần mềm được áp dụng, triển khai tại cơ sở.',
    },
    {
      code: '5',
      title: 'Xây dựng các giải pháp nhằm thực hiện có hiệu quả Quyết định số 25/2021/QĐ-TTg',
    },
    {
      code: '5.a',
      title:
        'Tham mưu các giải pháp hỗ trợ các xã, phường chưa đạt chuẩn tiếp cận pháp luật gắn với thực hiện nội dung và nhiệm vụ được giao trong Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021-2025 của tỉnh.',
      lead: 'Phòng Tư pháp tham mưu Ủy ban nhân dân thị xã.',
      partners: 'Các cơ quan, đơn vị liên quan.',
      timeText: 'Năm 2022.',
      output:
        'văn bản chỉ đạo của Ủy ban nhân dân thị xã, báo cáo thực hiện các giải pháp được triển khai, áp dụng.',
    },
    {
      code: '5.b',
      title:
        'Thực hiện chỉ đạo điểm để hỗ trợ xây dựng triển khai mô hình xã, phường đạt chuẩn tiếp cận pháp luật.',
      lead: 'Phòng Tư pháp tham mưu Ủy ban nhân dân thị xã.',
      partners: 'Các cơ quan, đơn vị liên quan.',
      timeText: 'Năm 2022.',
      output: 'Các hoạt động chỉ đạo điểm được triển khai.',
    },
    {
      code: '6',
      title:
        'Kiểm tra; khảo sát mức độ hài lòng của Nhân dân; tổng hợp, báo cáo; tổ chức sơ kết, tổng kết, khen thưởng',
    },
    {
      code: '6.a',
      title:
        'Tổ chức kiểm tra việc triển khai thực hiện nhiệm vụ đánh giá, công nhận xã, phường đạt chuẩn tiếp cận pháp luật.',
      lead: 'Phòng Tư pháp tham mưu Chủ tịch Ủy ban nhân dân thị xã thực hiện theo trách nhiệm và phạm vi quản lý.',
      partners: 'Các cơ quan, đơn vị liên quan.',
      timeText: 'Hàng năm (định kỳ, đột xuất).',
      output: 'Kế hoạch, báo cáo kết quả kiểm tra.',
    },
    {
      code: '6.b',
      title:
        'Tổ chức các cuộc khảo sát đánh giá sự hài lòng của Nhân dân về hiệu quả của công tác đánh giá, công nhận xã, phường đạt chuẩn tiếp cận pháp luật.',
      lead: 'Phòng Tư pháp tham mưu Ủy ban nhân dân thị xã.',
      partners: 'Các cơ quan, đơn vị liên quan.',
      timeText: 'Định kỳ 02 năm một lần hoặc trường hợp đột xuất theo yêu cầu của cơ quan cấp trên.',
      output: 'Kế hoạch, báo cáo khảo sát....',
    },
    {
      code: '6.c',
      title:
        'Theo dõi, tham mưu báo cáo Sở Tư pháp và Bộ Tư pháp về công tác đánh giá, công nhận xã, phường đạt chuẩn tiếp cận pháp luật.',
      lead: 'Phòng Tư pháp.',
      partners: 'Các cơ quan, đơn vị liên quan.',
      timeText: 'Hàng năm.',
      output: 'Kế hoạch, báo cáo, tổ chức cuộc họp.',
    },
    {
      code: '6.d',
      title:
        'Tổ chức sơ kết, tổng kết và khen thưởng, biểu dương cá nhân, tập thể có thành tích xuất sắc trong đánh giá, công nhận xã, phường đạt chuẩn tiếp cận pháp luật.',
      lead: 'Phòng Tư pháp tham mưu Ủy ban nhân dân thị xã.',
      partners: 'Các cơ quan, đơn vị liên quan.',
      timeText: 'Sơ kết cuối năm 2023, tổng kết năm 2025.',
      output: 'Kế hoạch, báo cáo sơ kết, tổng kết, quyết định khen thưởng.',
    },
  ],
};

const CCHC_REMEDIATION: PlanTemplate = {
  id: 'cchc-remediation',
  name: 'Kế hoạch khắc phục tồn tại, hạn chế trong công tác cải cách hành chính (nhiệm vụ chung và theo từng chức danh)',
  kind: 'remediation',
  title: 'Khắc phục những tồn tại, hạn chế trong công tác cải cách hành chính',
  purpose:
    'Khắc phục những tồn tại, hạn chế trong thực hiện công tác cải cách hành chính năm trước và đẩy mạnh thực hiện công tác cải cách hành chính năm {year}.',
  funding: '',
  organisation:
    'Ủy ban nhân dân xã yêu cầu cán bộ, công chức nghiêm túc tổ chức thực hiện các nội dung trên. Trong quá trình thực hiện có khó khăn, vướng mắc phản ánh kịp thời về Ủy ban nhân dân xã (qua công chức phụ trách cải cách hành chính) để xem xét, giải quyết.',
  tasks: [
    { code: '1', title: 'Nhiệm vụ chung' },
    {
      code: '1.a',
      title:
        'Rà soát các nhiệm vụ theo khung kế hoạch chi tiết của kế hoạch CCHC xã năm {year} để xem nội dung nào đã thực hiện, nội dung nào chưa thực hiện để có phương án tổ chức đảm bảo thực hiện 100% kế hoạch.',
      lead: 'Công chức phụ trách cải cách hành chính',
      timeText: 'Trước ngày 15/11/{year}',
      due: '11-15',
      target: 'Thực hiện 100% kế hoạch',
    },
    {
      code: '1.b',
      title:
        'Thường xuyên thực hiện việc tự kiểm tra cải cách hành chính để kịp thời phát hiện những sai sót và có biện pháp khắc phục kịp thời, tránh để giải quyết hồ sơ bị trễ hẹn cho tổ chức công dân.',
      lead: 'Cán bộ, công chức xã',
      timeText: 'Thường xuyên',
    },
    {
      code: '1.c',
      title:
        'Triển khai duy trì áp dụng hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001:2015 theo đúng lộ trình, Kế hoạch của UBND tỉnh đã ban hành trong cơ quan, nhất là trong xây dựng quy trình giải quyết thủ tục hành chính đối với cá nhân, tổ chức và doanh nghiệp.',
      lead: 'Cán bộ, công chức xã',
      timeText: 'Năm {year}',
    },
    {
      code: '1.d',
      title:
        'Xây dựng kế hoạch phổ biến, quán triệt tuyên truyền về công tác cải cách hành chính, đa dạng các hình thức tuyên truyền, tham gia các lớp bồi dưỡng kiến thức cải cách hành chính.',
      lead: 'Cán bộ, công chức xã',
      timeText: 'Năm {year}',
    },
    {
      code: '1.e',
      title:
        'Tăng cường tìm hiểu và đề xuất các sáng kiến mới trong triển khai công tác CCHC. Đề xuất ít nhất một sáng kiến có khả năng ứng dụng, đạt hiệu quả trong công tác nâng cao chỉ số CCHC của UBND xã và gửi về cơ quan cấp trên.',
      lead: 'Cán bộ, công chức xã',
      timeText: 'Trước ngày 30/05/{year}',
      due: '05-30',
      target: 'Ít nhất 01 sáng kiến',
    },
    { code: '2', title: 'Văn phòng - Thống kê' },
    {
      code: '2.a',
      title:
        'Đôn đốc nhắc nhở Bộ phận một cửa trong việc giải quyết thủ tục hành chính, tránh để hồ sơ trễ hẹn cho tổ chức công dân. Trường hợp có hồ sơ giải quyết trễ hẹn cho tổ chức, công dân thì phải làm thư xin lỗi người dân theo đúng quy định. Theo dõi và tổng hợp báo cáo kết quả kiểm soát TTHC năm {year}.',
      lead: 'Văn phòng - Thống kê',
      timeText: 'Năm {year}',
      target: '100% hồ sơ TTHC được giải quyết đúng hạn',
    },
    {
      code: '2.b',
      title: 'Đẩy mạnh thực hiện số hóa hồ sơ và số hóa kết quả giải quyết thủ tục hành chính.',
      lead: 'Văn phòng - Thống kê',
      timeText: 'Năm {year}',
      target: 'Đạt 50% trở lên',
    },
    {
      code: '2.c',
      title:
        'Nâng tỉ lệ TTHC có phát sinh giao dịch thanh toán trực tuyến; tỷ lệ hồ sơ thanh toán trực tuyến.',
      lead: 'Văn phòng - Thống kê',
      timeText: 'Năm {year}',
      target: 'Tỷ lệ hồ sơ thanh toán trực tuyến đạt 30% trở lên',
    },
    {
      code: '2.d',
      title:
        'Đẩy mạnh thực hiện tiếp nhận và giải quyết TTHC trực tuyến trên Cổng dịch vụ công quốc gia và Cổng dịch vụ công của tỉnh.',
      lead: 'Văn phòng - Thống kê',
      timeText: 'Năm {year}',
      target:
        'Tỷ lệ dịch vụ công trực tuyến toàn trình đạt 90%, tỷ lệ hồ sơ trực tuyến toàn trình đạt 100%, tỷ lệ dịch vụ công trực tuyến mức độ 3, 4 đạt 70% trở lên',
    },
    { code: '3', title: 'Tư pháp - Hộ tịch' },
    {
      code: '3.a',
      title:
        'Chủ trì phối hợp với các bộ phận có liên quan tham mưu chỉ đạo thực hiện lĩnh vực cải cách thể chế; tổ chức thi hành pháp luật, theo dõi thi hành pháp luật.',
      lead: 'Tư pháp - Hộ tịch',
      partners: 'Các bộ phận có liên quan',
      timeText: 'Năm {year}',
    },
    {
      code: '3.b',
      title: 'Tham mưu cho UBND xã tổ chức triển khai thực hiện các văn bản QPPL của các cấp.',
      lead: 'Tư pháp - Hộ tịch',
      timeText: 'Năm {year}',
    },
    { code: '4', title: 'Văn hóa - Xã hội' },
    {
      code: '4.a',
      title:
        'Tăng cường công tác tuyên truyền cải cách hành chính đa dạng về hình thức, phong phú về nội dung. Thực hiện các nhiệm vụ trong khung kế hoạch tuyên truyền CCHC xã năm {year}.',
      lead: 'Văn hóa - Xã hội',
      timeText: 'Năm {year}',
    },
    {
      code: '4.b',
      title:
        'Theo dõi, phối hợp với Văn phòng - Thống kê đôn đốc nhắc nhở các bộ phận trong việc thực hiện ký số và nâng cao tỉ lệ giải quyết thủ tục hành chính trực tuyến.',
      lead: 'Văn hóa - Xã hội',
      partners: 'Văn phòng - Thống kê',
      timeText: 'Năm {year}',
    },
    { code: '5', title: 'Tài chính - Kế toán' },
    {
      code: '5.a',
      title:
        'Tham mưu thực hiện tốt công tác giải ngân vốn đầu tư phát triển nguồn ngân sách nhà nước hàng năm đạt 100% kế hoạch đề ra.',
      lead: 'Tài chính - Kế toán',
      timeText: 'Trước ngày 15/12/{year}',
      due: '12-15',
      target: 'Đến ngày 15/12 đạt tỷ lệ giải ngân ít nhất 80% so với kế hoạch được giao',
    },
    {
      code: '5.b',
      title:
        'Công khai tình hình đầu tư xây dựng, mua sắm, giao, thuê tài sản công; công khai tình hình sử dụng, thu hồi, điều chuyển, thanh lý, tiêu hủy và các hình thức xử lý khác đối với tài sản công tại cơ quan. Báo cáo tình hình quản lý, sử dụng tài sản công, kiểm kê tài sản hằng năm đầy đủ theo quy định.',
      lead: 'Tài chính - Kế toán',
      timeText: 'Hằng năm',
    },
  ],
};

export const PLAN_TEMPLATE_LIST: readonly PlanTemplate[] = [TCPL_IMPLEMENTATION, CCHC_REMEDIATION];

export function getPlanTemplate(id: PlanTemplateId): PlanTemplate {
  return PLAN_TEMPLATE_LIST.find((t) => t.id === id)!;
}

/** A template's text for a year ("Năm {year}" → "Năm 2026"). */
export function forYear(text: string, year: number): string {
  return text.replaceAll('{year}', String(year));
}
