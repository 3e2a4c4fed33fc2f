import type { z } from 'zod';
import type { periodResultResponse, periodSummaryResponse } from '@shared/appraisal/appraisal.contract.ts';
import type {
  COUNCIL_ROLES,
  councilCandidatesResponse,
  councilResponse,
  opinionResponse,
  publicDecisionResponse,
} from '@shared/council/council.contract.ts';
import type { periodCreatedResponse, periodListItemResponse } from '@shared/periods/periods.contract.ts';

/** One row of GET /api/periods (shared/periods/periods.contract.ts). */
export type PeriodListItem = z.output<typeof periodListItemResponse>;

/** One row of GET /api/periods/:id/results, ranked by the server (shared/appraisal/appraisal.contract.ts). */
export type PeriodResult = z.output<typeof periodResultResponse>;

/** GET /api/periods/:id/summary: the area summary (Mẫu 09, Mẫu 10). */
export type PeriodSummary = z.output<typeof periodSummaryResponse>;

export type CouncilRole = (typeof COUNCIL_ROLES)[number];

/** GET /api/periods/:id/council (shared/council/council.contract.ts). */
export type Council = z.output<typeof councilResponse>;

export type Opinion = z.output<typeof opinionResponse>;

/** GET /api/periods/:id/council/candidates: accounts that may be linked to a member. */
export type CouncilCandidate = z.output<typeof councilCandidatesResponse>[number];

/** GET /api/public/periods/:id/decision. */
export type PublicDecision = z.output<typeof publicDecisionResponse>;

/** POST /api/periods: the period opened and its number of draft evaluations. */
export type PeriodCreated = z.output<typeof periodCreatedResponse>;

/** The built-in frameworks, offered only if GET /api/frameworks cannot be read (the server decides anyway). */
export const FRAMEWORK_OPTIONS = [
  { code: 'TCPL-2025', label: 'Chuẩn tiếp cận pháp luật (QĐ 27/2025/QĐ-TTg)' },
  { code: 'TCPL-2021', label: 'Chuẩn tiếp cận pháp luật (QĐ 25/2021/QĐ-TTg)' },
  { code: 'CCHC-XA-MAU', label: 'Chỉ số cải cách hành chính cấp xã (mẫu)' },
] as const;

/** The problems of a 400 answer, by form field (the server names fields like `unitIds` or `members.0.fullName`). */
export function problemsByField(problems: { field: string; message: string }[] | undefined) {
  const map = new Map<string, string[]>();
  for (const p of problems ?? []) {
    const key = p.field.split('.')[0] ?? p.field;
    map.set(key, [...(map.get(key) ?? []), p.message]);
  }
  return map;
}
