/**
 * The books' measures (shared/registers/measures.ts, register 'books'): one set of SQL conditions
 * per measure over a record `r` of `book_records` (its facts in the jsonb `r.data`), stating which
 * rows a measure counts and which of them are hits. The value (one aggregation) and the drill-down
 * list (/so-sach?measure=…) are both built from them, so "tính từ N bản ghi" is the list's length.
 * docs/adr/0014-books.md.
 */
import { sql, type RawBuilder } from 'kysely';
import { BOOK_MEASURE_KIND, type BooksMeasureId } from '@shared/books/measures.ts';
import type { MeasureDocument, MeasureValue } from '@shared/evaluations/bound-inputs.ts';
import { MEASURES, type DateRange } from '@shared/registers/measures.ts';
import type { Executor } from '@server/db/executor.ts';

export type { BooksMeasureId };
type Condition = RawBuilder<boolean>;

const text = (f: string) => sql<string>`(r.data->>${f})`;
const date = (f: string) => sql<string>`((r.data->>${f})::date)`;
const flag = (f: string) => sql<boolean>`coalesce((r.data->>${f})::boolean, false)`;
const within = (f: string, range: DateRange) =>
  sql<boolean>`(${date(f)} between ${range.from}::date and ${range.to}::date)`;
/** Active during the range: started by its end, not ended before its start. */
const activeIn = (start: string, end: string, range: DateRange) =>
  sql<boolean>`(${date(start)} <= ${range.to}::date and (${date(end)} is null or ${date(end)} >= ${range.from}::date))`;

export interface BooksMeasureConditions {
  rows: Condition;
  /** Ratios: the numerator's rows among `rows`. */
  hit?: Condition;
}

/** The rows a measure counts over `range` (the kind is added by the callers), and its hits. */
export function booksMeasureConditions(measure: BooksMeasureId, range: DateRange): BooksMeasureConditions {
  switch (measure) {
    case 'books.vbqpplIssued':
      return {
        rows: sql`(${text('loai')} = 'vbqppl' and ${within('hanBanHanh', range)})`,
        hit: sql`(${date('ngayBanHanh')} <= ${range.to}::date)`,
      };
    case 'books.vbqpplLawful':
      return {
        rows: sql`(${text('loai')} = 'vbqppl' and ${within('ngayBanHanh', range)})`,
        hit: sql`(not ${flag('traiPhapLuat')})`,
      };
    case 'books.adminDocsLawful':
      return {
        rows: sql`(${text('loai')} = 'hanhChinh' and ${within('ngayBanHanh', range)})`,
        hit: sql`(not ${flag('traiPhapLuat')})`,
      };
    case 'books.reviewedDocsHandled':
      return {
        rows: sql`(${flag('phaiXuLy')} and r.record_date between ${range.from}::date and ${range.to}::date)`,
        hit: flag('daXuLy'),
      };
    case 'books.signedDigitally':
      return { rows: within('ngayBanHanh', range), hit: flag('kySo') };
    case 'books.reportsSent':
      return {
        rows: sql`(${text('loai')} = 'baoCao' and ${within('hanBanHanh', range)})`,
        hit: sql`(${date('ngayBanHanh')} <= ${date('hanBanHanh')})`,
      };
    case 'books.publishedOnTime':
      return {
        rows: within('hanCongKhai', range),
        hit: sql`(${date('ngayCongKhai')} <= ${date('hanCongKhai')})`,
      };
    case 'books.infoRequestsOnTime':
      return {
        rows: within('ngayNhan', range),
        hit: sql`(${date('ngayTraLoi')} <= ${date('hanTraLoi')})`,
      };
    case 'books.propagandistsTrained':
      return { rows: activeIn('ngayCongNhan', 'ngayThoiCongNhan', range), hit: within('ngayTapHuan', range) };
    case 'books.pbgdplFunding':
      return { rows: within('ngay', range) };
    case 'books.mediationTimely':
      return {
        rows: within('ngayTiepNhan', range),
        hit: sql`(${text('ketQua')} in ('thanh', 'khongThanh') and ${flag('kipThoi')})`,
      };
    case 'books.mediationSuccessful':
      return {
        rows: sql`(${within('ngayTiepNhan', range)} and ${text('ketQua')} in ('thanh', 'khongThanh'))`,
        hit: sql`(${text('ketQua')} = 'thanh')`,
      };
    case 'books.mediationTeamsFunded':
      return {
        rows: activeIn('ngayThanhLap', 'ngayGiaiThe', range),
        hit: sql`(coalesce((r.data->>'kinhPhi')::bigint, 0) > 0 and ${within('ngayNhanKinhPhi', range)})`,
      };
    case 'books.legalAidInfo':
      return { rows: sql`(${text('loai')} = 'troGiupPhapLy' and ${within('ngay', range)})` };
    case 'books.dialogues':
      return { rows: sql`(${text('loai')} = 'doiThoai' and ${within('ngay', range)})` };
    case 'books.democracyDecide':
    case 'books.democracyVote':
    case 'books.democracyComment':
    case 'books.democracySupervise': {
      const form = {
        'books.democracyDecide': 'quyetDinh',
        'books.democracyVote': 'bieuQuyet',
        'books.democracyComment': 'thamGiaYKien',
        'books.democracySupervise': 'giamSat',
      }[measure];
      return {
        rows: sql`(${text('hinhThuc')} = ${form} and ${within('ngay', range)})`,
        hit: flag('dungQuyDinh'),
      };
    }
    case 'books.petitionsLawful': {
      const p = petitionConditions(range);
      // Pending at the end of the year and still within its deadline: not yet due, left out.
      return {
        rows: sql`(${flag('thuocThamQuyen')} and ${p.inPeriod} and not (${p.pending} and not ${p.overdue}))`,
        hit: sql`(${p.resolved} and ${flag('dungQuyDinh')} and (${date('hanGiaiQuyet')} is null or ${date('ngayGiaiQuyet')} <= ${date('hanGiaiQuyet')}))`,
      };
    }
    case 'books.officialsDisciplined':
      return { rows: within('ngayQuyetDinh', range) };
    case 'books.headDisciplined':
      return { rows: sql`(${within('ngayQuyetDinh', range)} and ${flag('nguoiDungDau')})` };
  }
}

