/** Every source with its health (ok, failing, paused), last and next run. */
import './sources.css';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useSources } from '../api/list-sources.ts';

const KIND_LABELS = { sftp: 'SFTP', s3: 'S3', zendesk: 'Zendesk' } as const;

export function SourcesList({ selected, onSelect }: { selected: number | null; onSelect: (id: number) => void }) {
  const query = useSources();
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.length === 0)
    return <Empty title="No sources yet">Add one below to pull exports on a schedule.</Empty>;
  return (
    <div className="table-scroll">
      <table data-testid="sources-table">
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Kind</th>
            <th scope="col">Health</th>
            <th scope="col">Schedule</th>
            <th scope="col">Last run</th>
            <th scope="col">Next run</th>
          </tr>
        </thead>
        <tbody>
          {query.data.map((s) => (
            <tr key={s.id} aria-current={s.id === selected ? 'true' : undefined}>
              <th scope="row">
                <button type="button" className="link-button" onClick={() => onSelect(s.id)}>
                  {s.name}
                </button>
              </th>
              <td>{KIND_LABELS[s.kind]}</td>
              <td>
                <span
                  className={`badge badge-${s.health === 'failing' ? 'failed' : s.health === 'paused' ? 'duplicate' : 'succeeded'}`}
                  title={s.health === 'failing' ? `${s.consecutiveFailures} failed pulls in a row` : undefined}
                >
                  {s.health}
                </span>
              </td>
              <td>
                <code>{s.cron}</code> {s.scheduleTimeZone}
              </td>
              <td>{s.lastRunAt ? formatDateTime(s.lastRunAt) : '—'}</td>
              <td>{s.nextRunAt ? formatDateTime(s.nextRunAt) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
