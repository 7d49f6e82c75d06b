import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch, setCsrfToken } from '../../../lib/api-client.ts';
import type { ApiBody } from '../../../lib/api-types.ts';
import { replaceSession, type Session } from './get-me.ts';

export type SignInInput = ApiBody<'signIn'>;

export async function signIn(input: SignInInput): Promise<Session> {
  const session = await apiFetch<Session>('/api/auth/sign-in', { method: 'POST', body: input });
  setCsrfToken(session.csrfToken);
  return session;
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    onSuccess: (session) => replaceSession(queryClient, session),
  });
}
