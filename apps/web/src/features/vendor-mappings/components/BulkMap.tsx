import { useState } from 'react';
import { ErrorMessage } from '../../../components/QueryState.tsx';
import { useCreateVendorMapping } from '../api/create-vendor-mapping.ts';
import type { UnmappedValue } from '../api/get-unmapped-values.ts';
import type { VendorOption } from './UnmappedValues.tsx';

export const keyOf = (item: UnmappedValue) => `${item.source}|${item.field}|${item.value}`;

/**
 * Maps every selected unmapped value to one vendor (a whole file from one BPO exports six queues): one mapping
 * per value, in turn, through the same endpoint as the per-row button, so each moves its cases and recomputes.
 */
export function BulkMap({
  items,
  vendors,
  onDone,
}: {
  items: readonly UnmappedValue[];
  vendors: readonly VendorOption[];
  onDone: (message: string) => void;
}) {
  const create = useCreateVendorMapping();
  const [vendorId, setVendorId] = useState<number | ''>('');
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (vendorId === '') return;
    setBusy(true);
    let moved = 0;
    let name = '';
    try {
      for (const item of items) {
        const created = await create.mutateAsync({
          source: item.source,
          field: item.field,
          value: item.value,
          vendorId,
        });
        moved += created.casesMoved;
        name = created.vendorName;
      }
      onDone(`Mapped ${items.length} value(s) to ${name}: ${moved} case(s) moved; metrics are being recomputed.`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="toolbar" data-testid="bulk-map">
      <label htmlFor="bulk-map-vendor">Map the {items.length} selected value(s) to</label>
      <select
        id="bulk-map-vendor"
        value={vendorId}
        onChange={(event) => setVendorId(event.target.value ? Number(event.target.value) : '')}
      >
        <option value="">Choose a vendor…</option>
        {vendors.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button small"
        disabled={busy || vendorId === '' || items.length === 0}
        onClick={() => void run()}
      >
        {busy ? 'Mapping…' : 'Map selected'}
      </button>
      {create.isError ? <ErrorMessage error={create.error} /> : null}
    </div>
  );
}
