import { describe, expect, it } from 'vitest';
import { getBuiltinFramework } from '@shared/frameworks/registry.ts';
import { scoreEvaluation } from '@shared/scoring/index.ts';
import { docxParagraphs } from '@server/platform/documents/docx-text.ts';
import { renderDocument } from '../documents.registry.ts';
import { loadExample } from '../test-helpers.ts';
import {
  cchcDeductionsView,
  lostItems,
  mau01View,
  mau02View,
  mau03View,
  mau07View,
  type EvaluationFacts,
} from './evaluation-views.ts';
import { summarisePeriod } from '@shared/evaluations/period-summary.ts';
import {
  mau05View,
  mau06View,
  mau08View,
  mau09View,
  mau10View,
  type PeriodFacts,
  type PeriodUnitResult,
} from './period-views.ts';
import { asciiFileName } from './naming.ts';

const tcpl = getBuiltinFramework('TCPL-2021');
const cchc = getBuiltinFramework('CCHC-XA-MAU');
const example000 = scoreEvaluation(tcpl, loadExample('score-tcpl-2021-000-criteria'));

function facts(over: Partial<EvaluationFacts> = {}): EvaluationFacts {
  return {
    unit: { name: 'Phường Long Hoa', kind: 'phuong' },
    parent: { name: 'Tỉnh Tây Ninh', kind: 'tinh' },
    organiser: { name: 'Tỉnh Tây Ninh', kind: 'tinh' },
    year: 2023,
    displayRounding: tcpl.rounding.display,
    submitted: example000,
    narrative: {
      advantages: 'Thuận lợi 1\nThuận lợi 2',
      difficulties: 'Hạn chế',
      goals: 'Mục tiêu',
      plan: 'Kế hoạch',
    },
    submittedOn: '2023-12-19',
    submittedBy: 'Nguyễn Văn A',
    appraised: null,
    appraisedOn: null,
    councilName: null,
    councilChair: null,
    owners: {},
    ...over,
  };
}

describe('Mẫu 01 from the stored result', () => {
  it('gives 10/10, 30/30, 14/15, 20/20, 25/25, 05/05 criteria, 99/100 and 03/03 conditions for example 000', async () => {
    const view = mau01View(facts());
    expect(view.criteria.map((c) => `${c.points}/${c.maxPoints}`)).toEqual([
      '10/10',
      '30/30',
      '14/15',
      '20/20',
      '25/25',
    ]);
    expect(view.criteria.map((c) => [c.indicatorsAtMax, c.indicatorCount])).toEqual([
      [2, 2],
      [6, 6],
      [0, 3], // entered as a whole and not full: no indicator is known to be at its maximum
      [5, 5],
      [4, 4],
    ]);
    expect(view.conditions).toMatchObject({
      criteriaAtHalf: 5,
      totalPoints: example000.total,
      totalRounded: true,
      headsDisciplined: false,
      conditionsMet: 3,
      conditionsTotal: 3,
    });
    const text = await docxParagraphs((await renderDocument('mau-01', view, 'docx')).buffer);
    // Every value of the built-in TCPL-2021 is provisional (ADR 0015): each figure says so.
    expect(text).toContain('- Số điểm đạt được của tiêu chí: 14/15 điểm (tạm tính).');
    expect(text).toContain('a) Số tiêu chí đạt từ 50% số điểm tối đa trở lên: 05/05 tiêu chí.');
    expect(text).toContain(
      'b) Tổng điểm số đạt được của các tiêu chí: 99/100 điểm (tạm tính) (sau khi làm tròn).',
    );
    expect(text.some((t) => t.endsWith('Đáp ứng được 03/03 điều kiện (tạm tính).'))).toBe(true);
    expect(text.some((t) => t.startsWith('Ghi chú: giá trị ghi “(tạm tính)”'))).toBe(true);
    expect(text).toContain('Thuận lợi 2');
    // The commune committee's own report: no "UBND TỈNH …" line above it (ND 30 box 2).
    expect(text[0]).toBe('ỦY BAN NHÂN DÂN\nPHƯỜNG LONG HOA');
    expect(text).not.toContain('UBND TỈNH TÂY NINH');
    // Criterion 5 states the indicators at 50 % or more, as example 000 does.
    const c5 = text.indexOf('đ) Đối với tiêu chí 5:');
    expect(text.slice(c5, c5 + 4)).toEqual([
      'đ) Đối với tiêu chí 5:',
      '- Số chỉ tiêu đạt điểm tối đa: 04/04 chỉ tiêu.',
      '- Số chỉ tiêu đạt từ 50% số điểm tối đa trở lên: 04/04 chỉ tiêu.',
      '- Số điểm đạt được của tiêu chí: 25/25 điểm (tạm tính).',
    ]);
    expect(text.filter((t) => t.startsWith('- Số chỉ tiêu đạt từ 50%'))).toHaveLength(1);
  });

  it('states the veto when a head was disciplined and counts the conditions met', () => {
    const vetoed = scoreEvaluation(tcpl, {
      ...loadExample('score-tcpl-2021-000-criteria'),
      facts: { headDisciplined: true },
    });
    const view = mau01View(facts({ submitted: vetoed }));
    expect(view.conditions.headsDisciplined).toBe(true);
    expect(view.conditions.conditionsMet).toBe(vetoed.conditions.filter((c) => c.met).length);
    expect(view.conditions.conditionsMet).toBe(2);
  });
});

