import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { MappingDocument } from '@scorecard/domain/mapping/document';
import { ErrorMessage } from '../../../components/QueryState.tsx';
import { useCreatePreset } from '../api/create-preset.ts';
import { useImportWithPreset } from '../api/import-with-preset.ts';
import { keyFromName } from './draft.ts';
import { ImportStatusLine } from './ImportStatusLine.tsx';

/** Save the mapping as a user preset, then import the file with it and link to the import's progress. */
export function SaveAndImport({
  document,
  file,
  timeZone,
}: {
  document: MappingDocument | null;
  file: File;
  timeZone: string;
}) {
  const save = useCreatePreset();
  const start = useImportWithPreset();
  const [name, setName] = useState('');
  const [key, setKey] = useState<string | null>(null);
  const presetKey = key ?? keyFromName(name);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (document) save.mutate({ key: presetKey, name, document });
  };
  const saved = save.data;
  return (
    <section className="card" aria-labelledby="save-title">
      <h2 id="save-title">Save and import</h2>
      <form className="form-row" onSubmit={submit}>
        <div className="field">
          <label htmlFor="preset-name">Preset name</label>
          <input id="preset-name" required value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="preset-key">Preset key</label>
          <input
            id="preset-key"
            required
            pattern="[a-z0-9][a-z0-9\-]{0,62}"
            value={presetKey}
            onChange={(event) => setKey(event.target.value)}
          />
        </div>
        <div className="field field-action">
          <button type="submit" className="button" disabled={!document || save.isPending || !presetKey}>
            {save.isPending ? 'Saving…' : 'Save preset'}
          </button>
        </div>
      </form>
      {save.isError ? <ErrorMessage error={save.error} /> : null}
      {saved ? (
        <p role="status">
          Saved preset “{saved.name}” ({saved.key}, version {saved.version}).
        </p>
      ) : null}
      <div className="toolbar">
        <button
          type="button"
          className="button primary"
          disabled={!saved || start.isPending || start.isSuccess}
          onClick={() => saved && start.mutate({ file, preset: saved.key, timeZone })}
        >
          {start.isPending ? 'Uploading…' : `Import ${file.name} with this preset`}
        </button>
        {start.data ? (
          <Link to={`/imports?import=${start.data.status === 'duplicate' ? start.data.duplicateOf : start.data.id}`}>
            {start.data.status === 'duplicate'
              ? `Already imported as #${start.data.duplicateOf}: open it`
              : `Follow import #${start.data.id}`}
          </Link>
        ) : null}
      </div>
      {start.data?.status === 'queued' ? <ImportStatusLine id={start.data.id} /> : null}
      {start.isError ? <ErrorMessage error={start.error} /> : null}
    </section>
  );
}
