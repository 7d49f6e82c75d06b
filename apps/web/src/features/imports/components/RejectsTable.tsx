import { useState } from 'react';
import { Pagination } from '../../../components/Pagination.tsx';
import { ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { importRejectsCsvUrl, useImportRejects } from '../api/get-import-rejects.ts';

const PAGE_SIZE = 25;

export function RejectsTable({ importId }: { importId: number }) {
  const [offset, setOffset] = useState(0);
  const query = useImportRejects(importId, PAGE_SIZE, offset);
  return (
    <div className="section">
      <div className="page-header">
        <h3>Rejected rows</h3>
        <a className="button small" href={importRejectsCsvUrl(importId)} download>
          Download rejects CSV
        </a>
      </div>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <div className="table-scroll">
            <table data-testid="rejects-table">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Line
                  </th>
                  <th scope="col">Column</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Row as read</th>
                </tr>
              </thead>
              <tbody>
                {query.data.items.map((r) => (
                  <tr key={r.line}>
                    <td className="num">{r.line}</td>
                    <td>{r.column ?? '—'}</td>
                    <td>{r.reason}</td>
                    <td className="raw">{r.raw}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            label="Rejected rows pages"
            offset={offset}
            limit={PAGE_SIZE}
            total={query.data.total}
            onChange={setOffset}
          />
        </>
      )}
    </div>
  );
}