describe('score tables', () => {
  it('Mẫu 02 carries each criterion and the total of the result', () => {
    const view = mau02View(facts());
    expect(view.total).toEqual({ maxPoints: '100', points: example000.total, provisional: true });
    expect(view.criteria.map((c) => c.points)).toEqual(example000.criteria.map((c) => c.points));
    // Full criterion 1 entered as a whole: each indicator at its maximum.
    expect(view.criteria[0]!.indicators.map((i) => i.points)).toEqual(['3', '7']);
    // Criterion 3 (14/15) entered as a whole: one row saying so.
    expect(view.criteria[2]!.indicators).toHaveLength(1);
    expect(view.criteria[2]!.indicators[0]!.points).toBe('14');
  });

  it('Mẫu 07 puts the appraised points beside the self-assessed ones', async () => {
    const appraised = scoreEvaluation(tcpl, {
      points: { 1: 10, 2: 28, 3: 14, 4: 20, 5: 25 },
      facts: { headDisciplined: false },
    });
    const view = mau07View(facts({ appraised, appraisedOn: '2024-01-10', councilChair: 'Trần Văn B' }));
    expect(view.total).toEqual({ maxPoints: '100', points: '99', appraisedPoints: '97', provisional: true });
    expect(view.criteria[1]!.appraisedPoints).toBe('28');
    const text = await docxParagraphs((await renderDocument('mau-07', view, 'docx')).buffer);
    expect(text).toContain('97');
    expect(() => mau07View(facts())).toThrow('chưa được thẩm định');
  });
});

describe('Mẫu 03', () => {
  it('marks each answer tiếp thu or giải trình as the commune chose, whatever its first words', async () => {
    const view = mau03View(facts(), { from: '2023-12-01', to: '2023-12-05' }, [
      // Accepted although the text does not begin with "Tiếp thu" (the pilot's complaint)…
      { author: 'Ông A', content: 'Ý kiến 1', response: 'UBND xã ghi nhận, đã sửa.', kind: 'accepted' },
      // …and explained although it does.
      {
        author: 'Bà B',
        content: 'Ý kiến 2',
        response: 'Tiếp thu ý kiến nhưng số liệu đúng.',
        kind: 'explained',
      },
    ]);
    expect(view.comments.map((c) => c.accepted)).toEqual([true, false]);
    expect(view.posting).toMatchObject({ from: '2023-12-01', to: '2023-12-05' });
    const text = await docxParagraphs((await renderDocument('mau-03', view, 'docx')).buffer);
    expect(text).toContain('Tiếp thu: UBND xã ghi nhận, đã sửa.');
    expect(text).toContain('Giải trình: Tiếp thu ý kiến nhưng số liệu đúng.');
    expect(text.join(' ')).toContain('đã tiếp thu 01/02 ý kiến; giải trình 01/02 ý kiến');
  });
});

describe('CCHC deductions report', () => {
  const result = scoreEvaluation(cchc, loadExample('score-cchc-xa-mau-004'));
  it('has the total, the rank and every item that lost points with the engine reason', () => {
    const view = cchcDeductionsView(
      facts({ unit: { name: 'Xã Vĩnh Long', kind: 'xa' }, submitted: result, appraised: result, year: 2022 }),
      { decision: null, rank: { rank: 8, of: 18 }, date: '2023-12-26' },
    );
    expect(view.result).toMatchObject({ points: '84.66', rank: 8, of: 18 });
    const lost = lostItems(result);
    expect(view.deductions).toHaveLength(lost.length);
    const item = view.deductions.find((d) => d.code === '1.1.3')!;
    expect(item).toMatchObject({ pointsLost: '-0.5', maxPoints: '2' });
    expect(item.reason).toContain('30/33');
    expect(view.generalTasks).toEqual([]);
    expect(view.actionIntro).toContain('Chưa có nhiệm vụ khắc phục');
  });
});

