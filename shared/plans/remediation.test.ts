import { describe, expect, it } from 'vitest';
import { compareItemCodes, groupByOfficerPost, reportTaskLine, type ReportTask } from './remediation.ts';

const task = (code: string, title: string, extra: Partial<ReportTask> = {}): ReportTask => ({
  code,
  title,
  lead: '',
  target: '',
  dueOn: null,
  status: 'not_started',
  ...extra,
});

describe('remediation', () => {
  it('orders item codes as the framework does', () => {
    expect(['2', '1.1.10', '1.1.3', '1.1'].sort(compareItemCodes)).toEqual(['1.1', '1.1.3', '1.1.10', '2']);
  });

  it('prints a task with its target and deadline', () => {
    expect(
      reportTaskLine(task('1', 'Khắc phục mục 1.1.3.', { target: 'đạt 100%', dueOn: '2023-05-30' })),
    ).toBe('Khắc phục mục 1.1.3; chỉ tiêu: đạt 100%; hoàn thành trước ngày 30/05/2023.');
  });

  it('groups by officer post (lead, or a heading named after a post), general tasks first, cancelled left out', () => {
    const grouped = groupByOfficerPost([
      task('1', 'Rà soát chung'),
      task('2', 'Văn phòng - Thống kê'),
      task('2.a', 'Số hóa hồ sơ'),
      task('3', 'Ký số văn bản', { lead: 'Văn phòng - Thống kê' }),
      task('4', 'Công khai tài sản', { lead: 'Tài chính - Kế toán' }),
      task('5', 'Kế hoạch rà soát', { lead: 'Tư pháp - Hộ tịch' }),
      task('6', 'Việc đã hủy', { lead: 'Tư pháp - Hộ tịch', status: 'cancelled' }),
      task('7', 'Việc của trưởng thôn', { lead: 'Trưởng thôn' }),
    ]);
    expect(grouped).toEqual({
      general: ['Rà soát chung.'],
      departments: [
        { department: 'Văn phòng - Thống kê', tasks: ['Số hóa hồ sơ.', 'Ký số văn bản.'] },
        { department: 'Tư pháp - Hộ tịch', tasks: ['Kế hoạch rà soát.'] },
        { department: 'Tài chính - Kế toán', tasks: ['Công khai tài sản.'] },
        { department: 'Trưởng thôn', tasks: ['Việc của trưởng thôn.'] },
      ],
    });
  });
});
