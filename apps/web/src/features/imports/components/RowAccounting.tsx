import type { ImportDetail } from '../api/get-import.ts';

const KINDS = [
  {
    kind: 'replaced',
    label: 'Replaced',
    count: (i: ImportDetail) => i.rowsReplaced,
    hint: 'a later row had the same id',
  },
  {
    kind: 'skipped',
    label: 'Skipped by rule',
    count: (i: ImportDetail) => i.rowsSkipped,
    hint: "the mapping's skip rule",
  },
  {
    kind: 'warnings',
    label: 'Rows with warnings',
    count: (i: ImportDetail) => i.rowsWarned,
    hint: 'an optional field was left empty, or a note such as a QA tool score that differs from ours',
  },
] as const;

/**
 * Where every row read went (SPEC "Every row is accounted for"): read = loaded + replaced + skipped + rejected,
 * with the replaced rows, skipped rows and warnings downloadable like the rejects.
 */
export function RowAccounting({ item }: { item: ImportDetail }) {
  const accounted = item.rowsLoaded + item.rowsReplaced + item.rowsSkipped + item.rowsRejected;
  return (
    <div className="section" data-testid="row-accounting">
      <p>
        <b data-testid="accounting-sum">
          {fmt(item.rowsRead)} read = {fmt(item.rowsLoaded)} loaded + {fmt(item.rowsReplaced)} replaced +{' '}
          {fmt(item.rowsSkipped)} skipped + {fmt(item.rowsRejected)} rejected
        </b>
        {accounted === item.rowsRead ? null : !item.rowsAccounted ? (
          <span className="hint"> (imported before rows were accounted for: repeated ids counted as loaded)</span>
        ) : (
          <span className="state state-error" role="alert">
            {' '}
            These do not add up ({fmt(accounted)}).
          </span>
        )}
      </p>
      <ul className="inline-list">
        {KINDS.filter(({ count }) => count(item) > 0).map(({ kind, label, count, hint }) => (
          <li key={kind}>
            {label} <b data-testid={`rows-${kind}`}>{fmt(count(item))}</b> ({hint}):{' '}
            <a href={`/api/imports/${item.id}/${kind}.csv`} download>
              download CSV
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function fmt(n: number): string {
  return n.toLocaleString('en-GB');
}
