import { describe, expect, it } from 'vitest';
import { permissionsOf } from '@shared/access/roles.ts';
import { buildTasks, describeDue, type TaskEvaluation, type TaskPeriod } from './tasks.ts';

const period: TaskPeriod = {
  id: 'p1',
  name: 'Đánh giá năm 2026',
  steps: ['self-assessment', 'posting', 'appraisal', 'council', 'decision'],
  appraisalDue: '2026-12-20',
  decisionDue: '2026-12-30',
};
const evaluation = (id: string, state: TaskEvaluation['state']): TaskEvaluation => ({
  id,
  state,
  unit: { name: `Xã ${id}` },
  period: { id: 'p1', name: period.name, selfAssessmentDue: '2026-12-02', submissionDue: '2026-12-10' },
});

describe('describeDue', () => {
  it('counts days left, today and overdue', () => {
    expect(describeDue('2026-11-27', '2026-12-02')).toEqual({
      text: 'còn 5 ngày (hạn 02/12/2026)',
      overdue: false,
    });
    expect(describeDue('2026-12-02', '2026-12-02').text).toBe('hạn cuối hôm nay (02/12/2026)');
    expect(describeDue('2026-12-05', '2026-12-02')).toEqual({
      text: 'quá hạn 3 ngày (hạn 02/12/2026)',
      overdue: true,
    });
  });
});

describe('buildTasks', () => {
  const evaluations = [
    evaluation('a', 'draft'),
    evaluation('b', 'submitted'),
    evaluation('c', 'returned'),
    evaluation('d', 'under_appraisal'),
    evaluation('e', 'under_appraisal'),
    evaluation('f', 'appraised'),
  ];
  const titles = (role: Parameters<typeof permissionsOf>[0]) =>
    buildTasks({ permissions: permissionsOf(role), evaluations, periods: [period] }).map((t) => t.title);

  it('gives the commune its own steps', () => {
    expect(titles('commune_officer')).toEqual(['Tự đánh giá', 'Giải trình theo yêu cầu']);
    expect(titles('commune_chairman')).toEqual([
      'Tự đánh giá và chốt kết quả',
      'Chốt và niêm yết công khai',
      'Giải trình theo yêu cầu',
    ]);
  });

  it("asks the commune to answer citizens' comments still without a response", () => {
    const waiting = { ...evaluation('g', 'posted'), unansweredComments: 2, postingUntil: '2026-12-06' };
    const answered = { ...evaluation('h', 'posted'), unansweredComments: 0 };
    const tasksOf = (role: Parameters<typeof permissionsOf>[0]) =>
      buildTasks({ permissions: permissionsOf(role), evaluations: [waiting, answered], periods: [period] });
    const chairman = tasksOf('commune_chairman').filter((t) => t.key.endsWith(':comments'));
    expect(chairman).toEqual([
      {
        key: 'g:comments',
        title: '2 ý kiến người dân chờ tiếp thu, giải trình',
        detail: 'Xã g · Đánh giá năm 2026',
        due: '2026-12-06',
        link: '/danh-gia/g?tab=y-kien',
      },
    ]);
    expect(tasksOf('commune_officer').map((t) => t.title)).toContain(
      '2 ý kiến người dân chờ tiếp thu, giải trình',
    );
    expect(tasksOf('province_reviewer').some((t) => t.key.endsWith(':comments'))).toBe(false);
  });

  it('counts the province work per period', () => {
    expect(titles('province_reviewer')).toEqual(['Thẩm định 2 hồ sơ']);
    expect(titles('council_member')).toEqual(['Họp Hội đồng: 1 hồ sơ đã thẩm định']);
    expect(titles('province_admin')).toEqual([
      'Thẩm định 2 hồ sơ',
      'Họp Hội đồng: 1 hồ sơ đã thẩm định',
      'Quyết định công nhận: 1 hồ sơ',
    ]);
    expect(titles('viewer')).toEqual([]);
  });

  it('skips the council for frameworks without one', () => {
    const tasks = buildTasks({
      permissions: permissionsOf('council_secretary'),
      evaluations,
      periods: [{ ...period, steps: period.steps.filter((s) => s !== 'council') }],
    });
    expect(tasks).toEqual([]);
  });
});

describe('buildTasks: plan tasks', () => {
  it('lists the unit’s plan tasks by their deadline, overdue ones named so, each opening its plan', () => {
    const tasks = buildTasks({
      permissions: permissionsOf('commune_officer'),
      evaluations: [],
      periods: [],
      planTasks: [
        {
          planId: 'k1',
          planTitle: 'Phổ biến, giáo dục pháp luật năm 2026',
          taskId: 't2',
          code: '2.a',
          title: 'Tổ chức hội nghị',
          deadline: '2026-12-07',
          isOverdue: false,
          unit: { name: 'Phường Đức Xuân' },
        },
        {
          planId: 'k1',
          planTitle: 'Phổ biến, giáo dục pháp luật năm 2026',
          taskId: 't1',
          code: '1',
          title: 'Ban hành kế hoạch',
          deadline: '2026-11-20',
          isOverdue: true,
          unit: { name: 'Phường Đức Xuân' },
        },
      ],
    });
    expect(tasks.map((t) => [t.title, t.due, t.link])).toEqual([
      ['Nhiệm vụ quá hạn 1: Ban hành kế hoạch', '2026-11-20', '/ke-hoach/k1'],
      ['Nhiệm vụ kế hoạch 2.a: Tổ chức hội nghị', '2026-12-07', '/ke-hoach/k1'],
    ]);
    expect(tasks[0]!.detail).toBe('Phường Đức Xuân · Phổ biến, giáo dục pháp luật năm 2026');
  });
});
