import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ItemStatus, Plan } from './get-plans.ts';

export interface PlanItem {
  id: number;
  planId: number;
  vendorId: number;
  meetingId: number | null;
  description: string;
  ownerUserId: number;
  ownerName: string;
  dueDate: string;
  status: ItemStatus;
  doneAt: string | null;
  overdue: boolean;
  comments: number;
  createdAt: string;
  updatedAt: string;
}

export interface Meeting {
  id: number;
  heldOn: string;
  attendees: string[];
  notes: string;
  createdAt: string;
}

export interface PlanEvent {
  id: number;
  itemId: number | null;
  meetingId: number | null;
  actorUserId: number | null;
  actorName: string | null;
  actorKind: string;
  kind: string;
  changes: Record<string, unknown>;
  note: string | null;
  at: string;
}

export interface PlanDetail {
  plan: Plan;
  meetings: Meeting[];
  items: PlanItem[];
  history: PlanEvent[];
}

export function getPlan(id: number, signal?: AbortSignal) {
  return apiFetch<PlanDetail>(`/api/plans/${id}`, { signal });
}

export const planQueryKey = (id: number) => ['plans', 'detail', id] as const;

export const planQueryOptions = (id: number) =>
  queryOptions({ queryKey: planQueryKey(id), queryFn: ({ signal }) => getPlan(id, signal) });

export function usePlan(id: number) {
  return useQuery(planQueryOptions(id));
}
