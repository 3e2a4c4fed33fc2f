import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type {
  AnswerSource,
  AnswerValues,
  SurveyAudience,
  SurveyDefinition,
  SurveyFigure,
  SurveyKind,
  SurveyStatus,
} from '@shared/surveys/surveys.ts';

export interface SurveysTable {
  id: Generated<string>;
  unit_id: string;
  kind: SurveyKind;
  audience: SurveyAudience;
  code: string;
  title: string;
  intro: Generated<string>;
  definition: JSONColumnType<SurveyDefinition>;
  figure: JSONColumnType<SurveyFigure | null, string | null, string | null>;
  status: Generated<SurveyStatus>;
  opens_on: string;
  closes_on: string;
  require_slip: Generated<boolean>;
  device_limit: Generated<number>;
  ticket_secret: string;
  invitee_ids: ColumnType<string[], string | undefined, string>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  closed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** An answer: no column identifies who gave it (ADR 0017). */
export interface SurveyAnswersTable {
  id: Generated<string>;
  survey_id: string;
  unit_id: string;
  source: AnswerSource;
  answers: JSONColumnType<AnswerValues>;
  received_on: string;
}

export interface SurveySlipsTable {
  survey_id: string;
  code_hash: string;
  used: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface SurveyRespondentsTable {
  survey_id: string;
  user_id: string;
}

export interface SurveysTables {
  surveys: SurveysTable;
  survey_answers: SurveyAnswersTable;
  survey_slips: SurveySlipsTable;
  survey_respondents: SurveyRespondentsTable;
}