describe('period documents', () => {
  const achieved = scoreEvaluation(tcpl, loadExample('score-tcpl-2021-000-criteria'));
  const low = scoreEvaluation(tcpl, {
    points: { 1: 4, 2: 30, 3: 14, 4: 20, 5: 25 },
    facts: { headDisciplined: false },
  });
  const period: PeriodFacts = {
    year: 2023,
    frameworkCode: 'TCPL-2021',
    organiser: { name: 'Tỉnh Tây Ninh', kind: 'tinh' },
    organiserParent: null,
    legalBasis: tcpl.legalBasis,
    evaluations: [
      {
        id: 'e1',
        unit: { name: 'Phường Long Hoa', kind: 'phuong' },
        state: 'decided_achieved',
        selfTotal: '99',
        appraised: achieved,
      },
      {
        id: 'e2',
        unit: { name: 'Xã Trường Tây', kind: 'xa' },
        state: 'decided_not_achieved',
        selfTotal: '95',
        appraised: low,
      },
    ],
  };
  const decision = {
    number: '12/QĐ-UBND',
    signedOn: '2024-01-20',
    signerName: 'Lê Văn C',
    signerTitle: 'Chủ tịch',
  };

  it('Mẫu 05: members present, opinions by majority, appraised points', async () => {
    const view = mau05View(period, {
      name: 'Hội đồng đánh giá chuẩn tiếp cận pháp luật tỉnh Tây Ninh',
      members: [
        { id: 'm1', name: 'Chủ', position: 'Giám đốc', role: 'chair' },
        { id: 'm2', name: 'Ký', position: 'Chuyên viên', role: 'secretary' },
        { id: 'm3', name: 'Viên', position: 'Phó Giám đốc', role: 'member' },
      ],
      meeting: {
        mode: 'meeting',
        heldOn: '2024-01-15',
        location: null,
        presentMemberIds: ['m1', 'm2'],
        conclusions: null,
        startTime: null,
        endTime: null,
        chairMemberId: null,
        secretaryMemberId: null,
      },
      opinions: [
        { memberId: 'm1', evaluationId: 'e1', opinion: 'achieved', comment: null },
        { memberId: 'm2', evaluationId: 'e1', opinion: 'achieved', comment: null },
        { memberId: 'm1', evaluationId: 'e2', opinion: 'not_achieved', comment: null },
      ],
    });
    expect(view.members.map((m) => m.present)).toEqual([true, true, false]);
    expect(view.units).toMatchObject([
      { name: 'Phường Long Hoa', appraisedPoints: '99', achieved: true, note: '2/2 ý kiến đạt' },
      { name: 'Xã Trường Tây', appraisedPoints: '93', achieved: false },
    ]);
    // Hours nobody entered are left blank, never invented.
    expect(view.meeting.start).toBeUndefined();
    expect(view.meeting.end).toBeUndefined();
    const text = await docxParagraphs((await renderDocument('mau-05', view, 'docx')).buffer);
    expect(text.some((t) => t.startsWith('Vào hồi … giờ … phút, ngày 15 tháng 01 năm 2024'))).toBe(true);
    expect(text.some((t) => t.startsWith('Cuộc họp kết thúc vào hồi … giờ … phút'))).toBe(true);
  });

  it('Mẫu 05 is signed by the members who chaired and took the minutes, never an absent one', () => {
    const members = [
      { id: 'm1', name: 'Chủ', position: 'Giám đốc', role: 'chair' },
      { id: 'm2', name: 'Ký', position: 'Chuyên viên', role: 'secretary' },
      { id: 'm3', name: 'Phó', position: 'Phó Giám đốc', role: 'vice_chair' },
      { id: 'm4', name: 'Viên', position: 'Trưởng phòng', role: 'member' },
    ];
    const meeting = {
      mode: 'meeting' as const,
      heldOn: '2024-01-15',
      location: null,
      presentMemberIds: ['m1', 'm3', 'm4'],
      conclusions: null,
      startTime: '14:00',
      endTime: '16:30',
      chairMemberId: 'm1',
      secretaryMemberId: 'm4',
    };
    const view = mau05View(period, { name: 'Hội đồng', members, meeting, opinions: [] });
    expect(view.chair.name).toBe('Chủ');
    expect(view.secretary.name).toBe('Viên');
    expect(view.meeting).toMatchObject({ start: '14:00', end: '16:30' });
    // An older meeting without signers: the absent secretary is not printed; the minutes are refused.
    expect(() =>
      mau05View(period, {
        name: 'Hội đồng',
        members,
        meeting: { ...meeting, chairMemberId: null, secretaryMemberId: null },
        opinions: [],
      }),
    ).toThrow('thư ký có mặt');
  });

  it('Mẫu 08 lists achieved and not achieved with the reason; Mẫu 10 gives 1/2, 50%', async () => {
    const m08 = mau08View(period, decision);
    expect(m08.header).toMatchObject({ number: 12, symbol: 'QĐ-UBND', date: '2024-01-20' });
    expect(m08.achieved).toEqual([{ name: 'Phường Long Hoa', points: '99' }]);
    expect(m08.notAchieved[0]!.reason).toContain('tiêu chí 1: 4/10 điểm');
    const m10 = mau10View(period, unitsOf(period), decision, '2024-01-25');
    expect(m10.unitNoun).toBe('xã, phường');
    const text = await docxParagraphs((await renderDocument('mau-10', m10, 'docx')).buffer);
    expect(text.some((t) => t.includes('1/2 xã, phường đạt chuẩn, tỷ lệ 50%'))).toBe(true);
    // The province's committee reports in its own name: no line above it.
    expect(text[0]).toBe('ỦY BAN NHÂN DÂN\nTỈNH TÂY NINH');
    expect(text).toContain(
      'Trên đây là báo cáo kết quả đánh giá, công nhận xã, phường, thị trấn đạt chuẩn tiếp cận pháp luật năm 2023 trên địa bàn tỉnh Tây Ninh./.',
    );
  });

  it('Mẫu 08: the chairman signs his decision "CHỦ TỊCH"; bases, executors and units as the framework names them', async () => {
    const m08 = mau08View(
      { ...period, organiserParent: null },
      { ...decision, signerTitle: 'Chủ tịch UBND tỉnh' },
    );
    expect(m08.signature).toEqual({ title: 'CHỦ TỊCH', name: 'Lê Văn C' });
    const t = await docxParagraphs((await renderDocument('mau-08', m08, 'docx')).buffer);
    expect(t[0]).toBe('ỦY BAN NHÂN DÂN\nTỈNH TÂY NINH');
    expect(t).toContain('CHỦ TỊCH');
    expect(t).not.toContain('TM. ỦY BAN NHÂN DÂN');
    expect(t).toContain(
      'Căn cứ Quyết định số 25/2021/QĐ-TTg ngày 22 tháng 7 năm 2021 của Thủ tướng Chính phủ quy định về xã, phường, thị trấn đạt chuẩn tiếp cận pháp luật;',
    );
    expect(
      t.some((p) =>
        p.includes('Thông tư số 09/2021/TT-BTP ngày 15 tháng 11 năm 2021 của Bộ trưởng Bộ Tư pháp hướng dẫn'),
      ),
    ).toBe(true);
    expect(t.some((p) => p.includes('Giám đốc Sở Tư pháp tỉnh Tây Ninh,'))).toBe(true);
    expect(t.join('\n')).not.toMatch(/Giám đốc \(Trưởng phòng\)|quyết định quy định/);
    expect(t.some((p) => p.startsWith('Điều 1. Công nhận 01 xã, phường, thị trấn đạt chuẩn'))).toBe(true);

    const vice = mau08View(period, { ...decision, signerTitle: 'Phó Chủ tịch' });
    expect(vice.signature.title).toBe('KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH');
    const district = mau08View(
      { ...period, organiser: { name: 'Thị xã Hòa Thành', kind: 'thi_xa' } },
      decision,
    );
    expect(district.executors).toContain('Trưởng Phòng Tư pháp thị xã Hòa Thành');
    const tcpl2025 = mau08View({ ...period, frameworkCode: 'TCPL-2025' }, decision);
    expect(tcpl2025.unitNoun).toBe('xã, phường, đặc khu');
    const t25 = await docxParagraphs((await renderDocument('mau-08', tcpl2025, 'docx')).buffer);
    expect(t25).toContain('Về việc công nhận xã, phường, đặc khu đạt chuẩn');
    // Only the (2021) bases of this test period still say "thị trấn".
    expect(t25.filter((p) => !p.startsWith('Căn cứ')).join('\n')).not.toContain('thị trấn');
  });

  it('Mẫu 06 from written opinions: a questionnaire per member, the summary by majority; refused after a meeting', async () => {
    const council = {
      name: 'Hội đồng đánh giá chuẩn tiếp cận pháp luật tỉnh Tây Ninh',
      members: [
        { id: 'm1', name: 'Nguyễn Văn A', position: 'Chủ tịch Hội đồng', role: 'chair' },
        { id: 'm2', name: 'Trần Thị B', position: 'Thư ký', role: 'secretary' },
        { id: 'm3', name: 'Lê Văn D', position: 'Thành viên', role: 'member' },
      ],
      meeting: {
        mode: 'written' as const,
        heldOn: '2024-01-10',
        location: null,
        presentMemberIds: [],
        conclusions: null,
        startTime: null,
        endTime: null,
        chairMemberId: null,
        secretaryMemberId: null,
      },
      opinions: [
        { memberId: 'm1', evaluationId: 'e1', opinion: 'achieved' as const, comment: null },
        {
          memberId: 'm1',
          evaluationId: 'e2',
          opinion: 'not_achieved' as const,
          comment: 'Tiêu chí 1 chưa đạt',
        },
        { memberId: 'm2', evaluationId: 'e1', opinion: 'achieved' as const, comment: null },
        { memberId: 'm2', evaluationId: 'e2', opinion: 'not_achieved' as const, comment: null },
      ],
    };
    const view = mau06View(period, council);
    expect(view.questionnaires.map((q) => q.member.name)).toEqual(['Nguyễn Văn A', 'Trần Thị B']);
    expect(view.summary).toMatchObject([
      { unit: 'Phường Long Hoa', achievedOpinions: 2, notAchievedOpinions: 0, proposedAchieved: true },
      {
        unit: 'Xã Trường Tây',
        achievedOpinions: 0,
        notAchievedOpinions: 2,
        comments: ['Nguyễn Văn A: Tiêu chí 1 chưa đạt'],
        proposedAchieved: false,
      },
    ]);
    expect(view.signature).toEqual({ authority: 'TM. HỘI ĐỒNG', title: 'CHỦ TỊCH', name: 'Nguyễn Văn A' });
    const t = await docxParagraphs((await renderDocument('mau-06', view, 'docx')).buffer);
    expect(t.some((p) => p.includes('02/03 thành viên gửi ý kiến') && p.includes('01/02 đơn vị'))).toBe(true);
    expect(() => mau06View(period, { ...council, meeting: { ...council.meeting, mode: 'meeting' } })).toThrow(
      'Mẫu 05',
    );
  });

  it("Mẫu 09 carries summarisePeriod as it is, under the committee's own name", async () => {
    const summary = summarisePeriod(period.evaluations.map((e) => ({ state: e.state, result: e.appraised })));
    const distribution = [{ from: '90', to: '100', count: 2 }];
    const view = mau09View(period, { summary, distribution }, '2024-02-01');
    expect(view.distribution).toEqual(distribution);
    expect(view.header.parentAgency).toBeUndefined();
    expect(view.counts).toMatchObject({
      communes: 2,
      decidedAchieved: 1,
      decidedTotal: 2,
      percentAchieved: '50',
    });
    expect(view.rows.map((r) => r.code)).toEqual(summary.rows.map((r) => r.code));
    expect(view.rows[0]).toMatchObject({ code: '1', atMax: 1, passed: 1, average: summary.rows[0]!.average });
    const t = await docxParagraphs((await renderDocument('mau-09', view, 'docx')).buffer);
    expect(t.some((p) => p.includes('01/02 đơn vị được công nhận') && p.includes('tỷ lệ 50%'))).toBe(true);
  });

  it('Mẫu 10 counts every unit of the period, a unit left without a decision as not achieved', () => {
    const stranded = {
      ...period,
      evaluations: [
        ...period.evaluations,
        {
          id: 'e3',
          unit: { name: 'Xã An Tịnh', kind: 'xa' },
          state: 'under_appraisal',
          selfTotal: '90',
          appraised: null,
        },
      ],
    };
    const m10 = mau10View(stranded, unitsOf(stranded), decision, '2024-01-25');
    expect(m10.units.map((u) => [u.name, u.achieved])).toEqual([
      ['Phường Long Hoa', true],
      ['Xã An Tịnh', false],
      ['Xã Trường Tây', false],
    ]);
  });
});

/** The units as the analytics query layer gives them (appraised total, else the self total). */
function unitsOf(p: PeriodFacts): PeriodUnitResult[] {
  return p.evaluations.map((e) => ({
    unit: e.unit,
    total: e.appraised?.total ?? e.selfTotal,
    decided: e.state.startsWith('decided_'),
    achieved: e.state === 'decided_achieved',
  }));
}

describe('file names', () => {
  it('names the entries of the bulk ZIP in ASCII', () => {
    expect(asciiFileName('Báo cáo Mẫu 01 - Phường Đức Xuân 2026.docx')).toBe(
      'Bao-cao-Mau-01-Phuong-Duc-Xuan-2026.docx',
    );
  });
});
