/** Responses of the surveys routes (server/features/surveys/surveys.routes.ts). */
import { z } from 'zod';
import { ANSWER_SOURCES, SURVEY_AUDIENCES, SURVEY_KINDS, SURVEY_STATUSES } from './surveys.ts';
import type { SurveyDefinition } from './surveys.ts';

const unitRef = z.object({ id: z.string(), name: z.string() });
const definition = z.custom<SurveyDefinition>();

const header = {
  id: z.string(),
  unit: unitRef,
  kind: z.enum(SURVEY_KINDS),
  audience: z.enum(SURVEY_AUDIENCES),
  code: z.string(),
  title: z.string(),
  status: z.enum(SURVEY_STATUSES),
  opensOn: z.string(),
  closesOn: z.string(),
};

export const surveyListResponse = z.object({
  items: z.array(z.object({ ...header, answers: z.number() })),
});
export type SurveyListItem = z.output<typeof surveyListResponse>['items'][number];

export const surveyTemplatesResponse = z.array(
  z.object({
    kind: z.enum(SURVEY_KINDS),
    title: z.string(),
    audience: z.enum(SURVEY_AUDIENCES),
    questions: z.number(),
  }),
);

/** Counts per question; texts of short answers; the figure the framework reads. */
export const surveyResults = z.object({
  total: z.number(),
  bySource: z.record(z.enum(ANSWER_SOURCES), z.number()),
  questions: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      type: z.string(),
      answered: z.number(),
      options: z.array(z.object({ id: z.string(), label: z.string(), count: z.number() })).optional(),
      scale: z
        .object({ max: z.number(), counts: z.array(z.number()), average: z.string().nullable() })
        .optional(),
      texts: z.array(z.string()).optional(),
    }),
  ),
  figure: z
    .object({
      label: z.string(),
      numerator: z.number(),
      denominator: z.number(),
      percent: z.string().nullable(),
    })
    .nullable(),
});
export type SurveyResults = z.output<typeof surveyResults>;

export const surveyResponse = z.object({
  ...header,
  intro: z.string(),
  definition,
  requireSlip: z.boolean(),
  deviceLimit: z.number(),
  /** The closing date moved to the next working day when it is a weekend or holiday. */
  lastDay: z.string(),
  /** The public page's path (/khao-sat/<code>), for residents' surveys. */
  publicPath: z.string().nullable(),
  invitees: z.array(z.object({ id: z.string(), name: z.string() })),
  respondents: z.number(),
  slips: z.object({ printed: z.number(), used: z.number() }),
  results: surveyResults,
  /** The measure this survey's figure feeds, if any. */
  measure: z.string().nullable(),
  abilities: z.object({
    canEdit: z.boolean(),
    canOpen: z.boolean(),
    canClose: z.boolean(),
    canTypePaper: z.boolean(),
  }),
});
export type SurveyDto = z.output<typeof surveyResponse>;

/** POST …/slips: the new codes, shown once (only their hashes are kept). */
export const slipsResponse = z.object({ codes: z.array(z.string()), publicPath: z.string() });

/** GET /api/public/surveys/:code: what the answering page shows. */
export const publicSurveyResponse = z.object({
  code: z.string(),
  title: z.string(),
  intro: z.string(),
  unitName: z.string(),
  definition,
  requireSlip: z.boolean(),
  closesOn: z.string(),
  /** Why no answer is taken now, or null. */
  refusal: z.string().nullable(),
});
export type PublicSurvey = z.output<typeof publicSurveyResponse>;

export const answerReceivedResponse = z.object({ message: z.string() });

/** GET /api/surveys/invited: open surveys the account is asked to answer signed in. */
export const invitedSurveysResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      unit: unitRef,
      kind: z.enum(SURVEY_KINDS),
      title: z.string(),
      intro: z.string(),
      closesOn: z.string(),
      answered: z.boolean(),
      definition,
    }),
  ),
});
