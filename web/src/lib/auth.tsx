import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { MeResponse, SignInInput } from '@shared/auth.schemas.ts';
import { api, ApiError, setCsrfToken } from './api.ts';

const ME_KEY = ['auth', 'me'];

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        const me = await api.get<MeResponse>('/api/auth/me');
        setCsrfToken(me.csrfToken);
        return me;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
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
