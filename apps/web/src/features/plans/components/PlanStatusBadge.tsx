import type { ItemStatus, PlanStatus } from '../api/get-plans.ts';

const PLAN_LABELS: Record<PlanStatus, string> = {
  draft: 'Draft',
  active: 'Active',
  achieved: 'Achieved',
  missed: 'Missed',
  cancelled: 'Cancelled',
};
export const ITEM_LABELS: Record<ItemStatus, string> = { open: 'Open', in_progress: 'In progress', done: 'Done' };

/** Status as text and colour together. */
export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  return <span className={`badge plan-status-${status}`}>{PLAN_LABELS[status]}</span>;
}

export function planStatusLabel(status: PlanStatus): string {
  return PLAN_LABELS[status];
}
