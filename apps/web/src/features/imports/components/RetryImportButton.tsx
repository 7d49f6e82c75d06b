import { useRetryImport } from '../api/retry-import.ts';
import type { ImportSummary } from '../api/get-import.ts';

/** An unfinished import this old may be stranded: offer Retry (the API refuses while its job is live). */
const STUCK_AFTER_MS = 10 * 60 * 1000;

function retryable(item: ImportSummary): boolean {
  if (item.status === 'failed') return true;
  if (item.status !== 'queued' && item.status !== 'running') return false;
  return Date.now() - new Date(item.startedAt ?? item.createdAt).getTime() > STUCK_AFTER_MS;
}

export function RetryImportButton({ item }: { item: ImportSummary }) {
  const retry = useRetryImport();
  if (!retryable(item)) return null;
  return (
    <span className="retry-import">
      <button
        type="button"
        className="button"
        disabled={retry.isPending}
        aria-label={`Retry import #${item.id}`}
        onClick={() => retry.mutate(item.id)}
      >
        {retry.isPending ? 'Retrying…' : 'Retry'}
      </button>
      {retry.isError ? (
        <span role="alert" className="hint">
          {retry.error.message}
        </span>
      ) : null}
    </span>
  );
}
