import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

export interface ImportWithPresetInput {
  file: File;
  preset: string;
  timeZone: string;
}

export interface ImportAccepted {
  id: number;
  status: 'queued' | 'duplicate';
  duplicateOf?: number;
}

/** Text fields go before the file part: the API reads options before it streams the file. */
export function importWithPreset({ file, preset, timeZone }: ImportWithPresetInput): Promise<ImportAccepted> {
  const form = new FormData();
  form.append('preset', preset);
  form.append('timeZone', timeZone);
  form.append('file', file, file.name);
  return apiFetch<ImportAccepted>('/api/imports', { method: 'POST', body: form });
}

export function useImportWithPreset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importWithPreset,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['imports'] }),
  });
}
