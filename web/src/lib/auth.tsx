import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { MeResponse, SessionResponse, SignInInput } from '@shared/auth.schemas.ts';
import { api, setCsrfToken } from './api.ts';

export const ME_KEY = ['auth', 'me'];

/**
 * The signed-in user, or null when nobody is signed in. Asked through GET /api/auth/session, which answers
 * an anonymous visitor with `{ me: null }` rather than a 401 (no error in the console on every visit).
 */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      const { me } = await api.get<SessionResponse>('/api/auth/session');
      setCsrfToken(me?.csrfToken ?? null);
      return me;
    },
    staleTime: 60_000,
  });
}

/**
 * Today on the server's business calendar ('YYYY-MM-DD'): every countdown and overdue mark counts from it,
 * so a training copy shifted with CLOCK_OFFSET_DAYS shows the same "còn N ngày" as the server decides.
 */
export function useToday(): string {
  const { data: me } = useMe();
  return me?.today ?? localToday();
}

/** The browser's date, only until the server has told its own. */
function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function useAuthActions() {
  const client = useQueryClient();
  return {
    async signIn(input: SignInInput) {
      const me = await api.post<MeResponse>('/api/auth/sign-in', input);
      setCsrfToken(me.csrfToken);
      client.setQueryData(ME_KEY, me);
      return me;
    },
    async signOut() {
      await api.post('/api/auth/sign-out').catch(() => undefined);
      setCsrfToken(null);
      client.clear();
      client.setQueryData(ME_KEY, null);
    },
  };
}

/** Whether the signed-in user holds a permission at some unit (the server checks again). */
export function hasPermission(me: MeResponse | null | undefined, permission: string): boolean {
  return !!me && (me.permissions as readonly string[]).includes(permission);
}
