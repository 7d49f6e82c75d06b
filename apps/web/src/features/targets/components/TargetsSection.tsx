import { useState, type FormEvent } from 'react';
import { CHANNELS } from '@scorecard/domain/channels';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { formatValue } from '../../../lib/format.ts';
import { useCreateTarget } from '../api/create-target.ts';
import { useDeleteTarget } from '../api/delete-target.ts';
import { useTargets } from '../api/list-targets.ts';
import { metricLabel, TARGET_METRICS, toApiValue, unitOf } from './metric-units.ts';
import { Truncated } from '../../../components/Truncated.tsx';

export interface VendorOption {
  id: number;
  name: string;
}

/** Targets: the most specific one in force applies (vendor + segment > vendor > segment > everyone). */
export function TargetsSection({ vendors, defaultWeek }: { vendors: readonly VendorOption[]; defaultWeek: string }) {
  const query = useTargets();
  const remove = useDeleteTarget();
  const vendorName = (id: number | null) =>
    id === null ? 'All vendors' : (vendors.find((v) => v.id === id)?.name ?? `#${id}`);
  return (
    <section className="section" aria-labelledby="targets-title">
      <h2 id="targets-title">Targets</h2>
      <TargetForm vendors={vendors} defaultWeek={defaultWeek} />
      {remove.isError ? <ErrorMessage error={remove.error} /> : null}
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <Empty title="No targets yet">
          Without a target a metric shows its value but no status, and takes no part in the composite.
        </Empty>
      ) : (
        <div className="table-scroll">
          <table data-testid="targets-table">
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col" className="num">
                  Target
                </th>
                <th scope="col">Vendor</th>
                <th scope="col">Channel / queue</th>
                <th scope="col">From week</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {query.data.map((t) => (
                <tr key={t.id}>
                  <th scope="row">{metricLabel(t.metric)}</th>
                  <td className="num">{formatValue(t.value, unitOf(t.metric))}</td>
                  <td>{vendorName(t.vendorId)}</td>
                  <td>
                    <Truncated text={t.channel ?? t.queue ?? 'All'} />
                  </td>
                  <td>{t.effectiveFrom}</td>
                  <td>
                    <button
                      type="button"
                      className="button small danger"
                      disabled={remove.isPending}
                      onClick={() => remove.mutate(t.id)}
                    >
                      Delete
                    </button>
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

function TargetForm({ vendors, defaultWeek }: { vendors: readonly VendorOption[]; defaultWeek: string }) {
  const create = useCreateTarget();
  const [metric, setMetric] = useState(TARGET_METRICS[0]!.key);
  const [value, setValue] = useState('');
  const [vendorId, setVendorId] = useState('');
  const [segment, setSegment] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState(defaultWeek);
  const input = TARGET_METRICS.find((m) => m.key === metric)!.input;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const [kind, name] = segment.split(':') as [string, string | undefined];
    create.mutate(
      {
        metric,
        value: toApiValue(metric, Number(value)),
        vendorId: vendorId ? Number(vendorId) : null,
        channel: kind === 'channel' ? (CHANNELS.find((c) => c === name) ?? null) : null,
        queue: kind === 'queue' ? (name ?? null) : null,
        effectiveFrom,
      },
      { onSuccess: () => setValue('') },
    );
  };
  return (
    <form className="card" onSubmit={submit} aria-label="Add a target">
      <div className="form-row">
        <div className="field">
          <label htmlFor="target-metric">Metric</label>
          <select
            id="target-metric"
            value={metric}
            onChange={(e) => setMetric(TARGET_METRICS.find((m) => m.key === e.target.value)?.key ?? metric)}
          >
            {TARGET_METRICS.map((m) => (
              <option key={m.key} value={m.key}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="target-value">Target value</label>
          <input
            id="target-value"
            type="number"
            required
            min={0}
            max={input === 'percent' ? 100 : undefined}
            step="any"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="target-vendor">Vendor</label>
          <select id="target-vendor" value={vendorId} onChange={(e) => setVendorId(e.target.value)}>
            <option value="">All vendors</option>
            {vendors.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="target-segment">Channel</label>
          <select id="target-segment" value={segment} onChange={(e) => setSegment(e.target.value)}>
            <option value="">All channels and queues</option>
            {CHANNELS.map((c) => (
              <option key={c} value={`channel:${c}`}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="target-from">From week</label>
          <input
            id="target-from"
            required
            pattern="\d{4}-W\d{2}"
            placeholder={defaultWeek}
            value={effectiveFrom}
            onChange={(e) => setEffectiveFrom(e.target.value)}
          />
        </div>
        <div className="field field-action">
          <button type="submit" className="button primary" disabled={create.isPending}>
            Add target
          </button>
        </div>
      </div>
      {create.isError ? <ErrorMessage error={create.error} /> : null}
    </form>
  );
}
