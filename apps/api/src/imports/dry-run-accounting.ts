/**
 * The dry run's account of the whole file: the same groups the import stores (loaded, replaced,
 * skipped, rejected, warned) and the external ids a later row repeats, so a lead sees before importing that
 * rows would replace each other. The ids are held in memory: the dry run reads at most DRY_RUN_SCAN_ROWS.
 */
import type { NormaliseResult } from '@scorecard/domain/mapping/canonical';
import type { ReviewRowResult } from '@scorecard/domain/quality/review-normalise';

/** Rows the dry run accounts for; past it the account says it is incomplete. */
export const DRY_RUN_SCAN_ROWS = 2_000_000;
const EXAMPLES = 10;

export interface DryRunAccounting {
  /** False when the file has more rows than DRY_RUN_SCAN_ROWS: the figures are those of its first rows. */
  complete: boolean;
  rowsRead: number;
  rowsLoaded: number;
  rowsReplaced: number;
  rowsSkipped: number;
  rowsRejected: number;
  rowsWarned: number;
  duplicates: { ids: number; examples: { externalId: string; lines: number[] }[] };
}

export class FileAccount {
  private readonly firstLine = new Map<string, number>();
  /** By repeat key: the id as the file writes it and its lines. */
  private readonly examples = new Map<string, { id: string; lines: number[] }>();
  /** Keys seen more than once (a key repeated past the examples is still counted once). */
  private readonly repeated = new Set<string>();
  readonly figures: DryRunAccounting = {
    complete: true,
    rowsRead: 0,
    rowsLoaded: 0,
    rowsReplaced: 0,
    rowsSkipped: 0,
    rowsRejected: 0,
    rowsWarned: 0,
    duplicates: { ids: 0, examples: [] },
  };

  /** A case row repeats by its external id. */
  add(line: number, result: NormaliseResult): void;
  /**
   * A review row repeats by the key the import's commit groups it by (checkReviewRows,
   * db/quality/review-import.ts): its review id for its case's vendor. Null for a row not accepted.
   */
  add(line: number, result: ReviewRowResult, repeatKey: string | null): void;
  add(line: number, result: NormaliseResult | ReviewRowResult, repeatKey?: string | null): void {
    const figures = this.figures;
    figures.rowsRead += 1;
    if (!result.ok) {
      if ('skip' in result) figures.rowsSkipped += 1;
      else figures.rowsRejected += 1;
      return;
    }
    if (result.warnings.length > 0) figures.rowsWarned += 1;
    const id = 'externalId' in result.value ? result.value.externalId : result.value.reviewId;
    const key = repeatKey ?? id;
    const first = this.firstLine.get(key);
    if (first === undefined) {
      this.firstLine.set(key, line);
      figures.rowsLoaded += 1;
      return;
    }
    // The later row wins at import; the earlier one is "replaced". Loaded stays the number of distinct ids.
    figures.rowsReplaced += 1;
    this.repeated.add(key);
    const example = this.examples.get(key);
    if (example) example.lines.push(line);
    else if (this.examples.size < EXAMPLES) this.examples.set(key, { id, lines: [first, line] });
  }

  result(complete: boolean): DryRunAccounting {
    return {
      ...this.figures,
      complete,
      duplicates: {
        ids: this.repeated.size,
        examples: [...this.examples.values()].map(({ id, lines }) => ({ externalId: id, lines: lines.slice(0, 20) })),
      },
    };
  }
}
