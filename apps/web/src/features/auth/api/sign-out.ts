import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch, setCsrfToken } from '../../../lib/api-client.ts';
import { meQueryKey } from './get-me.ts';

export async function signOut(): Promise<void> {
  await apiFetch<void>('/api/auth/sign-out', { method: 'POST' });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, null);
    },
  });
}
