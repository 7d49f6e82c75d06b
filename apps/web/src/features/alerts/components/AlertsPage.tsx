/**
 * Alerts (docs/alerts.md): the rules (admin and ops create and delete them; everyone subscribes
 * themselves), the firings with the figures they fired on and a link to the cases behind them, and each
 * delivery's state. A vendor user sees their own vendor's firings only (the API filters).
 */
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { metricInfo } from '../../../lib/metrics.ts';
import { useCan } from '../../../lib/session.ts';
import { useDeleteRule } from '../api/delete-rule.ts';
import { useAlertDeliveries } from '../api/list-alert-deliveries.ts';
import { useAlertRules } from '../api/list-rules.ts';
import { useAlertVendorOptions } from '../api/list-vendor-options.ts';
import { useSetSubscription } from '../api/set-subscription.ts';
import { FiringsTable } from './FiringsTable.tsx';
import { CONDITION_TEXT } from './condition-text.ts';
import { NewRuleForm } from './NewRuleForm.tsx';
import { SendsTo } from './SendsTo.tsx';

export default function AlertsPage() {
  const canManage = useCan('ops');
  return (
    <section className="page" aria-labelledby="alerts-title">
      <header className="page-header">
        <div>
          <h1 id="alerts-title">Alerts</h1>
          <p className="lede">
            Know before the week is lost: rules on the week-to-date figures, sent by email and webhook once per state,
            again only when it gets worse.
          </p>
        </div>
      </header>
      {canManage ? <NewRuleForm /> : null}
      <Rules canManage={canManage} />
      <section className="card" aria-labelledby="firings-title">
        <h2 id="firings-title">Firings</h2>
        <FiringsTable />
      </section>
      <Deliveries />
    </section>
  );
}

function Rules({ canManage }: { canManage: boolean }) {
  const rules = useAlertRules();
  const vendors = useAlertVendorOptions();
  const vendorName = (id: number) => vendors.data?.find((v) => v.id === id)?.name ?? `#${id}`;
  const remove = useDeleteRule();
  const subscribe = useSetSubscription();
  return (
    <section className="card" aria-labelledby="rules-title">
      <h2 id="rules-title">Rules</h2>
      {remove.isError ? <ErrorMessage error={remove.error} /> : null}
      {subscribe.isError ? <ErrorMessage error={subscribe.error} /> : null}
      {rules.isPending ? (
        <Loading label="Loading rules…" />
      ) : rules.isError ? (
        <ErrorMessage error={rules.error} onRetry={() => void rules.refetch()} />
      ) : rules.data.items.length === 0 ? (
        <Empty title="No alert rules yet" />
      ) : (
        <div className="table-scroll">
          <table data-testid="rules-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Vendor</th>
                <th>Metric</th>
                <th>Condition</th>
                <th>Sends to</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rules.data.items.map((rule) => (
                <tr key={rule.id}>
                  <td>
                    {rule.name}
                    {rule.enabled ? null : <span className="role"> disabled</span>}
                  </td>
                  <td>{rule.vendorId === null ? 'every vendor' : vendorName(rule.vendorId)}</td>
                  <td>
                    {rule.metric === null ? 'every contract metric' : (metricInfo(rule.metric)?.label ?? rule.metric)}
                  </td>
                  <td>
                    {CONDITION_TEXT[rule.condition]}
                    {rule.threshold !== null ? ` (${rule.threshold})` : ''}
                    {rule.minSample !== null ? `, n ≥ ${rule.minSample}` : ''}
                  </td>
                  <td data-testid="rule-sends-to">
                    <SendsTo rule={rule} />
                  </td>
                  <td>
                    <div className="toolbar">
                      <button
                        type="button"
                        className="button subtle"
                        disabled={subscribe.isPending}
                        onClick={() => subscribe.mutate({ ruleId: rule.id, subscribed: !rule.subscribed })}
                      >
                        {rule.subscribed ? 'Unsubscribe' : 'Subscribe me'}
                      </button>
                      {canManage ? (
                        <button
                          type="button"
                          className="button subtle"
                          disabled={remove.isPending}
                          onClick={() => remove.mutate(rule.id)}
                        >
                          Delete
                        </button>
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Deliveries() {
  const deliveries = useAlertDeliveries();
  return (
    <section className="card" aria-labelledby="alert-deliveries-title">
      <h2 id="alert-deliveries-title">Deliveries</h2>
      {deliveries.isPending ? (
        <Loading label="Loading deliveries…" />
      ) : deliveries.isError ? (
        <ErrorMessage error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : deliveries.data.items.length === 0 ? (
        <Empty title="Nothing sent yet" />
      ) : (
        <div className="table-scroll">
          <table data-testid="alert-deliveries-table">
            <thead>
              <tr>
                <th>Firing</th>
                <th>Channel</th>
                <th>To</th>
                <th>Status</th>
                <th>Attempts</th>
                <th>When</th>
                <th>Response or error</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.items.map((d) => (
                <tr key={d.id} data-status={d.status}>
                  <td>#{d.firingId}</td>
                  <td>{d.channel}</td>
                  <td>{d.recipient}</td>
                  <td>{d.status}</td>
                  <td>{d.attempts}</td>
                  <td>{formatDateTime(d.deliveredAt ?? d.failedAt ?? d.createdAt)}</td>
                  <td>{d.error ? <span className="error-text">{d.error}</span> : (d.response ?? '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
