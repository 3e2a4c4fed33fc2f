import type { Generated } from 'kysely';

/**
 * The narrow copy of the results the analytics figures count (migration 20261204_1000, ADR 0018),
 * written by a trigger on `evaluations` in the writer's own transaction; read by analytics.repo.ts only.
 */
export interface AnalyticsTables {
  analytics_results: {
    evaluation_id: string;
    /** 'self': the submitted self-assessment's result; 'appraised': the appraised result. */
    kind: 'self' | 'appraised';
    total: string | null;
    max: string | null;
    recognised: boolean | null;
    recognition_explanation: string | null;
    failed: string[];
    historical: boolean;
  };
  analytics_nodes: {
    evaluation_id: string;
    kind: 'self' | 'appraised';
    code: string;
    ord: number;
    depth: number;
    title: string;
    max: string | null;
    points: string | null;
    passed: boolean | null;
    /** On an appraised node: the self-assessment's node of the same code (migration 20261206_1010). */
    self_found: boolean;
    self_points: string | null;
    self_passed: boolean | null;
  };
  analytics_evaluations: {
    evaluation_id: string;
    year: number;
    family: 'tcpl' | 'cchc';
    counted: 'self' | 'appraised';
    stamp: number;
    /** The evaluation's unit, period and state, and the counted result's summary (migration 20261206_1000). */
    unit_id: string;
    period_id: string;
    state: string;
    /** A result counts (false: never submitted). */
    scored: boolean;
    total: string | null;
    max: string | null;
    recognised: boolean | null;
    explanation: string | null;
    failed: string[];
    historical: boolean;
  };
  analytics_stamps: { key: 'units' | 'registers'; stamp: Generated<number> };
}
