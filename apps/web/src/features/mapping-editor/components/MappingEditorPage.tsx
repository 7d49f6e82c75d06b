/**
 * The mapping editor: a file the product has never seen → a dry run suggests a mapping → the
 * user edits it field by field while a debounced dry run of the edited document previews the cases and
 * rejects → save as preset → import with it.
 */
import { useEffect, useState } from 'react';
import type { Condition, FieldName, FieldSource, MappingDocument } from '@scorecard/domain/mapping/document';
import { ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { useDryRun, type MappingDraft } from '../api/dry-run.ts';
import { DATE_FORMAT_LABELS, FIELDS, SOURCE_NAMES, toDocument, unmappedRequired } from './draft.ts';
import { FieldRow } from './FieldRow.tsx';
import { FileSummary } from './FileSummary.tsx';
import { RuleInput } from './RuleInputs.tsx';
import { VendorInput } from './VendorInput.tsx';
import { PreviewTables } from './PreviewTables.tsx';
import { SaveAndImport } from './SaveAndImport.tsx';
import { useDebounced } from './use-debounced.ts';

const PREVIEW_DEBOUNCE_MS = 400;

export default function MappingEditorPage() {
  const [file, setFile] = useState<File | null>(null);
  const [fileId, setFileId] = useState(0);
  const [timeZone, setTimeZone] = useState('UTC');
  const [draft, setDraft] = useState<{ fileId: number; value: MappingDraft } | null>(null);

  const detect = useDryRun(file ? { file, fileId, mappingJson: null, timeZone: 'UTC' } : null);
  const detected = detect.data && !detect.isPlaceholderData ? detect.data : undefined;
  useEffect(() => {
    if (detected && draft?.fileId !== fileId) {
      const start = detected.mapping ?? detected.suggestion.document;
      setDraft({ fileId, value: start });
      // A preset that names its source zone brings it along.
      if (start.file?.timeZone) setTimeZone(start.file.timeZone);
    }
  }, [detected, draft, fileId]);

  const current = draft?.fileId === fileId ? draft.value : null;
  const document: MappingDocument | null = current ? toDocument(current, timeZone) : null;
  const json = document ? JSON.stringify(document) : null;
  const settledJson = useDebounced(json, PREVIEW_DEBOUNCE_MS);
  const preview = useDryRun(
    file && settledJson && settledJson === json ? { file, fileId, mappingJson: settledJson, timeZone } : null,
  );
  const update = (change: (draft: MappingDraft) => MappingDraft) =>
    setDraft((d) => (d ? { fileId: d.fileId, value: change(d.value) } : d));
  const setField = (name: string, source: FieldSource | undefined) =>
    update((d) => {
      const fields: Record<string, FieldSource | undefined> = { ...d.fields, [name]: source };
      if (!source) delete fields[name];
      return { ...d, fields };
    });
  const setCondition = (name: FieldName, condition: Condition | undefined) =>
    update(({ when, ...d }) => {
      const next: Partial<Record<FieldName, Condition>> = { ...when, [name]: condition };
      if (!condition) delete next[name];
      return Object.keys(next).length > 0 ? { ...d, when: next } : d;
    });
  const missing = current ? unmappedRequired(current) : [];
  const mappedFields = current ? FIELDS.filter((f) => current.fields[f.name]).map((f) => f.name) : [];

  return (
    <section className="page" aria-labelledby="mapping-title">
      <header className="page-header">
        <div>
          <h1 id="mapping-title">New import mapping</h1>
          <p className="lede">Map a file the product has never seen, check the preview, save it as a preset, import.</p>
        </div>
      </header>
      <div className="card">
        <div className="form-row">
          <div className="field">
            <label htmlFor="mapping-file">Export file</label>
            <input
              id="mapping-file"
              type="file"
              accept=".csv,.tsv,.txt,.gz,text/csv,text/tab-separated-values,text/plain,application/gzip"
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setFileId((id) => id + 1);
              }}
            />
          </div>
          <div className="field">
            <label htmlFor="mapping-tz">Source time zone</label>
            <input id="mapping-tz" value={timeZone} onChange={(event) => setTimeZone(event.target.value.trim())} />
          </div>
        </div>
        <p className="hint">Timestamps without an offset are read in the source time zone.</p>
      </div>
      {detect.isLoading ? <Loading label="Reading the file…" /> : null}
      {detect.isError ? <ErrorMessage error={detect.error} /> : null}
      {file && detected ? <FileSummary file={file} result={detected} /> : null}
      {file && detected && current ? (
        <>
          <section className="card" aria-labelledby="fields-title">
            <h2 id="fields-title">Fields</h2>
            <div className="form-row">
              <div className="field">
                <label htmlFor="mapping-source">Source system</label>
                <select
                  id="mapping-source"
                  value={current.source}
                  onChange={(event) => update((d) => ({ ...d, source: event.target.value as MappingDraft['source'] }))}
                >
                  {SOURCE_NAMES.map((name) => (
                    <option key={name}>{name}</option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="mapping-date-format">Date format</label>
                <select
                  id="mapping-date-format"
                  value={current.file?.dateFormat ?? 'iso'}
                  onChange={(event) =>
                    update((d) => ({
                      ...d,
                      file: {
                        ...d.file,
                        dateFormat: event.target.value as NonNullable<MappingDraft['file']>['dateFormat'],
                      },
                    }))
                  }
                >
                  {Object.entries(DATE_FORMAT_LABELS).map(([format, label]) => (
                    <option key={format} value={format}>
                      {label}
                    </option>
                  ))}
                </select>
              </div>
              <VendorInput
                vendor={current.vendor}
                headers={detected.headers}
                onChange={(vendor) => update(({ vendor: _, ...d }) => (vendor ? { ...d, vendor } : d))}
              />
              <div className="field">
                <RuleInput
                  key={fileId}
                  prefix="Skip rows where"
                  labelText="Skip rows where"
                  condition={current.skip?.[0]}
                  headers={detected.headers}
                  onChange={(condition) => update(({ skip: _, ...d }) => (condition ? { ...d, skip: [condition] } : d))}
                />
              </div>
            </div>
            <p className="hint">
              The vendor key&apos;s values are matched to vendors by name or through vendor mappings. Value maps read
              <code> raw=value</code> pairs, e.g. <code>N=true, Y=false</code>; an empty value means no value.
            </p>
            <div className="table-scroll">
              <table data-testid="mapping-fields">
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Comes from</th>
                    <th scope="col">Column and options</th>
                    <th scope="col">Why suggested</th>
                  </tr>
                </thead>
                <tbody>
                  {FIELDS.map((field) => {
                    const suggestion = detected.suggestion.fields.find((s) => s.field === field.name);
                    return (
                      <FieldRow
                        key={`${fileId}-${field.name}`}
                        field={field}
                        source={current.fields[field.name]}
                        suggested={suggestion?.source ?? null}
                        reason={suggestion?.reason}
                        headers={detected.headers}
                        onChange={(source) => setField(field.name, source)}
                        condition={current.when?.[field.name]}
                        onCondition={(condition) => setCondition(field.name, condition)}
                      />
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
          {missing.length > 0 ? (
            <p role="alert" className="card state-error" data-testid="unmapped-required">
              Map these required fields before anything can be imported: {missing.join(', ')}.
            </p>
          ) : null}
          {preview.isError ? <ErrorMessage error={preview.error} /> : null}
          {preview.data && document ? (
            <PreviewTables
              result={preview.data}
              fields={mappedFields}
              timeZone={document.file?.timeZone ?? timeZone}
              stale={preview.isFetching || settledJson !== json}
            />
          ) : null}
          <SaveAndImport
            document={preview.data && !preview.isError && preview.data.missingColumns.length === 0 ? document : null}
            file={file}
            timeZone={timeZone}
          />
        </>
      ) : null}
    </section>
  );
}
