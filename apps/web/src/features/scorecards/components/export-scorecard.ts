import { downloadText, toCsv } from '../../../lib/csv.ts';
import type { Scorecard } from '../api/get-scorecard.ts';

/** The API has no scorecard CSV route; the table is exported as shown, with raw numbers (seconds, percent). */
export function scorecardCsv(scorecard: Scorecard): string {
  const header = ['week', 'rank', 'vendor', 'composite'];
  for (const m of scorecard.metrics) {
    const unit = m.unit === 'count' ? '' : m.unit === '%' ? '_pct' : '_seconds';
    header.push(`${m.key}${unit}`, `${m.key}_target`, `${m.key}_status`, `${m.key}_change`, `${m.key}_sample`);
  }
  const rows = scorecard.vendors.map((v) => [
    scorecard.week,
    v.rank,
    v.vendorName,
    v.composite,
    ...scorecard.metrics.flatMap((m) => {
      const cell = v.metrics[m.key];
      return [cell?.value, cell?.target, cell?.status, cell?.change, cell?.sample];
    }),
  ]);
  return toCsv(header, rows);
}

export function downloadScorecard(scorecard: Scorecard): void {
  downloadText(`scorecard-${scorecard.week}.csv`, scorecardCsv(scorecard));
}
