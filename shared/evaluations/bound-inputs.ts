/**
 * Inputs of an evaluation bound to a register measure (`"source": { "measure": … }`, ADR 0013): which
 * they are, the range they are computed over, whether a value is the computed one, and how both read.
 * Pure: the server decides with it, the pages show with it.
 */
import { Dec, decimalProblem } from '../frameworks/decimal.ts';
import type { Framework, FrameworkNode, InputDef } from '../frameworks/model.ts';
import { NODE_KIND_LABELS } from '../frameworks/labels.ts';
import { formatDate, formatDecimal } from '../format/vi.ts';
import { isIsoDate } from '../dates.ts';
import { isDocumentOnTime } from '../scoring/input.ts';
import { BOOK_MEASURE_KIND, type BooksMeasureId } from '../books/measures.ts';
import {
  isMeasureId,
  MEASURES,
  type DateRange,
  type MeasureId,
  type RegisterId,
} from '../registers/measures.ts';

/** The shortest reason accepted for scoring a bound input with another value than the computed one. */
export const OVERRIDE_REASON_MIN = 10;

export interface BoundInput {
  inputId: string;
  def: InputDef;
  node: FrameworkNode;
  measure: MeasureId;
}

/** Every input of the framework bound to a measure the product knows, in framework order. */
export function boundInputsOf(framework: Pick<Framework, 'nodes'>): BoundInput[] {
  const out: BoundInput[] = [];
  const walk = (nodes: FrameworkNode[]) => {
    for (const node of nodes) {
      for (const def of node.inputs ?? [])
        if (def.source && isMeasureId(def.source.measure))
          out.push({ inputId: def.id, def, node, measure: def.source.measure });
      walk(node.children ?? []);
    }
  };
  walk(framework.nodes);
  return out;
}

/** An evaluation counts its period's calendar year. */
export function evaluationRange(year: number): DateRange {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** A document as a `documents` measure gives it: due date and the date it was done (null: not yet). */
export type MeasureDocument = { title: string; dueOn: string; issuedOn: string | null };
export type MeasureValue =
  { numerator: number; denominator: number } | number | string | boolean | null | MeasureDocument[];

/** Each document's due and done dates, sorted: two lists are the same when these are (titles aside). */
function documentKeys(list: unknown[]): string[] | null {
  const keys: string[] = [];
  for (const d of list) {
    if (!d || typeof d !== 'object') return null;
    const doc = d as { dueOn?: unknown; issuedOn?: unknown; onTime?: unknown };
    keys.push(`${String(doc.dueOn ?? '')}|${String(doc.issuedOn ?? '')}|${String(doc.onTime ?? '')}`);
  }
  return keys.sort();
}

function sameNumber(a: unknown, b: number): boolean {
  if (typeof a === 'number') return a === b;
  if (typeof a !== 'string' || decimalProblem(a) !== null) return false;
  return new Dec(a.trim()).eq(b);
}

/** Whether an entered value is the computed one ("1707" and 1707 are the same; a missing part is not). */
export function isComputedValue(value: unknown, computed: MeasureValue): boolean {
  if (typeof computed === 'number') return sameNumber(value, computed);
  if (Array.isArray(computed)) {
    if (!Array.isArray(value) || value.length !== computed.length) return false;
    const a = documentKeys(value);
    return a !== null && a.join('\n') === documentKeys(computed)!.join('\n');
  }
  // A date, or no date in the register: the same date, or also nothing entered.
  if (typeof computed === 'string' || typeof computed === 'boolean' || computed === null)
    return (value === '' || value === undefined ? null : value) === computed;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as { numerator?: unknown; denominator?: unknown };
  return sameNumber(v.numerator, computed.numerator) && sameNumber(v.denominator, computed.denominator);
}

function showNumber(v: unknown): string {
  if (isIsoDate(v)) return formatDate(v);
  if (typeof v === 'number' || (typeof v === 'string' && decimalProblem(v) === null))
    return formatDecimal(v as string | number);
  return v === undefined || v === null || v === '' ? '…' : String(v);
}

/**
 * "1.707/1.757" for a ratio, "3" for a count, "Có"/"Không" for yes/no, "15/01/2026" for a date, "…" for
 * none, "11/12 đúng hạn" for a list of documents; also for an entered value (strings, missing parts).
 */
export function formatMeasureValue(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (Array.isArray(value)) {
    const onTime = value.filter((d) => {
      if (!d || typeof d !== 'object') return false;
      const doc = d as { onTime?: unknown; dueOn?: unknown; issuedOn?: unknown };
      if ('onTime' in doc) return doc.onTime === true;
      return (
        typeof doc.dueOn === 'string' &&
        isDocumentOnTime({ dueOn: doc.dueOn, issuedOn: doc.issuedOn as string })
      );
    }).length;
    return `${formatDecimal(onTime)}/${formatDecimal(value.length)} đúng hạn`;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as { numerator?: unknown; denominator?: unknown };
    return `${showNumber(v.numerator)}/${showNumber(v.denominator)}`;
  }
  return showNumber(value);
}

/** "Chỉ tiêu 5.2": how an officer names the indicator of an input. */
export function nodeName(node: Pick<FrameworkNode, 'kind' | 'code'>): string {
  return `${NODE_KIND_LABELS[node.kind]} ${node.code}`;
}

/** The web page listing each register. */
const REGISTER_PAGES: Record<RegisterId, string> = {
  tthc: '/so-tthc',
  plans: '/ke-hoach',
  surveys: '/lay-y-kien',
  books: '/so-sach',
};

/**
 * The register's list of exactly the rows a measure counted, for one unit and range. A register
 * keeping its rows in records (a plan's tasks) names the record the figure came from (`ref`): the
 * link opens that record filtered by the measure; before any figure, the register's list for the
 * unit and year.
 */
export function measureRowsLink(
  unitId: string,
  measure: MeasureId,
  range: DateRange,
  ref?: string | null,
): string {
  const register = MEASURES[measure].register;
  if (register === 'plans' || register === 'surveys') {
    const page = REGISTER_PAGES[register];
    // A date is the plan's own: the link opens the plan, not a list of tasks.
    if (ref && MEASURES[measure].type === 'date') return `${page}/${ref}`;
    if (ref) return `${page}/${ref}?${new URLSearchParams({ measure }).toString()}`;
    const q = new URLSearchParams({ unitId, measure, year: range.from.slice(0, 4) });
    return `${page}?${q.toString()}`;
  }
  if (register === 'books') {
    const kind = BOOK_MEASURE_KIND[measure as BooksMeasureId];
    const q = new URLSearchParams({ kind, unitId, measure, from: range.from, to: range.to });
    return `${REGISTER_PAGES.books}?${q.toString()}`;
  }
  const q = new URLSearchParams({ unitId, measure, from: range.from, to: range.to });
  return `${REGISTER_PAGES[register]}?${q.toString()}`;
}
