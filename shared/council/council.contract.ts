import { z } from 'zod';

/** Responses of the council and decision routes (server/features/council/council.routes.ts). */

export const COUNCIL_ROLES = ['chair', 'vice_chair', 'member', 'secretary'] as const;

export const opinionResponse = z.object({
  memberId: z.string(),
  evaluationId: z.string(),
  opinion: z.enum(['achieved', 'not_achieved']),
  comment: z.string().nullable(),
  /** "Ghi thay theo …" when the secretary recorded it for the member. */
  proxyNote: z.string().nullable(),
  recordedBy: z.string().nullable(),
});
export const opinionsResponse = z.array(opinionResponse);

/** The council: members, quorum, meetings and their opinions. */
export const councilResponse = z.object({
  id: z.string(),
  periodId: z.string(),
  name: z.string(),
  quorum: z.number(),
  members: z.array(
    z.object({
      id: z.string(),
      fullName: z.string(),
      position: z.string(),
      councilRole: z.enum(COUNCIL_ROLES),
      userId: z.string().nullable(),
      /** The linked account's username (null: not linked, the member cannot record his own opinion). */
      username: z.string().nullable(),
    }),
  ),
  meetings: z.array(
    z.object({
      id: z.string(),
      mode: z.enum(['meeting', 'written']),
      heldOn: z.string(),
      location: z.string().nullable(),
      presentMemberIds: z.array(z.string()),
      quorumMet: z.boolean(),
      conclusions: z.string().nullable(),
      startTime: z.string().nullable(),
      endTime: z.string().nullable(),
      chairMemberId: z.string().nullable(),
      secretaryMemberId: z.string().nullable(),
      opinions: z.array(opinionResponse),
    }),
  ),
});

/** Accounts that may be linked to a member, one entry per account with its roles and units. */
export const councilCandidatesResponse = z.array(
  z.object({ id: z.string(), username: z.string(), fullName: z.string(), roles: z.array(z.string()) }),
);

export const decisionIssuedResponse = z.object({ id: z.string() });

const decisionUnit = z.object({ name: z.string(), code: z.string(), total: z.string().nullable() });

/** The published decision (public): units achieved and not achieved (Mẫu 08), and the Mẫu 10 counts. */
export const publicDecisionResponse = z.object({
  number: z.string(),
  signedOn: z.string(),
  signerName: z.string(),
  signerTitle: z.string(),
  issuingUnit: z.string(),
  year: z.number(),
  periodName: z.string(),
  achieved: z.array(decisionUnit),
  notAchieved: z.array(decisionUnit),
  summary: z.object({ achieved: z.number(), total: z.number(), percent: z.string() }),
});
