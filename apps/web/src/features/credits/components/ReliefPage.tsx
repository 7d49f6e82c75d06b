import { useState, type FormEvent } from 'react';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useSearchState } from '../../../lib/search-params.ts';
import { useForecasts, useSaveForecast } from '../api/inputs.ts';
import { useCreditVendors } from '../api/list-vendors.ts';
import { ForecastImport } from './ForecastImport.tsx';
import { ReliefEvents } from './ReliefEvents.tsx';
import { formText } from './form-text.ts';
import { VendorPicker } from './VendorPicker.tsx';
import { CreditsNav } from './CreditsNav.tsx';
import './credits.css';

/** The evidence relief is computed from (finance): the client's volume forecasts and the relief events. */
export default function ReliefPage() {
  const [params, update] = useSearchState();
  const vendors = useCreditVendors();
  if (vendors.isPending) return <Loading label="Loading vendors…" />;
  if (vendors.isError) return <ErrorMessage error={vendors.error} onRetry={() => void vendors.refetch()} />;
  const vendorId = Number(params.get('vendorId')) || vendors.data.items[0]?.id || null;
  return (
    <section className="page" aria-labelledby="relief-title">
      <CreditsNav />
      <header className="page-header">
        <div>
          <h1 id="relief-title">Forecasts and relief</h1>
          <p className="lede">
            A level the vendor misses through no fault of its own is excused: volume outside the forecast band of the
            money terms, or an incident the client agreed.
          </p>
        </div>
        <VendorPicker vendors={vendors.data.items} value={vendorId} onChange={(id) => update({ vendorId: id })} />
      </header>
      {vendorId === null ? (
        <Empty title="No vendor">Add a vendor first.</Empty>
      ) : (
        <>
          <Forecasts vendorId={vendorId} />
          <ReliefEvents vendorId={vendorId} />
        </>
      )}
    </section>
  );
}

function Forecasts({ vendorId }: { vendorId: number }) {
  const forecasts = useForecasts(vendorId);
  const save = useSaveForecast();
  const [saved, setSaved] = useState<string | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const month = formText(form, 'month');
    const forecast = Number(formText(form, 'forecast'));
    setSaved(null);
    save.mutate({ vendorId, month, forecast }, { onSuccess: () => setSaved(`Forecast for ${month} saved.`) });
  };
  return (
    <section className="card section" aria-labelledby="forecasts-title">
      <h2 id="forecasts-title">Volume forecasts</h2>
      <form className="credits-form compact" onSubmit={onSubmit} aria-label="Enter a forecast">
        <label>
          Month
          <input name="month" type="month" required />
        </label>
        <label>
          Forecast volume (cases)
          <input name="forecast" type="number" required min={0} max={1_000_000_000} step={1} />
        </label>
        <button type="submit" className="button primary" disabled={save.isPending}>
          Save forecast
        </button>
        {save.isError ? <ErrorMessage error={save.error} /> : null}
        {saved ? <p role="status">{saved}</p> : null}
      </form>
      <ForecastImport />
      {forecasts.isPending ? (
        <Loading label="Loading forecasts…" />
      ) : forecasts.isError ? (
        <ErrorMessage error={forecasts.error} onRetry={() => void forecasts.refetch()} />
      ) : forecasts.data.items.length === 0 ? (
        <p>No forecast yet: without one, volume gives no relief.</p>
      ) : (
        <table className="credits-table" data-testid="forecasts">
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col" className="num">
                Forecast
              </th>
              <th scope="col">Source</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {forecasts.data.items.map((f) => (
              <tr key={f.month}>
                <th scope="row">{f.month}</th>
                <td className="num">{f.forecast.toLocaleString('en-GB')}</td>
                <td>{f.source === 'csv' ? 'CSV import' : 'entered'}</td>
                <td>{formatDateTime(f.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
