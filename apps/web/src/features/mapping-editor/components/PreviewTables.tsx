import type { DryRunResult } from '../api/dry-run.ts';
import { FileAccounting } from './FileAccounting.tsx';
import { wallTime } from './wall-time.ts';

const SHOWN_ROWS = 20;

function show(value: unknown, timeZone: string): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return wallTime(value, timeZone);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** What the import would make of the first rows: the cases, and the rows it would reject with reasons. */
export function PreviewTables({
  result,
  fields,
  timeZone,
  stale,
}: {
  result: DryRunResult;
  fields: string[];
  /** Timestamps are shown as wall time in this zone (the source zone). */
  timeZone: string;
  stale: boolean;
}) {
  const columns = ['vendorValue', ...fields];
  return (
    <section className="card" aria-labelledby="preview-title" aria-busy={stale} data-testid="preview">
      <h2 id="preview-title">Preview {stale ? <span className="hint">(updating…)</span> : null}</h2>
      <dl className="stats">
        <div>
          <dt>Sample rows read</dt>
          <dd data-testid="preview-rows-read">{result.rowsRead}</dd>
        </div>
        <div>
          <dt>Normalised</dt>
          <dd data-testid="preview-rows-ok">{result.rows.length}</dd>
        </div>
        <div>
          <dt>Rejected</dt>
          <dd data-testid="preview-rows-rejected">{result.rejects.length}</dd>
        </div>
      </dl>
      {result.missingColumns.length > 0 ? (
        <p role="alert">This file lacks the column(s) {result.missingColumns.map((c) => `'${c}'`).join(', ')}.</p>
      ) : null}
      <FileAccounting result={result} />
      <h3>
        Normalised cases (first {Math.min(SHOWN_ROWS, result.rows.length)}, times in {timeZone})
      </h3>
      <div className="table-scroll">
        <table data-testid="preview-cases">
          <thead>
            <tr>
              <th scope="col">Line</th>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column === 'vendorValue' ? 'vendor key' : column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {result.rows.slice(0, SHOWN_ROWS).map((row) => (
              <tr key={row.line}>
                <td className="num">{row.line}</td>
                {columns.map((column) => (
                  <td key={column}>{show(row.case[column], timeZone)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {result.warnings.length > 0 ? (
        <>
          <h3>Warnings (the field is left empty, the case is kept)</h3>
          <ul data-testid="preview-warnings">
            {result.warnings.slice(0, SHOWN_ROWS).map((warning, index) => (
              <li key={index}>
                Line {warning.line}
                {warning.column ? `, ${warning.column}` : ''}: {warning.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>Rejected rows</h3>
      {result.rejects.length === 0 ? (
        <p className="hint">No row of the sample would be rejected.</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="preview-rejects">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Column</th>
                <th scope="col">Reason</th>
                <th scope="col">Row</th>
              </tr>
            </thead>
            <tbody>
              {result.rejects.slice(0, SHOWN_ROWS).map((reject) => (
                <tr key={reject.line}>
                  <td className="num">{reject.line}</td>
                  <td>{reject.column ?? '—'}</td>
                  <td>{reject.reason}</td>
                  <td>
                    <code>{reject.raw}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
