/**
 * The canonical case record (docs/definitions.md "Canonical case record") that every import format maps onto,
 * and the contract between the mapping mechanism (this folder) and the import pipeline (apps/worker/src/imports).
 */
import type { Channel } from '../channels.ts';

export const SOURCES = ['zendesk', 'freshdesk', 'salesforce', 'telephony', 'generic'] as const;
export type Source = (typeof SOURCES)[number];

export interface CanonicalCase {
  source: Source;
  externalId: string;
  /** The attribution key as the export carried it; vendor_mappings resolve (source, field, value) to a vendor. */
  vendorField: string | null;
  vendorValue: string | null;
  site: string | null;
  queue: string | null;
  channel: Channel;
  tier: 1 | 2 | null;
  customerId: string | null;
  agentId: string | null;
  createdAt: Date;
  firstResponseAt: Date | null;
  solvedAt: Date | null;
  status: string | null;
  reopenCount: number | null;
  handleSeconds: number | null;
  waitSeconds: number | null;
  answered: boolean | null;
  abandoned: boolean | null;
  csatScore: number | null;
  csatScale: 2 | 5 | null;
  csatAt: Date | null;
  escalated: boolean | null;
  firstContactResolved: boolean | null;
  updatedAt: Date | null;
  /** The help desk's own figures (e.g. Zendesk "First reply time in minutes"), for reconciliation. */
  reported: Record<string, number | string> | null;
}

/** A row that cannot become a case: kept with its line, the column at fault and a reason a lead can act on. */
export interface RowReject {
  line: number;
  column: string | null;
  reason: string;
}

/** An optional field whose value was bad: the field is dropped for that row, the case is kept. */
export interface RowWarning {
  line: number;
  column: string | null;
  reason: string;
}

/** A row the mapping's `skip` rule leaves out on purpose (e.g. ghost calls): counted, neither loaded nor rejected. */
export interface RowSkip {
  line: number;
  reason: string;
}

export type NormaliseResult =
  | { ok: true; value: CanonicalCase; warnings: readonly RowWarning[] }
  | { ok: false; reject: RowReject }
  | { ok: false; skip: RowSkip };

/**
 * Longest text a field may hold, in characters (docs/imports.md "Length limits"). A longer external id rejects
 * the row; a longer optional text is dropped with a warning naming the limit. Never truncated: a cut id or
 * queue would silently merge distinct values.
 */
export const TEXT_LIMITS = {
  externalId: 255,
  vendorValue: 200,
  site: 200,
  queue: 200,
  customerId: 255,
  agentId: 255,
  status: 100,
} as const satisfies Partial<Record<keyof CanonicalCase, number>>;

/**
 * A mapping document compiled against one file's header row. `normalise` is called once per data row
 * with the row's raw cell values (in header order) and its 1-based physical line number in the file;
 * it never throws for bad data (it returns a reject) and is fast enough for millions of rows.
 */
export interface CompiledMapping {
  /** Columns the document needs that the header row lacks; non-empty means the file cannot be imported. */
  missingColumns: string[];
  normalise(cells: readonly string[], line: number): NormaliseResult;
}
