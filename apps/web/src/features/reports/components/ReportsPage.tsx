/**
 * Reports: the delivery log (with resend), a preview of any vendor-week's email exactly as it would be sent,
 * and each vendor's schedule. The preview HTML is shown in a sandboxed iframe without scripts or same-origin
 * rights, so nothing in an email can reach the dashboard.
 */
import { useState } from 'react';
import { attachmentScope } from '@scorecard/domain/reports/report-render';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useSearchState } from '../../../lib/search-params.ts';
import { useCurrentWeekLabel } from '../../../lib/reporting-zone.ts';
import { useCan } from '../../../lib/session.ts';
import { usePreview } from '../api/get-preview.ts';
import { useDeliveries, type Delivery } from '../api/list-deliveries.ts';
import { useSchedules } from '../api/list-schedules.ts';
import { useMarkReportSent } from '../api/mark-report-sent.ts';
import { useResendReport } from '../api/resend-report.ts';
import { ScheduleRow } from './ScheduleRow.tsx';

const PAGE = 50;

export default function ReportsPage() {
  const [params, update] = useSearchState();
  const vendorParam = Number(params.get('vendorId'));
  const vendorId = Number.isInteger(vendorParam) && vendorParam > 0 ? vendorParam : null;
  const week = params.get('week');
  return (
    <section className="page" aria-labelledby="reports-title">
      <header className="page-header">
        <div>
          <h1 id="reports-title">Weekly reports</h1>
          <p className="lede">
            Each vendor receives the previous week&apos;s scorecard and its cases every week, once.
          </p>
        </div>
      </header>
      <PreviewPanel vendorId={vendorId} week={week} onChange={update} />
      <DeliveryLog />
      <Schedules onPreview={(id) => update({ vendorId: id })} />
    </section>
  );
}