/**
 * A petition's place in a period (01/XLD, 5.1): in the period when received by its end and not
 * resolved before its start; carried over when received before it; resolved when resolved in it;
 * pending when not resolved by its end; overdue when pending past its deadline at the end.
 */
export function petitionConditions(range: DateRange) {
  const received = date('ngayNhan');
  const resolvedOn = date('ngayGiaiQuyet');
  return {
    inPeriod: sql<boolean>`(${received} <= ${range.to}::date and (${resolvedOn} is null or ${resolvedOn} >= ${range.from}::date))`,
    carried: sql<boolean>`(${received} < ${range.from}::date)`,
    fresh: sql<boolean>`(${received} >= ${range.from}::date)`,
    resolved: sql<boolean>`(${resolvedOn} between ${range.from}::date and ${range.to}::date)`,
    pending: sql<boolean>`(${resolvedOn} is null or ${resolvedOn} > ${range.to}::date)`,
    overdue: sql<boolean>`(${date('hanGiaiQuyet')} < ${range.to}::date)`,
    onTime: sql<boolean>`(${date('hanGiaiQuyet')} is null or ${resolvedOn} <= ${date('hanGiaiQuyet')})`,
  };
}

/** The measure's value for one unit over a range, and how many records it came from. */
export async function computeBooksMeasure(
  db: Executor,
  unitId: string,
  measure: BooksMeasureId,
  range: DateRange,
): Promise<{ value: MeasureValue; rows: number }> {
  const { rows, hit } = booksMeasureConditions(measure, range);
  const base = db
    .selectFrom('book_records as r')
    .where('r.unit_id', '=', unitId)
    .where('r.kind', '=', BOOK_MEASURE_KIND[measure])
    .where(rows);
  const type = MEASURES[measure].type;
  if (type === 'documents') {
    const dueField = measure === 'books.publishedOnTime' ? 'hanCongKhai' : 'hanBanHanh';
    const doneField = measure === 'books.publishedOnTime' ? 'ngayCongKhai' : 'ngayBanHanh';
    const titleField = measure === 'books.publishedOnTime' ? 'noiDung' : 'trichYeu';
    const list = await base
      .select([
        sql<string>`coalesce(r.data->>${titleField}, '')`.as('title'),
        sql<string>`r.data->>${dueField}`.as('dueOn'),
        sql<string | null>`r.data->>${doneField}`.as('issuedOn'),
      ])
      .orderBy(sql`r.data->>${dueField}`)
      .orderBy('r.created_at')
      .orderBy('r.id')
      .execute();
    const value: MeasureDocument[] = list.map((d) => ({
      title: d.title.slice(0, 200),
      dueOn: d.dueOn,
      issuedOn: d.issuedOn,
    }));
    return { value, rows: value.length };
  }
  const result = await base
    .select([
      sql<number>`count(*)::int`.as('rows'),
      sql<number>`count(*) filter (where ${hit ?? sql`true`})::int`.as('hits'),
      sql<string>`coalesce(sum((r.data->>'soTien')::bigint), 0)::text`.as('sum'),
    ])
    .executeTakeFirstOrThrow();
  switch (type) {
    case 'ratio':
      return { value: { numerator: result.hits, denominator: result.rows }, rows: result.rows };
    case 'count':
      return { value: result.rows, rows: result.rows };
    case 'boolean':
      return { value: result.rows > 0, rows: result.rows };
    case 'money':
      return { value: Number(result.sum), rows: result.rows };
  }
}

/** A ratio measure for many units at once (the analytics dashboard): numerator and denominator per unit with rows. */
export async function computeBooksRatioByUnit(
  db: Executor,
  unitIds: string[],
  measure: BooksMeasureId,
  range: DateRange,
): Promise<Map<string, { numerator: number; denominator: number }>> {
  if (!unitIds.length) return new Map();
  const { rows, hit } = booksMeasureConditions(measure, range);
  const result = await db
    .selectFrom('book_records as r')
    .where('r.unit_id', 'in', unitIds)
    .where('r.kind', '=', BOOK_MEASURE_KIND[measure])
    .where(rows)
    .groupBy('r.unit_id')
    .select([
      'r.unit_id',
      sql<number>`count(*)::int`.as('rows'),
      sql<number>`count(*) filter (where ${hit ?? sql`true`})::int`.as('hits'),
    ])
    .execute();
  return new Map(result.map((r) => [r.unit_id, { numerator: r.hits, denominator: r.rows }]));
}
