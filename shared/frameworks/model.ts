/**
 * The framework model: a legal framework (or a provincial index) as versioned data.
 * framework → criteria (or fields) → indicators → sub-items, any depth. Pure types, no I/O.
 * The JSON files in builtin/ are the single source of truth; these types describe them.
 */
import type { CommuneKind } from '../units/kinds.ts';

/** Confidence of a value, as in shared/domain/legal-frameworks.md: L confirmed, S secondary, U unofficial, I inferred, ? not found. */
export type Provenance = 'L' | 'S' | 'U' | 'I' | '?';

/** Commune-level unit types a framework applies to. */
export type UnitType = CommuneKind;

/** Points (QĐ 619, QĐ 25 + TT 09, CCHC) or pass levels (QĐ 27 + TT 15). */
export type ScoringModel = 'points' | 'pass';

/** Decimal values are written as strings ("2.5") or plain JSON numbers; the engine reads them exactly. */
export type DecimalValue = string | number;

export type NodeKind = 'field' | 'criterion' | 'indicator' | 'sub-criterion' | 'sub-item' | 'adjustment';

export interface LegalDocumentRef {
  /** Short reference, e.g. "QĐ 25/2021/QĐ-TTg". */
  code: string;
  title: string;
  /** ISO date of signing, when known. */
  signedOn?: string;
  provenance: Provenance;
}

/** Which steps of the evaluation workflow a framework uses (a later issue drives the workflow from these). */
export interface WorkflowFlags {
  publicPosting: boolean;
  council: boolean;
  ranking: boolean;
  /**
   * How many times the reviewer may return the dossier for completion. TT 09/2021 has one step (the
   * commune completes its dossier within 3 working days of a request), so TCPL-2021 says 1; a
   * province's own framework may set another number.
   */
  explanationRounds: number;
}

export interface RoundingRule {
  decimals: number;
  mode: 'half-up' | 'down';
}

/**
 * `points`: how computed leaf points are rounded (ratio × max can be a repeating decimal).
 * `display`: how totals are shown ("99/100 điểm (sau khi làm tròn)"); null = exact digits. Decisions use exact values.
 */
export interface RoundingRules {
  points: RoundingRule;
  display: RoundingRule | null;
}

export type InputType = 'number' | 'count' | 'ratio' | 'boolean' | 'choice' | 'money' | 'date' | 'documents';

export interface ChoiceOption {
  value: string;
  label: string;
}

/** A typed datum entered for a node; `id` is unique in the framework and referenced by rules. */
export interface InputDef {
  id: string;
  type: InputType;
  label: string;
  /** For ratio inputs: what the numerator and denominator count. */
  numeratorLabel?: string;
  denominatorLabel?: string;
  unit?: string;
  /** choice only. */
  options?: ChoiceOption[];
  multiple?: boolean;
  /** number only. */
  min?: DecimalValue;
  max?: DecimalValue;
  /**
   * The register measure that computes this input (shared/registers/measures.ts); the officer may
   * score another value only with a reason.
   */
  source?: { measure: string };
}

/** One band of a tier table: min ≤ measure < below (no `below` on the top band). Percent for ratios. */
export interface Tier {
  min: DecimalValue;
  below?: DecimalValue;
  points: DecimalValue;
}

export interface DeductionItem {
  input: string;
  /** Points deducted once if a boolean input is true, or per unit of a count input. */
  points: DecimalValue;
  label: string;
}

export interface AdjustmentItem extends DeductionItem {
  effect: 'bonus' | 'penalty';
}

export type Rule =
  // points model
  | { type: 'fixed'; input: string; expected?: boolean; provenance?: Provenance }
  | { type: 'ratio'; input: string; emptyFull?: boolean; provenance?: Provenance }
  | { type: 'tiers'; input: string; tiers: Tier[]; emptyFull?: boolean; provenance?: Provenance }
  | { type: 'choice'; input: string; points: Record<string, DecimalValue>; provenance?: Provenance }
  | { type: 'deadline'; input: string; dueInput: string; provenance?: Provenance }
  | { type: 'deductions'; items: DeductionItem[]; provenance?: Provenance }
  | { type: 'manual'; guidance?: string; provenance?: Provenance }
  | {
      type: 'adjustment';
      bonusCap: DecimalValue;
      penaltyCap: DecimalValue;
      items: AdjustmentItem[];
      provenance?: Provenance;
    }
  // pass model
  | { type: 'threshold'; input: string; min: DecimalValue; emptyPasses?: boolean; provenance?: Provenance }
  | { type: 'yes'; input: string; expected?: boolean; provenance?: Provenance }
  | { type: 'deadlinePass'; input: string; dueInput: string; provenance?: Provenance }
  | { type: 'manualPass'; guidance?: string; provenance?: Provenance };

/** Group rule of a pass-model node with children. */
export type PassAggregate = { type: 'all' } | { type: 'atLeast'; n: number };

export interface FrameworkNode {
  code: string;
  title: string;
  kind: NodeKind;
  description?: string;
  /** Evidence documents the commune attaches (tài liệu kiểm chứng). */
  evidence?: string[];
  /** Confidence of this node's maximum and rule. */
  provenance: Provenance;
  /** E.g. "Điểm a khoản 1 Điều 3 QĐ 25/2021/QĐ-TTg"; inherited by children when absent. */
  legalBasis?: string;
  note?: string;
  /** Points model: maximum points. */
  max?: DecimalValue;
  inputs?: InputDef[];
  rule?: Rule;
  /** Pass model, nodes with children: default "all". */
  aggregate?: PassAggregate;
  children?: FrameworkNode[];
}

export interface FactDef {
  key: string;
  title: string;
  description?: string;
  provenance: Provenance;
}

export type Condition =
  | {
      code: string;
      type: 'totalAtLeast';
      value: DecimalValue;
      title: string;
      legalBasis?: string;
      provenance: Provenance;
    }
  | {
      code: string;
      type: 'everyCriterionAtLeastPercent';
      percent: DecimalValue;
      title: string;
      legalBasis?: string;
      provenance: Provenance;
    }
  | { code: string; type: 'everyCriterionPasses'; title: string; legalBasis?: string; provenance: Provenance }
  | {
      code: string;
      type: 'noVeto';
      fact: string;
      title: string;
      legalBasis?: string;
      provenance: Provenance;
    };

/** How the recognition decision follows from the conditions. */
export type RecognitionMode = 'all-conditions' | 'not-determinable' | 'none';

export interface Framework {
  code: string;
  version: number;
  name: string;
  family: 'tcpl' | 'cchc';
  model: ScoringModel;
  legalBasis: LegalDocumentRef[];
  effectiveYears: { from: number; to: number | null };
  unitTypes: UnitType[];
  provenance: Provenance;
  note?: string;
  /** Points model: maximum total (sum of the top-level maxima, adjustments excluded). */
  maxTotal?: DecimalValue;
  rounding: RoundingRules;
  workflow: WorkflowFlags;
  facts: FactDef[];
  recognition: RecognitionMode;
  conditions: Condition[];
  nodes: FrameworkNode[];
}

/** Old code → new code(s) between two framework versions, so history can be shown across regulation changes. */
export interface VersionMapping {
  from: { code: string; version: number };
  to: { code: string; version: number };
  provenance: Provenance;
  note?: string;
  entries: { from: string; to: string[]; provenance: Provenance; note?: string }[];
}