function PreviewPanel(props: {
  vendorId: number | null;
  week: string | null;
  onChange: (changes: Record<string, string | number | null>) => void;
}) {
  const thisWeek = useCurrentWeekLabel();
  const schedules = useSchedules();
  const [weekInput, setWeekInput] = useState(props.week ?? '');
  const preview = usePreview(props.vendorId, props.week);
  return (
    <section aria-labelledby="preview-title" className="card">
      <h2 id="preview-title">Preview</h2>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          props.onChange({ week: weekInput || null });
        }}
      >
        <div className="field">
          <label htmlFor="preview-vendor">Vendor</label>
          <select
            id="preview-vendor"
            value={props.vendorId ?? ''}
            onChange={(e) => props.onChange({ vendorId: e.target.value || null })}
          >
            <option value="">Choose…</option>
            {(schedules.data ?? []).map((s) => (
              <option key={s.vendorId} value={s.vendorId}>
                {s.vendorName}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="preview-week">Week</label>
          <input
            id="preview-week"
            placeholder={thisWeek}
            pattern="\d{4}-W\d{2}"
            value={weekInput}
            onChange={(e) => setWeekInput(e.target.value)}
          />
        </div>
        <button type="submit" className="button">
          Show
        </button>
      </form>
      {props.vendorId === null || props.week === null ? (
        <Empty title="Choose a vendor and a week">
          The email is built exactly as the scheduled send would build it.
        </Empty>
      ) : preview.isPending ? (
        <Loading label="Building the email…" />
      ) : preview.isError ? (
        <ErrorMessage error={preview.error} onRetry={() => void preview.refetch()} />
      ) : (
        <div data-testid="report-preview">
          <dl className="facts">
            <dt>Subject</dt>
            <dd>{preview.data.subject}</dd>
            <dt>To</dt>
            <dd>{preview.data.recipients.join(', ') || 'no recipients: the send will fail'}</dd>
            <dt>Attachment</dt>
            <dd>
              {preview.data.attachment.fileName} ({Math.ceil(preview.data.attachment.bytes / 1024)} KiB
              {preview.data.attachment.gzipped ? ', gzipped' : ''}):{' '}
              <span data-testid="attachment-scope">{attachmentScope(preview.data.attachment.rows)}</span>
            </dd>
          </dl>
          <iframe
            title="Email preview"
            sandbox=""
            srcDoc={preview.data.html}
            style={{ width: '100%', height: 720, border: '1px solid #e4e7eb' }}
          />
          <details>
            <summary>Plain-text part</summary>
            <pre>{preview.data.text}</pre>
          </details>
        </div>
      )}
    </section>
  );
}

/**
 * `unknown`: the mail server may hold the message (it did not answer in time after receiving it); nothing
 * retries it, a person looks for its Message-ID at the server and marks it sent or resends it.
 */
function statusText(d: Delivery): string {
  if (d.status === 'sending') return 'sending (check if stuck)';
  if (d.status === 'unknown') {
    return d.resolvedAt === null ? 'unknown: check the Message-ID at the mail server' : 'unknown (resent)';
  }
  return d.status;
}

function DeliveryLog() {
  const [offset, setOffset] = useState(0);
  const deliveries = useDeliveries({ limit: PAGE, offset });
  const resend = useResendReport();
  const markSent = useMarkReportSent();
  const canResend = useCan('ops');
  return (
    <section aria-labelledby="log-title" className="card">
      <h2 id="log-title">Delivery log</h2>
      {resend.isError ? <ErrorMessage error={resend.error} /> : null}
      {markSent.isError ? <ErrorMessage error={markSent.error} /> : null}
      {deliveries.isPending ? (
        <Loading label="Loading deliveries…" />
      ) : deliveries.isError ? (
        <ErrorMessage error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : deliveries.data.items.length === 0 ? (
        <Empty title="No reports sent yet">Reports go out on each vendor&apos;s schedule.</Empty>
      ) : (
        <div className="table-scroll">
          <table data-testid="deliveries-table">
            <thead>
              <tr>
                <th>Vendor</th>
                <th>Week</th>
                <th>Status</th>
                <th>Attempts</th>
                <th>Sent / failed</th>
                <th>Message-ID or reason</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {deliveries.data.items.map((d) => (
                <tr key={d.id}>
                  <td>{d.vendorName}</td>
                  <td>
                    {d.week}
                    {d.resendOf ? <span className="role"> resend of #{d.resendOf}</span> : null}
                  </td>
                  <td>{statusText(d)}</td>
                  <td>{d.attempts}</td>
                  <td>{formatDateTime(d.sentAt ?? d.failedAt ?? d.unknownAt ?? d.sendingAt ?? d.createdAt)}</td>
                  <td>
                    <code>{d.messageId ?? ''}</code> {d.error ? <span className="error-text">{d.error}</span> : null}
                  </td>
                  <td>
                    {canResend && d.status === 'unknown' && d.resolvedAt === null ? (
                      <button
                        type="button"
                        className="button subtle"
                        disabled={markSent.isPending}
                        title="Found this Message-ID at the mail server: record the report as sent"
                        onClick={() => markSent.mutate(d.id)}
                      >
                        Mark sent
                      </button>
                    ) : null}
                    {canResend && d.status !== 'queued' ? (
                      <button
                        type="button"
                        className="button subtle"
                        disabled={resend.isPending}
                        onClick={() => resend.mutate(d.id)}
                      >
                        Resend
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="toolbar">
            <button
              type="button"
              className="button subtle"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
            >
              Newer
            </button>
            <button
              type="button"
              className="button subtle"
              disabled={offset + PAGE >= deliveries.data.total}
              onClick={() => setOffset(offset + PAGE)}
            >
              Older
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function Schedules({ onPreview }: { onPreview: (vendorId: number) => void }) {
  const schedules = useSchedules();
  const canEdit = useCan('ops');
  return (
    <section aria-labelledby="schedules-title" className="card">
      <h2 id="schedules-title">Schedules</h2>
      <p className="lede">
        Cron in the vendor&apos;s own time zone (minute hour day month weekday); default Monday 09:00.
      </p>
      {schedules.isPending ? (
        <Loading label="Loading schedules…" />
      ) : schedules.isError ? (
        <ErrorMessage error={schedules.error} onRetry={() => void schedules.refetch()} />
      ) : schedules.data.length === 0 ? (
        <Empty title="No vendors yet" />
      ) : (
        <div className="table-scroll">
          <table data-testid="schedules-table">
            <thead>
              <tr>
                <th>Vendor</th>
                <th>Time zone</th>
                <th>Schedule</th>
                <th>Next send</th>
                <th>Recipients</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {schedules.data.map((s) => (
                <ScheduleRow key={s.vendorId} schedule={s} canEdit={canEdit} onPreview={() => onPreview(s.vendorId)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
