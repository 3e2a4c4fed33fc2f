// Types only: the light public entry must not load zod at runtime (erased at build).
import type { z } from 'zod';
import type { publicEvaluationResponse } from '@shared/posting/posting.contract.ts';

/** GET /api/public/evaluations/:id (shared/posting/posting.contract.ts). */
export type PublicEvaluation = z.output<typeof publicEvaluationResponse>;
