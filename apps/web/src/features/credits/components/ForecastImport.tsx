import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/QueryState.tsx';
import { useImportForecasts } from '../api/inputs.ts';

/**
 * Forecasts for any vendors and months from a CSV file (columns vendor or vendor_id, month YYYY-MM, forecast). The
 * answer accounts for every data row: read = loaded + replaced + rejected, each reject with its line and reason.
 */
export function ForecastImport() {
  const upload = useImportForecasts();
  const [fileName, setFileName] = useState<string | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get('file');
    if (!(file instanceof File) || file.size === 0) return;
    setFileName(file.name);
    upload.mutate(file);
  };
  const result = upload.data;
  return (
    <div className="forecast-import">
      <h3>From a CSV file</h3>
      <form className="credits-form compact" onSubmit={onSubmit} aria-label="Import forecasts from CSV">
        <label>
          CSV file (vendor or vendor_id, month, forecast)
          <input name="file" type="file" accept=".csv,text/csv" required />
        </label>
        <button type="submit" className="button primary" disabled={upload.isPending}>
          Import forecasts
        </button>
      </form>
      {upload.isError ? <ErrorMessage error={upload.error} /> : null}
      {result ? (
        <div role="status" data-testid="forecast-import-result">
          <p>
            {fileName}: {result.read} read, {result.loaded} loaded, {result.replaced} replaced, {result.rejected}{' '}
            rejected.
          </p>
          {result.rejects.length > 0 ? (
            <table className="credits-table" data-testid="forecast-rejects">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Line
                  </th>
                  <th scope="col">Why it was rejected</th>
                </tr>
              </thead>
              <tbody>
                {result.rejects.map((r, i) => (
                  <tr key={`${r.line}-${i}`}>
                    <td className="num">{r.line}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
