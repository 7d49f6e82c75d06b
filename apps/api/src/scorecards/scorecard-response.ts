/**
 * GET /api/scorecards as sent: what the scorecard page shows, nothing twice (docs/metrics.md "The scorecard
 * response"). What is the same for every vendor is stated once at the top: the metric catalogue, with each
 * metric's interval method and change test, and the distinct contract terms; a row carries its own figures and
 * the index of its terms. Null figures are left out (fast-json-stringify would write a null number as 0).
 */
import type { Static } from 'typebox';
import { METRICS } from '@scorecard/domain/metrics/catalogue';
import {
  changeTest,
  intervalMethod,
  targetTest,
  type ScorecardCell,
  type Significance,
} from '@scorecard/domain/metrics/scorecard';
import { CONFIDENCE_LEVEL } from '@scorecard/domain/stats/intervals';
import type { Scorecard } from './scorecards.schemas.ts';

type Response = Static<typeof Scorecard>;
type Cell = Response['vendors'][number]['metrics'][string];
type TermSet = Response['termSets'][number];
/** The response's own facts: week, weeks with data, rank order. */
export type ScorecardHeader = Omit<Response, 'metrics' | 'termSets' | 'vendors'>;

/** The contract terms a row was computed under, as stated in the response (a null calendar: none). */
export type RowTerms = Omit<TermSet, 'calendarName'> & { calendarName: string | null };

/** One vendor's row before the terms are shared out: its figures and the terms it was computed under. */
export interface ScorecardRow {
  vendorId: number;
  vendorName: string;
  rank: number | null;
  composite: number | null;
  adjustedComposite: number | null;
  metrics: Record<string, Cell>;
  terms: RowTerms;
  qualityRules: string[];
  qualityComparable: boolean | null;
}

const present = <T>(value: T | null): T | undefined => value ?? undefined;

/** The catalogue is the domain's and the same for every response. */
const CATALOGUE: Response['metrics'] = METRICS.map(({ key, label, unit, direction, attribution }) => {
  const method = intervalMethod(key);
  return {
    key,
    label,
    unit,
    direction,
    source: attribution === 'review' ? 'reviews' : 'cases',
    interval: method === null ? undefined : { level: CONFIDENCE_LEVEL, method },
    changeTest: present(changeTest(key)),
    targetTest: present(targetTest(key)),
  };
});

/**
 * A cell as the page reads it. Left out as stated elsewhere: numerator and denominator (the value is their
 * ratio, the denominator is the sample), the previous week's value (value − change), the trend (GET
 * /api/vendors/:id/trends), the adjusted value (GET /api/vendors/:id/mix; the row has the adjusted composite).
 * Left out as shown nowhere: the detail figures (GET /api/vendors/:id/breakdown has them per group). Kept
 * though the page does not show it: the significance against the target, which no other route serves.
 */
export function responseCell(cell: ScorecardCell): Cell {
  const verdict = (significance: Significance | null) =>
    significance ? { significant: significance.significant, pValue: significance.pValue } : undefined;
  return {
    value: present(cell.value),
    reason: present(cell.reason),
    sample: cell.sample,
    target: present(cell.target),
    status: cell.status,
    change: present(cell.change),
    interval: cell.interval ? { low: cell.interval.low, high: cell.interval.high } : undefined,
    changeSignificance: verdict(cell.significance.change),
    targetSignificance: verdict(cell.significance.target),
  };
}

/**
 * The response for `rows` (already limited to what the caller may see): only the terms of those rows, each
 * distinct set once, so a vendor user never receives another vendor's terms.
 */
export function scorecardResponse(header: ScorecardHeader, rows: readonly ScorecardRow[]): Response {
  const termSets: TermSet[] = [];
  const indexOf = new Map<string, number>();
  const termSetOf = ({ calendarName, ...terms }: RowTerms) => {
    const set = { ...terms, calendarName: present(calendarName) };
    const key = JSON.stringify(set);
    let index = indexOf.get(key);
    if (index === undefined) {
      index = termSets.push(set) - 1;
      indexOf.set(key, index);
    }
    return index;
  };
  const vendors = rows.map(
    ({ terms, rank, composite, adjustedComposite, qualityRules, qualityComparable, ...row }) => ({
      ...row,
      rank: present(rank),
      composite: present(composite),
      adjustedComposite: present(adjustedComposite),
      termSet: termSetOf(terms),
      qualityRules: qualityRules.length > 0 ? qualityRules : undefined,
      qualityComparable: present(qualityComparable),
    }),
  );
  return { ...header, metrics: CATALOGUE, termSets, vendors };
}
