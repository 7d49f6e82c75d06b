import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { ApiError, apiFetch, setCsrfToken } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type Session = ApiResponse<'currentUser'>;

/** null when nobody is signed in (401); any other failure is an error the shell shows. */
export async function getMe(): Promise<Session | null> {
  try {
    const session = await apiFetch<Session>('/api/auth/me');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export const meQueryKey = ['auth', 'me'] as const;

export const meQueryOptions = () =>
  queryOptions({ queryKey: meQueryKey, queryFn: getMe, staleTime: Infinity, retry: false });

export function useMe() {
  return useQuery(meQueryOptions());
}

/**
 * Switches the cached session (sign-in, sign-out, expiry). Every other query is dropped so nothing of the
 * previous user's data can show; the session query itself is kept so the gate's observer sees the change.
 */
export function replaceSession(queryClient: QueryClient, session: Session | null): void {
  setCsrfToken(session?.csrfToken ?? null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
  queryClient.setQueryData(meQueryKey, session);
}
