import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiBody, ApiResponse } from '../../../lib/api-types.ts';

export type QualityForm = ApiResponse<'getQualityForm'>;
export type FormContent = QualityForm['content'];
export type NewForm = ApiBody<'createQualityForm'>;

export const formsQueryOptions = () =>
  queryOptions({
    queryKey: ['quality', 'forms'],
    queryFn: ({ signal }) => apiFetch<ApiResponse<'listQualityForms'>>('/api/quality/forms', { signal }),
  });

export function useForms() {
  return useQuery(formsQueryOptions());
}

export function useForm(id: number | null) {
  return useQuery({
    queryKey: ['quality', 'forms', id],
    queryFn: ({ signal }) => apiFetch<QualityForm>(`/api/quality/forms/${id}`, { signal }),
    enabled: id !== null,
  });
}

/** Every form write answers the form; the list and the form's own query are refreshed. */
function useFormMutation<Input>(send: (input: Input) => Promise<QualityForm>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['quality', 'forms'] }),
  });
}

export function useCreateForm() {
  return useFormMutation((body: NewForm) => apiFetch<QualityForm>('/api/quality/forms', { method: 'POST', body }));
}

export function useUpdateForm(id: number) {
  return useFormMutation((content: FormContent) =>
    apiFetch<QualityForm>(`/api/quality/forms/${id}`, { method: 'PUT', body: content }),
  );
}

export function usePublishForm() {
  return useFormMutation((id: number) => apiFetch<QualityForm>(`/api/quality/forms/${id}/publish`, { method: 'POST' }));
}

export function useNewFormVersion() {
  return useFormMutation((id: number) =>
    apiFetch<QualityForm>(`/api/quality/forms/${id}/versions`, { method: 'POST' }),
  );
}
