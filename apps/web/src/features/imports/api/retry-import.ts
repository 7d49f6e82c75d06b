import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

/** Runs a failed or stranded import again from its stored file; the API answers 409 while its job is live. */
export function retryImport(id: number): Promise<{ id: number; status: 'queued' }> {
  return apiFetch<{ id: number; status: 'queued' }>(`/api/imports/${id}/retry`, { method: 'POST' });
}

export function useRetryImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retryImport,
    onSuccess: (_answer, id) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['imports', 'list'] }),
        queryClient.invalidateQueries({ queryKey: ['imports', 'detail', id] }),
      ]),
  });
}
