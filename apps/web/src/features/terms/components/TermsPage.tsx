import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { useCan } from '../../../lib/session.ts';
import { useSearchState } from '../../../lib/search-params.ts';
import { useTerms, type TermsRow } from '../api/list-terms.ts';
import { useTermsVendors } from '../api/list-vendors.ts';
import { CalendarsSection } from './CalendarsSection.tsx';
import { ReconciliationSection } from './ReconciliationSection.tsx';
import { TermsForm } from './TermsForm.tsx';
import { VendorTermsPanel } from './VendorTermsPanel.tsx';
import { Truncated } from '../../../components/Truncated.tsx';

const shown = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : value ? JSON.stringify(value) : '';
const FIELDS = [
  'calendarId',
  'frtBasis',
  'asyncSlBasis',
  'resolutionBasis',
  'slThresholdVoiceSeconds',
  'slThresholdChatSeconds',
  'shortAbandonSeconds',
  'asyncSlaSeconds',
  'repeatWindowSeconds',
  'satisfiedScore',
  'minSample',
] as const satisfies readonly (keyof TermsRow)[];

/** Contract terms per vendor: in force, history, editing (ops), calendars and reconciliation. */
export default function TermsPage() {
  const [params, update] = useSearchState();
  const vendors = useTermsVendors();
  const canEdit = useCan('ops');
  const items = vendors.data?.items ?? [];
  const vendorId = Number(params.get('vendorId')) || items[0]?.id || null;
  const week = params.get('week');
  const history = useTerms(vendorId);
  if (vendors.isPending) return <Loading label="Loading vendors…" />;
  if (vendors.isError) return <ErrorMessage error={vendors.error} onRetry={() => void vendors.refetch()} />;
  return (
    <section className="page" aria-labelledby="terms-title">
      <header className="page-header">
        <h1 id="terms-title">Contract terms</h1>
        <div className="toolbar">
          <label>
            Vendor{' '}
            <select value={vendorId ?? ''} onChange={(e) => update({ vendorId: e.target.value })}>
              {items.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Week{' '}
            <input
              defaultValue={week ?? ''}
              placeholder="latest"
              pattern="\d{4}-W\d{2}"
              onBlur={(e) => update({ week: e.target.value || null })}
            />
          </label>
        </div>
      </header>
      {vendorId === null ? (
        <Empty title="No vendor">Add a vendor first.</Empty>
      ) : (
        <>
          <VendorTermsPanel vendorId={vendorId} week={week} showLink={false} />
          <section className="card" aria-labelledby="history-title">
            <h2 id="history-title">History</h2>
            {(history.data?.items.length ?? 0) === 0 ? (
              <p>No terms of its own: the organisation&apos;s settings apply.</p>
            ) : (
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">From</th>
                      <th scope="col">Applies to</th>
                      {FIELDS.map((f) => (
                        <th scope="col" key={f}>
                          {f}
                        </th>
                      ))}
                      <th scope="col">Note</th>
                    </tr>
                  </thead>
                  <tbody>
                    {history.data?.items.map((row) => (
                      <tr key={row.id}>
                        <th scope="row">{row.effectiveFrom}</th>
                        <td>
                          <Truncated text={row.queue ?? row.channel ?? 'all'} />
                        </td>
                        {FIELDS.map((f) => (
                          <td key={f}>{shown(row[f])}</td>
                        ))}
                        <td>{row.note ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          {canEdit ? <TermsForm vendorId={vendorId} /> : null}
          <ReconciliationSection vendorId={vendorId} week={week} />
        </>
      )}
      <CalendarsSection />
    </section>
  );
}
