import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

export interface Assignee {
  id: number;
  name: string;
  email: string;
  role: string;
  vendorId: number | null;
}

/** Users who may own a plan or an action item of the vendor: staff and that vendor's own users. */
export const assigneesQueryOptions = (vendorId: number | null) =>
  queryOptions({
    queryKey: ['plans', 'assignees', vendorId],
    queryFn: ({ signal }) => apiFetch<{ items: Assignee[] }>(`/api/vendors/${vendorId}/plan-assignees`, { signal }),
    select: (data) => data.items,
    enabled: vendorId !== null,
  });

export function useAssignees(vendorId: number | null) {
  return useQuery(assigneesQueryOptions(vendorId));
}
