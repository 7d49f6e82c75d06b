import type { DryRunResult } from '../api/dry-run.ts';

/**
 * The whole file as the import would account for it, before anything is imported: distinct cases, rows a
 * later row with the same id would replace (a warning: the id is probably not unique), rows skipped by rule,
 * rejects; and the file columns that no field reads.
 */
export function FileAccounting({ result }: { result: DryRunResult }) {
  const account = result.accounting;
  if (!account) return null;
  const fmt = (n: number) => n.toLocaleString('en-GB');
  return (
    <div data-testid="file-accounting">
      <p>
        {account.complete ? 'The whole file' : `The first ${fmt(account.rowsRead)} rows`}:{' '}
        <b data-testid="dry-run-accounting">
          {fmt(account.rowsRead)} rows = {fmt(account.rowsLoaded)} cases + {fmt(account.rowsReplaced)} replaced +{' '}
          {fmt(account.rowsSkipped)} skipped + {fmt(account.rowsRejected)} rejected
        </b>
        {account.rowsWarned > 0 ? ` (${fmt(account.rowsWarned)} cases with warnings)` : ''}.
      </p>
      {account.rowsReplaced > 0 ? (
        <p role="alert" className="state state-error" data-testid="duplicate-ids">
          {fmt(account.duplicates.ids)} case id(s) occur on more than one row, so {fmt(account.rowsReplaced)} row(s)
          would be replaced by a later row with the same id. Examples:{' '}
          {account.duplicates.examples
            .slice(0, 5)
            .map((example) => `'${example.externalId}' on lines ${example.lines.join(', ')}`)
            .join('; ')}
          . If these are different cases, build the id from more columns (a template such as {'{line}-{call}'}).
        </p>
      ) : null}
      {result.unreadColumns.length > 0 ? (
        <p className="hint" data-testid="unread-columns">
          No field reads these columns: {result.unreadColumns.join(', ')}.
        </p>
      ) : null}
      {result.unusedMappedColumns.length > 0 ? (
        <p className="hint" data-testid="unused-mapped-columns">
          The mapping names columns this file does not have (their fields stay empty):{' '}
          {result.unusedMappedColumns.join(', ')}.
        </p>
      ) : null}
    </div>
  );
}
