import { useState, type FormEvent } from 'react';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { TimeZoneInput } from '../../../components/TimeZoneInput.tsx';
import { useCreateVendor } from '../api/create-vendor.ts';
import { useVendors, type Vendor } from '../api/get-vendors.ts';
import { useUpdateVendor } from '../api/update-vendor.ts';
import { ArchivedVendors, VendorLifecycleActions } from './VendorLifecycle.tsx';

function parseRecipients(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Vendors: name, time zone (for the weekly report's schedule) and report recipients; archive, restore and
 * delete (docs/dashboard.md "Vendors"). Archived vendors are listed apart, below the active ones.
 */
export function VendorsSection() {
  const query = useVendors();
  return (
    <section className="section" aria-labelledby="vendors-title">
      <h2 id="vendors-title">Vendors</h2>
      <VendorForm />
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <Empty title="No vendors yet">Add the BPOs you work with; cases are attributed to them on import.</Empty>
      ) : (
        <div className="grid-2">
          {query.data.map((v) => (
            <VendorForm key={v.id} vendor={v} />
          ))}
        </div>
      )}
      <ArchivedVendors />
    </section>
  );
}

function VendorForm({ vendor }: { vendor?: Vendor }) {
  const create = useCreateVendor();
  const update = useUpdateVendor();
  const [name, setName] = useState(vendor?.name ?? '');
  const [timeZone, setTimeZone] = useState(vendor?.timeZone ?? 'UTC');
  const [recipients, setRecipients] = useState(vendor?.reportRecipients.join(', ') ?? '');
  const [saved, setSaved] = useState(false);
  const mutation = vendor ? update : create;
  const prefix = vendor ? `vendor-${vendor.id}` : 'vendor-new';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const input = { name: name.trim(), timeZone: timeZone.trim(), reportRecipients: parseRecipients(recipients) };
    if (vendor) update.mutate({ id: vendor.id, ...input }, { onSuccess: () => setSaved(true) });
    else
      create.mutate(input, {
        onSuccess: () => {
          setName('');
          setRecipients('');
        },
      });
  };
  return (
    <form className="card" onSubmit={submit} aria-label={vendor ? `Vendor ${vendor.name}` : 'Add a vendor'}>
      {vendor ? null : <h3>Add a vendor</h3>}
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${prefix}-name`}>Name</label>
          <input
            id={`${prefix}-name`}
            required
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${prefix}-tz`}>Time zone</label>
          <TimeZoneInput id={`${prefix}-tz`} value={timeZone} onChange={setTimeZone} required />
        </div>
        <div className="field" style={{ flex: 1, minWidth: '14rem' }}>
          <label htmlFor={`${prefix}-recipients`}>Report recipients</label>
          <input
            id={`${prefix}-recipients`}
            placeholder="ops@vendor.example, lead@vendor.example"
            value={recipients}
            onChange={(e) => setRecipients(e.target.value)}
          />
        </div>
        <div className="field field-action">
          <button type="submit" className={`button ${vendor ? '' : 'primary'}`} disabled={mutation.isPending}>
            {vendor ? 'Save' : 'Add vendor'}
          </button>
        </div>
      </div>
      {vendor ? <VendorLifecycleActions vendor={vendor} /> : null}
      {saved ? (
        <p role="status" className="hint">
          Saved.
        </p>
      ) : null}
      {mutation.isError ? <ErrorMessage error={mutation.error} /> : null}
    </form>
  );
}
