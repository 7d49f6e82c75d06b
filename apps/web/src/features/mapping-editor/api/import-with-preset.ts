import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export interface ImportWithPresetInput {
  file: File;
  preset: string;
  timeZone: string;
}

/** 202 with a new import, 200 when the file was already imported (status duplicate). */
export type ImportAccepted = ApiResponse<'createImport', 202>;

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
