import { useImportStatus } from '../api/get-import-status.ts';

/** Progress of the import the editor started, then where its rows went (read = loaded + replaced + skipped + rejected). */
export function ImportStatusLine({ id }: { id: number }) {
  const query = useImportStatus(id);
  const item = query.data;
  if (!item) return <p role="status">Import #{id} queued…</p>;
  const fmt = (n: number) => n.toLocaleString('en-GB');
  return (
    <div role="status" data-testid="editor-import-status" data-status={item.status}>
      {item.status === 'queued' || item.status === 'running' ? (
        <>
          <progress aria-label={`Import #${id} running`} />{' '}
          <span>
            Import #{id} {item.status}: {fmt(item.rowsRead)} rows read
          </span>
        </>
      ) : item.status === 'succeeded' ? (
        <p data-testid="editor-import-accounting">
          Import #{id} succeeded: {fmt(item.rowsRead)} rows read = {fmt(item.rowsLoaded)} cases loaded +{' '}
          {fmt(item.rowsReplaced)} replaced + {fmt(item.rowsSkipped)} skipped + {fmt(item.rowsRejected)} rejected
          {item.rowsWarned > 0 ? ` (${fmt(item.rowsWarned)} with warnings)` : ''}.
        </p>
      ) : (
        <p className="state state-error">
          Import #{id} {item.status}
          {item.error ? `: ${item.error}` : ''}
        </p>
      )}
    </div>
  );
}
