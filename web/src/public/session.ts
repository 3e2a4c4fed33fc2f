import { api, setCsrfToken } from '@web/lib/api.ts';

/** Set beside the session cookie at sign-in (server/platform/auth/tokens.ts SIGNED_IN_HINT_COOKIE). */
const SIGNED_IN_HINT_COOKIE = 'dg_signed_in';

/**
 * A visitor who is also signed in must send the session's CSRF token with the comment. Only asked
 * for when the hint cookie says a session may exist: anonymous citizens make no request that fails.
 */
export function learnCsrfTokenIfSignedIn(): void {
  const hinted = document.cookie.split(';').some((c) => c.trim().startsWith(`${SIGNED_IN_HINT_COOKIE}=`));
  if (!hinted) return;
  api
    .get<{ csrfToken: string }>('/api/auth/me')
    .then((me) => setCsrfToken(me.csrfToken))
    .catch(() => undefined);
}
