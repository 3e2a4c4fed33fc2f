/**
 * One answer per person without knowing who (ADR 0017): one-time codes printed on slips (only their
 * SHA-256 is stored) and, without a slip, a per-device ticket — a cookie that counts the answers the
 * device sent, signed with the survey's own secret (HMAC-SHA-256) so that it cannot be forged or
 * lowered. Clearing the cookie starts over: that is the limit the ADR states.
 */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { normaliseSlipCode } from '@shared/surveys/surveys.ts';

const SURVEY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const SLIP_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

function randomText(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export const newSurveyCode = () => randomText(SURVEY_ALPHABET, 8);
export const newSlipCode = () => randomText(SLIP_ALPHABET, 10);
export const newTicketSecret = () => randomBytes(32).toString('base64url');

export function slipHash(code: string): string {
  return createHash('sha256').update(normaliseSlipCode(code)).digest('hex');
}

/** The cookie holding a device's ticket for one survey. */
export const ticketCookie = (code: string) => `dg_ks_${code}`;

function sign(secret: string, surveyId: string, count: number, nonce: string): string {
  return createHmac('sha256', secret).update(`${surveyId}|${count}|${nonce}`).digest('base64url');
}

/** How many answers the ticket says this device sent (0 without a valid ticket). */
export function ticketCount(secret: string, surveyId: string, ticket: string | undefined): number {
  if (!ticket) return 0;
  const [countText, nonce, mac] = ticket.split('.');
  const count = Number(countText);
  if (!nonce || !mac || !Number.isInteger(count) || count < 0 || count > 100) return 0;
  const expected = Buffer.from(sign(secret, surveyId, count, nonce));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given) ? count : 0;
}

/** A ticket for `count` answers (a fresh nonce each time). */
export function issueTicket(secret: string, surveyId: string, count: number): string {
  const nonce = randomBytes(12).toString('base64url');
  return `${count}.${nonce}.${sign(secret, surveyId, count, nonce)}`;
}
