/** One source: run now, pause or resume, its last runs and the imports it created with their row counts. */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ImportRowsTable } from '../../../components/ImportRowsTable.tsx';
import { ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useRunSource, useSetSourceEnabled } from '../api/change-source.ts';
import { sourceQueryOptions } from '../api/get-source.ts';
import { SOURCES_POLL_MS } from '../api/list-sources.ts';

// After "Run now" the run row appears once a worker takes the job: keep looking for that long at most.
const WATCH_AFTER_RUN_MS = 60_000;

export function SourceDetailPanel({ id }: { id: number }) {
  const [watchUntil, setWatchUntil] = useState(0);
  const options = sourceQueryOptions(id);
  const query = useQuery({
    ...options,
    refetchInterval: (q) =>
      Date.now() < watchUntil
        ? SOURCES_POLL_MS
        : typeof options.refetchInterval === 'function'
          ? options.refetchInterval(q)
          : false,
  });
  const run = useRunSource();
  const toggle = useSetSourceEnabled();
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const source = query.data;
  return (
    <section className="section" aria-labelledby="source-title" data-testid="source-detail">
      <header className="page-header">
        <h2 id="source-title">{source.name}</h2>
        <div className="source-actions">
          <button
            type="button"
            className="button primary"
            disabled={!source.enabled || run.isPending}
            onClick={() => run.mutate(source.id, { onSuccess: () => setWatchUntil(Date.now() + WATCH_AFTER_RUN_MS) })}
          >
            Run now
          </button>
          <button
            type="button"
            className="button"
            disabled={toggle.isPending}
            onClick={() => toggle.mutate({ id: source.id, enabled: !source.enabled })}
          >
            {source.enabled ? 'Pause' : 'Resume'}
          </button>
        </div>
      </header>
      {run.isError ? <ErrorMessage error={run.error} /> : null}
      {source.lastError ? (
        <p className="hint" role="note">
          Last error: {source.lastError}
        </p>
      ) : null}
      <h3>Imports</h3>
      {source.imports.length === 0 ? (
        <p className="hint">Nothing pulled yet.</p>
      ) : (
        <ImportRowsTable
          testId="source-imports"
          atLabel="Pulled"
          rows={source.imports.map((i) => ({ ...i, id: i.importId, statusNote: i.error, at: i.pulledAt }))}
        />
      )}
      <h3>Runs</h3>
      {source.runs.length === 0 ? (
        <p className="hint">No run yet.</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="source-runs">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Trigger</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Found
                </th>
                <th scope="col" className="num">
                  New imports
                </th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {source.runs.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.startedAt)}</td>
                  <td>{r.trigger}</td>
                  <td>
                    <span className={`badge badge-${r.status}`}>{r.status}</span>
                  </td>
                  <td className="num">{r.itemsFound}</td>
                  <td className="num">{r.importsCreated}</td>
                  <td className="source-long-text">{r.error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
