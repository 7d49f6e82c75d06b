import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/QueryState.tsx';
import { useCreateImport, type ImportAccepted, type ImportKind } from '../api/create-import.ts';
import { usePresets } from '../api/get-presets.ts';
import { estimateDataRows } from './count-rows.ts';

const TIME_ZONES = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
})();

export function UploadForm({
  onAccepted,
}: {
  onAccepted: (accepted: ImportAccepted, estimatedRows: number | null) => void;
}) {
  const presets = usePresets();
  const upload = useCreateImport();
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<ImportKind>('cases');
  const [preset, setPreset] = useState('');
  const [timeZone, setTimeZone] = useState('UTC');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    const rows = estimateDataRows(file);
    const accepted = await upload.mutateAsync({ file, kind, preset: preset || undefined, timeZone });
    onAccepted(accepted, await rows);
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e).catch(() => undefined)} aria-labelledby="upload-title">
      <h2 id="upload-title">Upload an export</h2>
      <p className="hint">
        {kind === 'cases'
          ? 'CSV or gzip: Zendesk, Freshdesk, Salesforce, telephony call log, or the generic format. The format is detected from the header row.'
          : 'CSV or gzip: a QA tool’s review export or an internal QA spreadsheet in the generic QA CSV (one row per review, one column per criterion). Each review is scored by its form’s rule; the tool’s own score is kept beside it.'}
      </p>
      <div className="form-row">
        <div className="field">
          <label htmlFor="import-file">File</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.gz,.csv.gz,text/csv,application/gzip"
            required
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </div>
        <div className="field">
          <label htmlFor="import-kind">Rows are</label>
          <select
            id="import-kind"
            value={kind}
            onChange={(event) => {
              setKind(event.target.value as ImportKind);
              setPreset('');
            }}
          >
            <option value="cases">Cases (help-desk export)</option>
            <option value="reviews">Quality reviews (QA export)</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="import-preset">Format</label>
          <select id="import-preset" value={preset} onChange={(event) => setPreset(event.target.value)}>
            <option value="">Detect from headers</option>
            {kind === 'reviews' ? (
              <option value="qa-generic">Generic QA review CSV</option>
            ) : (
              (presets.data ?? []).map((p) => (
                <option key={p.key} value={p.key}>
                  {p.name}
                </option>
              ))
            )}
          </select>
        </div>
        <div className="field">
          <label htmlFor="import-tz">Source time zone</label>
          <input
            id="import-tz"
            list="time-zones"
            value={timeZone}
            onChange={(event) => setTimeZone(event.target.value)}
          />
          <datalist id="time-zones">
            {TIME_ZONES.map((tz) => (
              <option key={tz} value={tz} />
            ))}
          </datalist>
        </div>
        <div className="field field-action">
          <button type="submit" className="button primary" disabled={!file || upload.isPending}>
            {upload.isPending ? 'Uploading…' : 'Import'}
          </button>
        </div>
      </div>
      <p className="hint">Timestamps without an offset are read in the source time zone.</p>
      {presets.isError ? (
        <p className="hint">The list of formats could not be loaded; detection from headers still works.</p>
      ) : null}
      {upload.isError ? <ErrorMessage error={upload.error} /> : null}
    </form>
  );
}
