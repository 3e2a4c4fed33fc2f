/** Input and result types of the scoring engine. Decimals in results are plain strings ("84.66"). */
import type { NodeKind, Provenance, ScoringModel } from '../frameworks/model.ts';

export type DecimalInput = string | number;

export interface ManualEntry {
  /** Points model: the score given, within [0, max]. */
  points?: DecimalInput;
  /** Pass model: the result given. */
  passed?: boolean;
  /** Mandatory: why the value was set by hand. */
  reason: string;
}

/**
 * What a commune (or an appraiser) enters. Any mix is allowed, per node:
 * raw `values` keyed by input id; historical `points` (or `passed`) per indicator or per criterion
 * copied from paper reports; `manual` scores with a reason; `facts` for veto conditions.
 */
export interface EvaluationInput {
  values?: Record<string, unknown>;
  points?: Record<string, DecimalInput>;
  passed?: Record<string, boolean>;
  manual?: Record<string, ManualEntry>;
  facts?: Record<string, boolean>;
}

export type ResultSource =
  | 'computed'
  | 'manual'
  | 'historical-indicator'
  | 'historical-criterion'
  /** A required input was not entered: the node scores 0 / does not pass (fail-closed). */
  | 'missing'
  /** Not scored separately because points were entered for an ancestor. */
  | 'not-entered';

/** What a rule measured, for display and gap analysis. */
export interface Measure {
  kind: 'percent' | 'value' | 'boolean' | 'date' | 'selection';
  /** Percent (0–100) or value as a decimal string; "1"/"0" for booleans; count of selected options. */
  value: string | null;
  numerator?: string;
  denominator?: string;
  /** True when a ratio's denominator is 0 (nothing happened in the year). */
  empty?: boolean;
  selected?: string[];
}

export interface ResultNode {
  code: string;
  title: string;
  kind: NodeKind;
  /** Points model: maximum (for an adjustment: the bonus cap). Pass model: null. */
  max: string | null;
  /** Points model: points obtained (may be negative for an adjustment). Pass model: null. */
  points: string | null;
  /** Pass model: the result; points model: criterion-level pass (≥ the declared % of max), else null. */
  passed: boolean | null;
  source: ResultSource;
  /** Vietnamese explanation of how the value was obtained. */
  explanation: string;
  provenance: Provenance;
  /** True if the value rests on any rule or maximum not confirmed against the legal text (tag other than L). */
  provisional: boolean;
  legalBasis: string | null;
  measure?: Measure;
  children: ResultNode[];
}

export interface ConditionResult {
  code: string;
  title: string;
  type: string;
  met: boolean;
  explanation: string;
  provenance: Provenance;
  provisional: boolean;
  legalBasis: string | null;
}

export interface EvaluationResult {
  framework: { code: string; version: number; name: string; hash: string };
  model: ScoringModel;
  /** Exact total (points model), e.g. "84.66"; null for the pass model. */
  total: string | null;
  max: string | null;
  /** Total as shown to people, with the framework's display rounding: "99/100 điểm (sau khi làm tròn)". */
  totalDisplay: string;
  totalExplanation: string;
  /** Top-level nodes (criteria, or CCHC fields and the bonus/penalty item) as a tree. */
  criteria: ResultNode[];
  conditions: ConditionResult[];
  /** null when the framework does not decide recognition (CCHC ranking, or rules not found). */
  recognised: boolean | null;
  recognitionExplanation: string;
  /** True if anything in the result rests on a provisional value. */
  provisional: boolean;
  /** Input ids whose values were needed but not entered. */
  missingInputs: string[];
}

export interface InputIssue {
  /** Path in the input, e.g. "values.2.5.tapHuan.numerator" or "points.1". */
  field: string;
  nodeCode: string | null;
  message: string;
  /** For a value that cannot be read: the input's id and the problem alone, to show at the field. */
  inputId?: string;
  detail?: string;
}
