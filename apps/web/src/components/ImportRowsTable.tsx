/**
 * Imports as rows with their whole row accounting (read = loaded + replaced + skipped + rejected once
 * succeeded): the import history and a source's imports show the same table. Features pass what differs: the
 * time column's label, and anything to show beside a row's status (the history's retry button).
 */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../lib/format.ts';
import { Truncated } from './Truncated.tsx';

export interface ImportRow {
  id: number;
  fileName: string;
  status: string;
  /** Why the status is what it is (a duplicate's reason, an error), on hover. */
  statusNote: string | null;
  /** The format (preset) the import used, when the table shows that column. */
  format?: string | null;
  rowsRead: number;
  rowsLoaded: number;
  rowsReplaced: number;
  rowsSkipped: number;
  rowsRejected: number;
  at: string;
}

const count = (n: number) => n.toLocaleString('en-GB');

export function ImportRowsTable<Row extends ImportRow>({
  rows,
  testId,
  atLabel,
  showFormat = false,
  selected = null,
  besideStatus,
}: {
  rows: readonly Row[];
  testId: string;
  atLabel: string;
  showFormat?: boolean;
  selected?: number | null;
  besideStatus?: (row: Row) => ReactNode;
}) {
  return (
    <div className="table-scroll">
      <table data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">Import</th>
            <th scope="col">File</th>
            <th scope="col">Status</th>
            {showFormat ? <th scope="col">Format</th> : null}
            {['Read', 'Loaded', 'Replaced', 'Skipped', 'Rejected'].map((label) => (
              <th key={label} scope="col" className="num">
                {label}
              </th>
            ))}
            <th scope="col">{atLabel}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} aria-current={row.id === selected ? 'true' : undefined}>
              <th scope="row">
                <Link to={`/imports?import=${row.id}`}>#{row.id}</Link>
              </th>
              <td>
                <Truncated text={row.fileName} />
              </td>
              <td>
                <span className={`badge badge-${row.status}`} title={row.statusNote ?? undefined}>
                  {row.status}
                </span>
                {besideStatus ? <> {besideStatus(row)}</> : null}
              </td>
              {showFormat ? <td>{row.format ?? '—'}</td> : null}
              <td className="num">{count(row.rowsRead)}</td>
              <td className="num">{count(row.rowsLoaded)}</td>
              <td className="num">{count(row.rowsReplaced)}</td>
              <td className="num">{count(row.rowsSkipped)}</td>
              <td className="num">{count(row.rowsRejected)}</td>
              <td>{formatDateTime(row.at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
