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
  private readonly examples = new Map<string, number[]>();
  private repeatedIds = 0;
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

  /** A case row repeats by external id, a review row by review id. */
  add(line: number, result: NormaliseResult | ReviewRowResult): void {
    const figures = this.figures;
    figures.rowsRead += 1;
    if (!result.ok) {
      if ('skip' in result) figures.rowsSkipped += 1;
      else figures.rowsRejected += 1;
      return;
    }
    if (result.warnings.length > 0) figures.rowsWarned += 1;
    const id = 'externalId' in result.value ? result.value.externalId : result.value.reviewId;
    const first = this.firstLine.get(id);
    if (first === undefined) {
      this.firstLine.set(id, line);
      figures.rowsLoaded += 1;
      return;
    }
    // The later row wins at import; the earlier one is "replaced". Loaded stays the number of distinct ids.
    figures.rowsReplaced += 1;
    const lines = this.examples.get(id);
    if (lines) lines.push(line);
    else {
      this.repeatedIds += 1;
      if (this.examples.size < EXAMPLES) this.examples.set(id, [first, line]);
    }
  }

  result(complete: boolean): DryRunAccounting {
    return {
      ...this.figures,
      complete,
      duplicates: {
        ids: this.repeatedIds,
        examples: [...this.examples].map(([externalId, lines]) => ({ externalId, lines: lines.slice(0, 20) })),
      },
    };
  }
}
