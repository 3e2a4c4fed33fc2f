/**
 * The counting rules of Biểu 06/VPCP/KSTT for a date range [from, to], as SQL conditions on a
 * dossier row aliased `d`. Biểu 06, the register measures and the drill-down lists all count with
 * these, so a figure on a page and the list behind it cannot disagree. Dates are calendar dates in
 * Vietnam time (the columns are `date`).
 *
 * - received: received in [from, to]; online when the channel is `truc_tuyen`, otherwise in person or by post;
 * - carried over: received before `from` and not resolved before `from`;
 * - resolved: among those, returned not after `to`; early before the due date, on time on it, late after;
 * - pending at `to`: the rest; within the deadline when the due date is not before `to`, otherwise overdue.
 *
 * A dossier withdrawn, returned or waiting for supplements (`status_kind` other than `binh_thuong`)
 * has its deadline paused: resolved it counts as on time, pending as within the deadline, never as
 * late (docs/adr/0013-registers.md gives the source).
 */
import { sql, type RawBuilder } from 'kysely';
import type { DateRange } from '@shared/registers/measures.ts';

export type Condition = RawBuilder<boolean>;

export interface Counting {
  /** Rows Biểu 06 looks at for the range: received up to `to` and not resolved before `from`. */
  inPeriod: Condition;
  received: Condition;
  online: Condition;
  direct: Condition;
  carriedOver: Condition;
  resolved: Condition;
  early: Condition;
  onTime: Condition;
  late: Condition;
  pending: Condition;
  pendingWithinDue: Condition;
  pendingOverdue: Condition;
}

export function counting({ from, to }: DateRange): Counting {
  const paused = sql<boolean>`d.status_kind <> 'binh_thuong'`;
  const inPeriod = sql<boolean>`(d.received_on <= ${to}::date and (d.resolved_on is null or d.resolved_on >= ${from}::date))`;
  const received = sql<boolean>`(d.received_on between ${from}::date and ${to}::date)`;
  const resolved = sql<boolean>`(${inPeriod} and d.resolved_on <= ${to}::date)`;
  const pending = sql<boolean>`(${inPeriod} and (d.resolved_on is null or d.resolved_on > ${to}::date))`;
  return {
    inPeriod,
    received,
    online: sql`(${received} and d.channel = 'truc_tuyen')`,
    direct: sql`(${received} and d.channel <> 'truc_tuyen')`,
    carriedOver: sql`(d.received_on < ${from}::date and (d.resolved_on is null or d.resolved_on >= ${from}::date))`,
    resolved,
    early: sql`(${resolved} and not ${paused} and d.resolved_on < d.due_on)`,
    onTime: sql`(${resolved} and (${paused} or d.resolved_on = d.due_on))`,
    late: sql`(${resolved} and not ${paused} and d.resolved_on > d.due_on)`,
    pending,
    pendingWithinDue: sql`(${pending} and (${paused} or d.due_on >= ${to}::date))`,
    pendingOverdue: sql`(${pending} and not ${paused} and d.due_on < ${to}::date)`,
  };
}
