import { describe, expect, it } from 'vitest';
import { getBuiltinFramework } from '../frameworks/registry.ts';
import {
  boundInputsOf,
  evaluationRange,
  formatMeasureValue,
  isComputedValue,
  measureRowsLink,
} from './bound-inputs.ts';

describe('bound inputs', () => {
  it('lists the built-in bindings in framework order', () => {
    expect(boundInputsOf(getBuiltinFramework('TCPL-2021')).map((b) => [b.inputId, b.measure])).toEqual([
      ['1.1.1.daBanHanh', 'books.vbqpplIssued'],
      ['1.1.2.dungQuyDinh', 'books.vbqpplLawful'],
      ['1.2.dungQuyDinh', 'books.adminDocsLawful'],
      ['2.1.congKhai', 'books.publishedOnTime'],
      ['2.2.dungHan', 'books.infoRequestsOnTime'],
      ['2.3.1.ngayBanHanh', 'plans.pbgdplIssuedOn'],
      ['2.3.1.hanBanHanh', 'plans.pbgdplIssueDue'],
      ['2.3.2.hoanThanh', 'plans.pbgdplTasksDone'],
      ['2.4.hieuQua', 'surveys.mau04Effective'],
      ['2.5.tapHuan', 'books.propagandistsTrained'],
      ['2.6.1.kinhPhi', 'books.pbgdplFunding'],
      ['3.1.1.daHoaGiai', 'books.mediationTimely'],
      ['3.1.2.thanh', 'books.mediationSuccessful'],
      ['3.2.duocHoTro', 'books.mediationTeamsFunded'],
      ['3.3.hoatDong', 'books.legalAidInfo'],
      ['4.1.doiThoai', 'books.dialogues'],
      ['4.2.banQuyetDinh', 'books.democracyDecide'],
      ['4.3.bieuQuyet', 'books.democracyVote'],
      ['4.4.thamGiaYKien', 'books.democracyComment'],
      ['4.5.giamSat', 'books.democracySupervise'],
      ['5.1.dungQuyDinh', 'books.petitionsLawful'],
      ['5.2.dungHan', 'tthc.onTime'],
      ['5.3.coKyLuat', 'books.officialsDisciplined'],
    ]);
    expect(boundInputsOf(getBuiltinFramework('CCHC-XA-MAU')).map((b) => b.node.code)).toEqual([
      '1.1.1',
      '1.1.1',
      '1.1.2',
      '1.1.3',
      '1.2',
      '2.1',
      '2.2.2',
      '3.2',
      '3.11.1',
      '3.11.2',
      '3.12.3',
      '3.13.1',
      '3.13.2',
      '7.1',
      '8.1',
      '9',
    ]);
  });

  it('a date is the computed one when it is the same day; no date in the register equals nothing entered', () => {
    expect(isComputedValue('2026-01-05', '2026-01-05')).toBe(true);
    expect(isComputedValue('2026-01-06', '2026-01-05')).toBe(false);
    expect(isComputedValue(undefined, null)).toBe(true);
    expect(isComputedValue('', null)).toBe(true);
    expect(isComputedValue('2026-01-05', null)).toBe(false);
    expect(formatMeasureValue('2026-01-05')).toBe('05/01/2026');
    expect(isComputedValue(true, true)).toBe(true);
    expect(isComputedValue(false, true)).toBe(false);
    expect(formatMeasureValue(false)).toBe('Không');
  });

  it('a value typed as text is the computed value when the numbers are equal', () => {
    const computed = { numerator: 1707, denominator: 1757 };
    expect(isComputedValue({ numerator: '1707', denominator: '1757.0' }, computed)).toBe(true);
    expect(isComputedValue({ numerator: 1755, denominator: 1757 }, computed)).toBe(false);
    expect(isComputedValue({ numerator: '1707' }, computed)).toBe(false);
    expect(isComputedValue('abc', 3)).toBe(false);
    expect(isComputedValue('3', 3)).toBe(true);
  });

  it('compares yes/no and lists of documents (dates, not titles) with the computed value', () => {
    expect(isComputedValue(false, false)).toBe(true);
    expect(isComputedValue(true, false)).toBe(false);
    expect(isComputedValue('false', false)).toBe(false);
    const docs = [
      { title: 'Báo cáo quý I', dueOn: '2026-03-31', issuedOn: '2026-03-30' },
      { title: 'Báo cáo năm', dueOn: '2026-12-15', issuedOn: null },
    ];
    expect(isComputedValue([docs[1], { ...docs[0], title: 'BC quý I' }], docs)).toBe(true);
    expect(isComputedValue([docs[0], { ...docs[1], issuedOn: '2026-12-10' }], docs)).toBe(false);
    expect(isComputedValue([docs[0]], docs)).toBe(false);
    expect(formatMeasureValue(docs)).toBe('1/2 đúng hạn');
    expect(formatMeasureValue([{ onTime: true }])).toBe('1/1 đúng hạn');
    expect(formatMeasureValue(true)).toBe('Có');
    expect(measureRowsLink('u1', 'books.reportsSent', evaluationRange(2026))).toBe(
      '/so-sach?kind=document&unitId=u1&measure=books.reportsSent&from=2026-01-01&to=2026-12-31',
    );
  });

  it('reads the Vietnamese way, and links to the year of the commune', () => {
    expect(formatMeasureValue({ numerator: 1707, denominator: '1757' })).toBe('1.707/1.757');
    expect(formatMeasureValue(12)).toBe('12');
    expect(measureRowsLink('u1', 'tthc.onTime', evaluationRange(2026))).toBe(
      '/so-tthc?unitId=u1&measure=tthc.onTime&from=2026-01-01&to=2026-12-31',
    );
  });

  it("links a plan measure to the plan it was computed from, or before that to the unit's plans of the year", () => {
    expect(measureRowsLink('u1', 'plans.pbgdplTasksDone', evaluationRange(2026), 'p1')).toBe(
      '/ke-hoach/p1?measure=plans.pbgdplTasksDone',
    );
    expect(measureRowsLink('u1', 'plans.cchcTasksDone', evaluationRange(2026))).toBe(
      '/ke-hoach?unitId=u1&measure=plans.cchcTasksDone&year=2026',
    );
  });
});
