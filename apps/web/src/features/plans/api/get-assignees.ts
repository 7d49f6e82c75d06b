import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type Assignee = ApiResponse<'listVendorPlanAssignees'>['items'][number];

/** Users who may own a plan or an action item of the vendor: staff and that vendor's own users. */
export const assigneesQueryOptions = (vendorId: number | null) =>
  queryOptions({
    queryKey: ['plans', 'assignees', vendorId],
    queryFn: ({ signal }) =>
      apiFetch<ApiResponse<'listVendorPlanAssignees'>>(`/api/vendors/${vendorId}/plan-assignees`, { signal }),
    select: (data) => data.items,
    enabled: vendorId !== null,
  });

export function useAssignees(vendorId: number | null) {
  return useQuery(assigneesQueryOptions(vendorId));
}
