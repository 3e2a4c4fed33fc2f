/** Surveys as the contract shows them (shared/surveys/surveys.contract.ts): never a secret, slip or ticket. */
import type { z } from 'zod';
import type { Actor } from '@shared/access/actor.ts';
import type {
  invitedSurveysResponse,
  surveyListResponse,
  surveyResponse,
} from '@shared/surveys/surveys.contract.ts';
import { SURVEY_TEMPLATES } from '@shared/surveys/templates.ts';
import { canEditSurvey } from './surveys.policy.ts';
import type { LoadedSurvey } from './surveys.service.ts';
import type { SurveyRow } from './surveys.repo.ts';

type Header = Pick<
  SurveyRow,
  | 'id'
  | 'unit_id'
  | 'unit_name'
  | 'kind'
  | 'audience'
  | 'code'
  | 'title'
  | 'status'
  | 'opens_on'
  | 'closes_on'
>;

function header(s: Header) {
  return {
    id: s.id,
    unit: { id: s.unit_id, name: s.unit_name },
    kind: s.kind,
    audience: s.audience,
    code: s.code,
    title: s.title,
    status: s.status,
    opensOn: s.opens_on,
    closesOn: s.closes_on,
  };
}

export function presentSurveyList(
  rows: (Header & { answers: number | null })[],
): z.input<typeof surveyListResponse> {
  return { items: rows.map((r) => ({ ...header(r), answers: r.answers ?? 0 })) };
}

export function presentSurvey(actor: Actor, loaded: LoadedSurvey): z.input<typeof surveyResponse> {
  const { survey: s } = loaded;
  const canEdit = canEditSurvey(actor, s.unit_path);
  const template = SURVEY_TEMPLATES[s.kind];
  return {
    ...header(s),
    intro: s.intro,
    definition: s.definition,
    requireSlip: s.require_slip,
    deviceLimit: s.device_limit,
    lastDay: loaded.lastDay,
    publicPath: s.audience === 'public' ? `/khao-sat/${s.code}` : null,
    invitees: loaded.invitees.map((u) => ({ id: u.id, name: u.full_name })),
    respondents: loaded.respondents,
    slips: loaded.slips,
    results: loaded.results,
    measure: s.figure ? template.measure : null,
    abilities: {
      canEdit,
      canOpen: canEdit && s.status === 'draft',
      canClose: canEdit && s.status === 'open',
      canTypePaper: canEdit && s.audience === 'public' && s.status !== 'draft',
    },
  };
}

export function presentInvited(
  rows: (SurveyRow & { answered: boolean | number })[],
): z.input<typeof invitedSurveysResponse> {
  return {
    items: rows.map((r) => ({
      id: r.id,
      unit: { id: r.unit_id, name: r.unit_name },
      kind: r.kind,
      title: r.title,
      intro: r.intro,
      closesOn: r.closes_on,
      answered: Boolean(r.answered),
      definition: r.definition,
    })),
  };
}
