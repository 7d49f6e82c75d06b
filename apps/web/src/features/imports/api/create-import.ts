import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type ImportKind = ApiResponse<'getImport'>['kind'];

export interface ImportInput {
  file: File;
  /** What the rows become: cases (a help-desk export) or quality reviews (a QA export). */
  kind?: ImportKind;
  preset?: string;
  timeZone?: string;
}

/** 202 with a new import, 200 when the file was already imported (status duplicate). */
export type ImportAccepted = ApiResponse<'createImport', 202>;

/** Text fields go before the file part: the API reads options before it streams the file. */
export function createImport({ file, kind, preset, timeZone }: ImportInput): Promise<ImportAccepted> {
  const form = new FormData();
  if (kind) form.append('kind', kind);
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
