/**
 * Adds an import source. The fields follow the kind; credentials are write-only (the API never answers them),
 * so they are plain password inputs that start empty.
 */
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/QueryState.tsx';
import { useCreateSource } from '../api/change-source.ts';
import type { SourceKind } from '../api/list-sources.ts';

interface FieldSpec {
  name: string;
  label: string;
  type?: 'number' | 'textarea';
  required?: boolean;
  hint?: string;
}

const SETTINGS: Record<SourceKind, FieldSpec[]> = {
  sftp: [
    { name: 'host', label: 'Host', required: true },
    { name: 'port', label: 'Port', type: 'number' },
    { name: 'username', label: 'User', required: true },
    { name: 'folder', label: 'Folder', required: true, hint: 'Absolute, e.g. /exports' },
    { name: 'pattern', label: 'File pattern', hint: 'Default *.csv' },
    { name: 'hostKeySha256', label: 'Host key (SHA256:…)', required: true, hint: 'ssh-keygen -lf host_key.pub' },
    { name: 'doneFolder', label: 'Move imported files to', hint: 'Optional, absolute' },
  ],
  s3: [
    { name: 'endpoint', label: 'Endpoint', hint: 'Empty for AWS; http(s)://… for S3-compatible' },
    { name: 'region', label: 'Region' },
    { name: 'bucket', label: 'Bucket', required: true },
    { name: 'prefix', label: 'Prefix' },
    { name: 'pattern', label: 'File pattern', hint: 'Default *.csv' },
  ],
  zendesk: [
    { name: 'baseUrl', label: 'Zendesk URL', required: true, hint: 'https://yours.zendesk.com' },
    { name: 'email', label: 'Agent email', required: true },
    { name: 'startTime', label: 'Start (Unix seconds)', type: 'number', required: true },
  ],
};

const SECRETS: Record<SourceKind, FieldSpec[]> = {
  sftp: [
    { name: 'password', label: 'Password' },
    { name: 'privateKey', label: 'Private key', type: 'textarea' },
    { name: 'passphrase', label: 'Key passphrase' },
  ],
  s3: [
    { name: 'accessKeyId', label: 'Access key id', required: true },
    { name: 'secretAccessKey', label: 'Secret access key', required: true },
  ],
  zendesk: [{ name: 'apiToken', label: 'API token', required: true }],
};

export function SourceForm({
  presets,
  onCreated,
}: {
  presets: { key: string; name: string }[];
  onCreated: (id: number) => void;
}) {
  const create = useCreateSource();
  const [kind, setKind] = useState<SourceKind>('sftp');

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // React clears currentTarget once the handler awaits: keep the element to reset it afterwards.
    const element = event.currentTarget;
    const form = new FormData(element);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : '';
    };
    const read = (name: string) => text(name).trim();
    const settings: Record<string, unknown> = {};
    for (const field of SETTINGS[kind]) {
      const value = read(`settings.${field.name}`);
      if (value) settings[field.name] = field.type === 'number' ? Number(value) : value;
    }
    const secrets: Record<string, string> = {};
    for (const field of SECRETS[kind]) {
      // A private key keeps its line breaks and final newline.
      const value = field.type === 'textarea' ? text(`secrets.${field.name}`) : read(`secrets.${field.name}`);
      if (value.trim()) secrets[field.name] = value;
    }
    const created = await create.mutateAsync({
      name: read('name'),
      kind,
      settings,
      secrets,
      presetKey: kind === 'zendesk' ? undefined : read('presetKey'),
      timeZone: kind === 'zendesk' ? undefined : read('timeZone') || 'UTC',
      cron: read('cron'),
      scheduleTimeZone: read('scheduleTimeZone') || 'UTC',
    });
    // The credentials leave the page once they are stored.
    element.reset();
    onCreated(created.id);
  };

  const field = (prefix: string, spec: FieldSpec, secret = false) => {
    const id = `source-${prefix}-${spec.name}`;
    return (
      <div className="field" key={`${kind}-${prefix}-${spec.name}`}>
        <label htmlFor={id}>{spec.label}</label>
        {spec.type === 'textarea' ? (
          <textarea id={id} name={`${prefix}.${spec.name}`} rows={3} autoComplete="off" spellCheck={false} />
        ) : (
          <input
            id={id}
            name={`${prefix}.${spec.name}`}
            type={secret ? 'password' : spec.type === 'number' ? 'number' : 'text'}
            required={spec.required}
            autoComplete={secret ? 'new-password' : 'off'}
          />
        )}
        {spec.hint ? <span className="hint">{spec.hint}</span> : null}
      </div>
    );
  };

  return (
    <form className="card" aria-labelledby="new-source-title" onSubmit={(e) => void submit(e).catch(() => undefined)}>
      <h2 id="new-source-title">Add a source</h2>
      <div className="form-row">
        <div className="field">
          <label htmlFor="source-name">Name</label>
          <input id="source-name" name="name" required maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor="source-kind">Kind</label>
          <select id="source-kind" value={kind} onChange={(e) => setKind(e.target.value as SourceKind)}>
            <option value="sftp">SFTP folder</option>
            <option value="s3">S3-compatible bucket</option>
            <option value="zendesk">Zendesk incremental export</option>
          </select>
        </div>
      </div>
      <fieldset className="form-row">
        <legend>Connection</legend>
        {SETTINGS[kind].map((spec) => field('settings', spec))}
      </fieldset>
      <fieldset className="form-row">
        <legend>Credentials (stored encrypted, never shown again)</legend>
        {SECRETS[kind].map((spec) => field('secrets', spec, spec.type !== 'textarea'))}
      </fieldset>
      <fieldset className="form-row">
        <legend>Reading and schedule</legend>
        {kind === 'zendesk' ? (
          <p className="hint">Zendesk pages are read with the Zendesk preset, in UTC.</p>
        ) : (
          <>
            <div className="field">
              <label htmlFor="source-preset">Format</label>
              <select id="source-preset" name="presetKey" required defaultValue="">
                <option value="" disabled>
                  Choose a preset
                </option>
                {presets.map((p) => (
                  <option key={p.key} value={p.key}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="source-tz">Source time zone</label>
              <input id="source-tz" name="timeZone" defaultValue="UTC" />
            </div>
          </>
        )}
        <div className="field">
          <label htmlFor="source-cron">Schedule (cron)</label>
          <input id="source-cron" name="cron" required defaultValue="0 2 * * *" />
          <span className="hint">Minute hour day month weekday, e.g. 0 2 * * * for 02:00 daily</span>
        </div>
        <div className="field">
          <label htmlFor="source-schedule-tz">Schedule time zone</label>
          <input id="source-schedule-tz" name="scheduleTimeZone" defaultValue="UTC" />
        </div>
      </fieldset>
      <div className="field field-action">
        <button type="submit" className="button primary" disabled={create.isPending}>
          {create.isPending ? 'Saving…' : 'Add source'}
        </button>
      </div>
      {create.isError ? <ErrorMessage error={create.error} /> : null}
    </form>
  );
}
