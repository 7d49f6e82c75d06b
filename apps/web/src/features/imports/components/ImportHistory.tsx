import { ImportRowsTable } from '../../../components/ImportRowsTable.tsx';
import { Pagination } from '../../../components/Pagination.tsx';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { useImports } from '../api/list-imports.ts';
import { RetryImportButton } from './RetryImportButton.tsx';

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
          <ImportRowsTable
            testId="imports-table"
            atLabel="Uploaded"
            showFormat
            selected={selected}
            rows={query.data.items.map((item) => ({
              ...item,
              statusNote: item.duplicateReason,
              format: item.kind === 'reviews' ? `QA reviews · ${item.presetKey ?? '—'}` : item.presetKey,
              at: item.createdAt,
            }))}
            besideStatus={(row) => <RetryImportButton item={row} />}
          />
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
