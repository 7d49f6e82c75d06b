/**
 * A statement as a reader is shown it: every amount null where the reader may not see amounts (who may is the
 * API's rule, apps/api/src/credits/amounts.ts), waived lines marked; and its CSV, the same for the API's
 * download and the report email's attachment.
 */
import { csvLine, type CsvValue } from '../csv.ts';
import type { Statement } from './statement.ts';

const HIDDEN = 'amount hidden for this role';

/** How a line's dispute stands: open, accepted (waived), accepted_in_part (`waivedMinor` waived) or rejected. */
export interface LineResolution {
  status: string;
  waivedMinor: number | null;
}

/**
 * The statement with every amount null and every formula that states one replaced; each disputed line with its
 * resolution (`resolutions` by metric).
 */
export function withAmounts(statement: Statement, resolutions: ReadonlyMap<string, LineResolution>, shown: boolean) {
  const amount = (value: number) => (shown ? value : null);
  return {
    currency: statement.currency,
    atRiskMinor: amount(statement.atRiskMinor),
    capMinor: amount(statement.capMinor),
    creditsBeforeCapMinor: amount(statement.creditsBeforeCapMinor),
    creditsMinor: amount(statement.creditsMinor),
    earnBackMinor: amount(statement.earnBackMinor),
    bonusMinor: amount(statement.bonusMinor),
    netMinor: amount(statement.netMinor),
    bonusFormula: statement.bonusFormula === null ? null : shown ? statement.bonusFormula : HIDDEN,
    lines: statement.lines.map((line) => {
      const resolution = resolutions.get(line.metric) ?? null;
      return {
        ...line,
        creditMinor: amount(line.creditMinor),
        chargedMinor: amount(line.chargedMinor),
        waived: resolution?.status === 'accepted' || resolution?.status === 'accepted_in_part',
        dispute: resolution?.status ?? null,
        /** What an acceptance in part waived; null otherwise (a whole acceptance waives the whole charge). */
        waivedMinor: resolution?.waivedMinor == null ? null : amount(resolution.waivedMinor),
        formula: shown || line.creditMinor === 0 ? line.formula : HIDDEN,
      };
    }),
    earnBack: statement.earnBack.map((e) => ({
      ...e,
      amountMinor: amount(e.amountMinor),
      formula: shown ? e.formula : HIDDEN,
    })),
  };
}

/** The shown statement with where it stands: what the CSV is written from. */
export type StatementView = ReturnType<typeof withAmounts> & { month: string; status: string };

const COLUMNS = [
  'vendor',
  'month',
  'status',
  'metric',
  'kind',
  'figure',
  'n',
  'low',
  'high',
  'expected',
  'minimum',
  'outcome',
  'default',
  'misses in window',
  'relief',
  'credit (minor)',
  'charged (minor)',
  'dispute',
  'waived in part (minor)',
  'formula',
] as const;

/** A CSV row from the cells it has, by column name; every other column is empty. */
function row(cells: Partial<Record<(typeof COLUMNS)[number], CsvValue>>): string {
  return csvLine(COLUMNS.map((column) => cells[column] ?? null));
}

/** UTF-8 with a BOM (spreadsheets read the encoding from it), formula-safe cells (packages/domain/src/csv.ts). */
export function statementCsv(view: StatementView, vendorName: string): string {
  const where = { vendor: vendorName, month: view.month, status: view.status };
  const rows = [
    csvLine(COLUMNS),
    ...view.lines.map((l) =>
      row({
        ...where,
        metric: l.metric,
        kind: l.kind,
        figure: l.figure.value,
        n: l.figure.n,
        low: l.figure.low,
        high: l.figure.high,
        expected: l.expected,
        minimum: l.minimum,
        outcome: l.outcome,
        default: l.verdict.isDefault,
        'misses in window': l.verdict.missesInWindow,
        relief: l.relief?.reason,
        'credit (minor)': l.creditMinor,
        'charged (minor)': l.chargedMinor,
        dispute: l.dispute === null ? null : l.dispute.replaceAll('_', ' '),
        'waived in part (minor)': l.waivedMinor,
        formula: l.formula,
      }),
    ),
    ...view.earnBack.map((e) =>
      row({
        ...where,
        metric: e.metric,
        kind: 'earn-back',
        'credit (minor)': e.amountMinor === null ? null : -e.amountMinor,
        formula: e.formula,
      }),
    ),
    row({
      ...where,
      metric: 'total',
      kind: view.currency,
      'credit (minor)': view.creditsBeforeCapMinor,
      'charged (minor)': view.netMinor,
      formula: `cap ${view.capMinor ?? 'hidden'}; bonus ${view.bonusMinor ?? 'hidden'}`,
    }),
  ];
  return `\uFEFF${rows.join('')}`;
}
