import { Link } from 'react-router';
import { Pagination } from '../../../components/Pagination.tsx';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useImports } from '../api/list-imports.ts';
import { RetryImportButton } from './RetryImportButton.tsx';
import { Truncated } from '../../../components/Truncated.tsx';

const PAGE_SIZE = 20;

export function ImportHistory({
  offset,
  onOffset,
  selected,
}: {
  offset: number;
  onOffset: (o: number) => void;
  selected: number | null;
}) {
  const query = useImports(PAGE_SIZE, offset);
  return (
    <section className="section" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Empty title="No imports yet">Upload a help-desk export above.</Empty>
      ) : (
        <>
          <div className="table-scroll">
            <table data-testid="imports-table">
              <thead>
                <tr>
                  <th scope="col">Import</th>
                  <th scope="col">File</th>
                  <th scope="col">Status</th>
                  <th scope="col">Format</th>
                  <th scope="col" className="num">
                    Read
                  </th>
                  <th scope="col" className="num">
                    Loaded
                  </th>
                  <th scope="col" className="num">
                    Replaced
                  </th>
                  <th scope="col" className="num">
                    Skipped
                  </th>
                  <th scope="col" className="num">
                    Rejected
                  </th>
                  <th scope="col">Uploaded</th>
                </tr>
              </thead>
              <tbody>
                {query.data.items.map((item) => (
                  <tr key={item.id} aria-current={item.id === selected ? 'true' : undefined}>
                    <th scope="row">
                      <Link to={`/imports?import=${item.id}`}>#{item.id}</Link>
                    </th>
                    <td>
                      <Truncated text={item.fileName} />
                    </td>
                    <td>
                      <span className={`badge badge-${item.status}`} title={item.duplicateReason ?? undefined}>
                        {item.status}
                      </span>{' '}
                      <RetryImportButton item={item} />
                    </td>
                    <td>
                      {item.kind === 'reviews' ? 'QA reviews · ' : ''}
                      {item.presetKey ?? '—'}
                    </td>
                    <td className="num">{item.rowsRead.toLocaleString('en-GB')}</td>
                    <td className="num">{item.rowsLoaded.toLocaleString('en-GB')}</td>
                    <td className="num">{item.rowsReplaced.toLocaleString('en-GB')}</td>
                    <td className="num">{item.rowsSkipped.toLocaleString('en-GB')}</td>
                    <td className="num">{item.rowsRejected.toLocaleString('en-GB')}</td>
                    <td>{formatDateTime(item.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            label="Import history pages"
            offset={offset}
            limit={PAGE_SIZE}
            total={query.data.total}
            onChange={onOffset}
          />
        </>
      )}
    </section>
  );
}
