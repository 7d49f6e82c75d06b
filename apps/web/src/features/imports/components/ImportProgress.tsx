import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { isFinished, useImport, type ImportDetail } from '../api/get-import.ts';
import { RetryImportButton } from './RetryImportButton.tsx';
import { RejectsTable } from './RejectsTable.tsx';
import { RowAccounting } from './RowAccounting.tsx';

/** Live progress of one import (polled every 500 ms until it ends), then its outcome and rejects. */
export function ImportProgress({ id, estimatedRows }: { id: number; estimatedRows: number | null }) {
  const query = useImport(id);
  const queryClient = useQueryClient();
  const finished = query.data ? isFinished(query.data.status) : false;
  useEffect(() => {
    // New cases change the history, the unmapped values and every number: refetch what is on screen.
    if (finished)
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' && q.queryKey[1] !== 'detail' });
  }, [finished, queryClient]);
  if (query.isPending) return <Loading label={`Loading import #${id}…`} />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const item = query.data;
  return (
    <section
      className="card section"
      aria-labelledby="import-progress-title"
      data-testid="import-progress"
      data-status={item.status}
    >
      <h2 id="import-progress-title">
        Import #{item.id}: {item.fileName} <span className={`badge badge-${item.status}`}>{item.status}</span>
      </h2>
      <ProgressBar item={item} estimatedRows={estimatedRows} />
      <div className="stats" aria-live="polite">
        <span>
          Rows read <b data-testid="rows-read">{item.rowsRead.toLocaleString('en-GB')}</b>
          {estimatedRows !== null && !isFinished(item.status) ? ` of ~${estimatedRows.toLocaleString('en-GB')}` : ''}
        </span>
        <span>
          Loaded <b data-testid="rows-loaded">{item.rowsLoaded.toLocaleString('en-GB')}</b>
        </span>
        <span>
          Rejected <b data-testid="rows-rejected">{item.rowsRejected.toLocaleString('en-GB')}</b>
        </span>
        {item.kind === 'reviews' ? <span>Quality reviews</span> : null}
        <span>
          Format{' '}
          {item.presetKey ? `${item.presetKey}${item.presetVersion ? ` v${item.presetVersion}` : ''}` : 'detecting…'}
        </span>
        <span>Started {formatDateTime(item.startedAt)}</span>
        {item.finishedAt ? <span>Finished {formatDateTime(item.finishedAt)}</span> : null}
      </div>
      {item.status === 'duplicate' && item.duplicateOf ? (
        <p data-testid="duplicate-reason">
          {item.duplicateReason ?? `This file was imported before as import #${item.duplicateOf}.`} Nothing changed:{' '}
          <Link to={`/imports?import=${item.duplicateOf}`}>open import #{item.duplicateOf}</Link>.
        </p>
      ) : null}
      {item.status === 'failed' && item.error ? (
        <div className="state state-error" role="alert">
          <strong>The import failed</strong>
          <p>{item.error}</p>
          <RetryImportButton item={item} />
        </div>
      ) : null}
      {item.unmapped?.length ? (
        <p className="hint">
          {item.unmapped.length} vendor value(s) in this file are not mapped to a vendor yet; map them below so their
          cases count.
        </p>
      ) : null}
      {item.archivedVendors?.length ? (
        <div className="state state-warning" role="status" data-testid="archived-vendor-rows">
          <strong>Rows of archived vendors</strong>
          <p>
            {item.archivedVendors
              .map((v) => `${v.caseCount.toLocaleString('en-GB')} case(s) of ${v.vendorName}`)
              .join(', ')}{' '}
            were loaded and counted in that vendor&apos;s history. An archived vendor is not on current scorecards;
            restore it on Settings, or map these values to another vendor.
          </p>
        </div>
      ) : null}
      {item.status === 'succeeded' ? <RowAccounting item={item} /> : null}
      {item.rowsRejected > 0 && isFinished(item.status) ? <RejectsTable importId={item.id} /> : null}
    </section>
  );
}

function ProgressBar({ item, estimatedRows }: { item: ImportDetail; estimatedRows: number | null }) {
  const done = isFinished(item.status);
  const fraction = done ? 1 : estimatedRows ? Math.min(0.99, item.rowsRead / Math.max(estimatedRows, 1)) : null;
  const state = item.status === 'failed' ? 'failed' : done ? 'done' : fraction === null ? 'indeterminate' : '';
  const label = done ? `Import ${item.status}` : item.status === 'queued' ? 'Waiting for the worker' : 'Importing';
  return (
    <div
      className={`progress ${state}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
      aria-valuetext={done ? item.status : `${item.rowsRead} rows read`}
    >
      <span style={fraction === null ? undefined : { width: `${Math.round(fraction * 100)}%` }} />
    </div>
  );
}
