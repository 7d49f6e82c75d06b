/** Status always as text and colour together: colour is never the only signal. */
export type Status = 'met' | 'at_risk' | 'missed' | 'low_sample' | 'no_target' | 'no_data';

const LABELS: Record<Status, string> = {
  met: 'Met',
  at_risk: 'At risk',
  missed: 'Missed',
  low_sample: 'Low sample',
  no_target: 'No target',
  no_data: 'No data',
};

export function statusLabel(status: Status): string {
  return LABELS[status] ?? status;
}

export function StatusBadge({ status }: { status: Status }) {
  return <span className={`badge badge-${status}`}>{statusLabel(status)}</span>;
}
