import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

export interface ImportInput {
  file: File;
  preset?: string;
  timeZone?: string;
}

export interface ImportAccepted {
  id: number;
  status: 'queued' | 'duplicate';
  duplicateOf?: number;
  duplicateReason?: string;
}

/** Text fields go before the file part: the API reads options before it streams the file. */
export function createImport({ file, preset, timeZone }: ImportInput): Promise<ImportAccepted> {
  const form = new FormData();
  if (preset) form.append('preset', preset);
  if (timeZone) form.append('timeZone', timeZone);
  form.append('file', file, file.name);
  return apiFetch<ImportAccepted>('/api/imports', { method: 'POST', body: form });
}

export function useCreateImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createImport,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['imports', 'list'] }),
  });
}
