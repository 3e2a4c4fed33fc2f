/**
 * Which book kind each `books.*` measure (shared/registers/measures.ts) counts, so that the
 * drill-down link opens that kind's list on /so-sach filtered by the measure.
 */
import type { BookKindId } from './kinds.ts';

export const BOOK_MEASURE_KIND = {
  'books.vbqpplIssued': 'document',
  'books.vbqpplLawful': 'document',
  'books.adminDocsLawful': 'document',
  'books.reviewedDocsHandled': 'document',
  'books.signedDigitally': 'document',
  'books.reportsSent': 'document',
  'books.publishedOnTime': 'publication',
  'books.infoRequestsOnTime': 'info_request',
  'books.propagandistsTrained': 'propagandist',
  'books.pbgdplFunding': 'pbgdpl_funding',
  'books.mediationTimely': 'mediation_case',
  'books.mediationSuccessful': 'mediation_case',
  'books.mediationTeamsFunded': 'mediation_team',
  'books.legalAidInfo': 'activity',
  'books.dialogues': 'activity',
  'books.democracyDecide': 'democracy_item',
  'books.democracyVote': 'democracy_item',
  'books.democracyComment': 'democracy_item',
  'books.democracySupervise': 'democracy_item',
  'books.petitionsLawful': 'petition',
  'books.officialsDisciplined': 'discipline',
  'books.headDisciplined': 'discipline',
} as const satisfies Record<string, BookKindId>;

export type BooksMeasureId = keyof typeof BOOK_MEASURE_KIND;
