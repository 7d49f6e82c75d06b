/** Field labels for reasons, and what went wrong in the row being normalised (compile.ts). */
import type { RowWarning } from './canonical.ts';
import type { FieldName } from './document.ts';

export const FIELD_LABELS: Record<FieldName, string> = {
  externalId: 'external id',
  site: 'site',
  queue: 'queue',
  channel: 'channel',
  tier: 'tier',
  customerId: 'customer id',
  agentId: 'agent id',
  createdAt: 'created at',
  firstResponseAt: 'first response',
  solvedAt: 'solved at',
  status: 'status',
  reopenCount: 'reopen count',
  handleSeconds: 'handle time',
  waitSeconds: 'wait time',
  answered: 'answered',
  abandoned: 'abandoned',
  csatScore: 'CSAT',
  csatScale: 'CSAT scale',
  csatAt: 'CSAT at',
  escalated: 'escalated',
  firstContactResolved: 'first contact resolved',
  updatedAt: 'updated at',
};

const REQUIRED: ReadonlySet<FieldName> = new Set<FieldName>(['externalId', 'createdAt', 'channel']);

/**
 * What went wrong in the row being normalised. A required field's problem rejects the row; an optional
 * field's problem empties that field and becomes a warning, so the case still counts where it is not needed.
 */
export class RowOutcome {
  line = 0;
  rejected = false;
  column: string | null = null;
  reason = '';
  warnings: RowWarning[] | null = null;
  reset(line: number): void {
    this.line = line;
    this.rejected = false;
    this.warnings = null;
  }
  reject(column: string | null, reason: string): void {
    if (this.rejected) return;
    this.rejected = true;
    this.column = column;
    this.reason = reason;
  }
  warn(column: string | null, reason: string): void {
    (this.warnings ??= []).push({ line: this.line, column, reason: `${reason}; the value was left empty` });
  }
  fail(field: FieldName | 'vendorValue', column: string | null, reason: string): void {
    if (REQUIRED.has(field as FieldName)) this.reject(column, reason);
    else this.warn(column, reason);
  }
}
