import type { StatementStatus } from '../api/statements.ts';

const LABELS: Record<StatementStatus, string> = {
  draft: 'Draft',
  shared: 'Shared with vendor',
  disputed: 'Disputed',
  final: 'Final',
};

/** The statement's step of the close, as text and colour. */
export function StatementStatusBadge({ status }: { status: string }) {
  const known = status in LABELS ? (status as StatementStatus) : null;
  return <span className={`badge statement-status-${status}`}>{known ? LABELS[known] : status}</span>;
}

const OUTCOMES: Record<string, string> = {
  met: 'Met',
  expected_missed: 'Expected level missed',
  minimum_missed: 'Minimum level missed',
  excused: 'Excused',
  no_figure: 'No figure',
};

/** A line's status against its minimum and expected levels. */
export function OutcomeBadge({ outcome }: { outcome: string }) {
  return <span className={`badge outcome-${outcome}`}>{OUTCOMES[outcome] ?? outcome}</span>;
}
