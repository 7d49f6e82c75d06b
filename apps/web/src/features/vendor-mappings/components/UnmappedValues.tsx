import { useState } from 'react';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { useCreateVendorMapping } from '../api/create-vendor-mapping.ts';
import { BulkMap, keyOf } from './BulkMap.tsx';
import { useUnmappedValues, type UnmappedValue } from '../api/get-unmapped-values.ts';
import { Truncated } from '../../../components/Truncated.tsx';

export interface VendorOption {
  id: number;
  name: string;
}

/** Attribution values no vendor claims yet; one click maps a value to a vendor and moves its cases. */
export function UnmappedValues({ vendors }: { vendors: readonly VendorOption[] }) {
  const query = useUnmappedValues();
  const create = useCreateVendorMapping();
  const [message, setMessage] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  return (
    <section className="section" aria-labelledby="unmapped-title">
      <h2 id="unmapped-title">Unmapped vendor values</h2>
      <p className="hint">Cases whose group, brand or queue no vendor claims yet count for no vendor until mapped.</p>
      {message ? (
        <p role="status" className="hint">
          {message}
        </p>
      ) : null}
      {create.isError ? <ErrorMessage error={create.error} /> : null}
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <Empty title="Every case has a vendor" />
      ) : (
        <div className="table-scroll">
          <BulkMap
            items={query.data.filter((item) => selected.has(keyOf(item)))}
            vendors={vendors}
            onDone={(text) => {
              setSelected(new Set());
              setMessage(text);
            }}
          />
          <table data-testid="unmapped-table">
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Select every unmapped value"
                    checked={query.data.length > 0 && query.data.every((item) => selected.has(keyOf(item)))}
                    onChange={(event) => setSelected(event.target.checked ? new Set(query.data.map(keyOf)) : new Set())}
                  />
                </th>
                <th scope="col">Source</th>
                <th scope="col">Field</th>
                <th scope="col">Value</th>
                <th scope="col" className="num">
                  Cases
                </th>
                <th scope="col">Map to vendor</th>
              </tr>
            </thead>
            <tbody>
              {query.data.map((item) => (
                <UnmappedRow
                  key={keyOf(item)}
                  item={item}
                  selected={selected.has(keyOf(item))}
                  onSelect={(on) => toggle(keyOf(item), on)}
                  vendors={vendors}
                  busy={create.isPending}
                  onMap={(vendorId) =>
                    create.mutate(
                      { source: item.source, field: item.field, value: item.value, vendorId },
                      {
                        onSuccess: (r) =>
                          setMessage(
                            `Mapped “${item.value}” to ${r.vendorName}: ${r.casesMoved} case(s) moved; metrics are being recomputed.`,
                          ),
                      },
                    )
                  }
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function UnmappedRow({
  item,
  selected,
  onSelect,
  vendors,
  busy,
  onMap,
}: {
  item: UnmappedValue;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  vendors: readonly VendorOption[];
  busy: boolean;
  onMap: (vendorId: number) => void;
}) {
  const guess = vendors.find((v) => item.value.toLowerCase().includes(v.name.toLowerCase()));
  const [vendorId, setVendorId] = useState<number | ''>(guess?.id ?? '');
  const selectId = `map-${item.source}-${item.field}-${item.value}`.replace(/[^A-Za-z0-9_-]/g, '_');
  return (
    <tr>
      <td>
        <input
          type="checkbox"
          aria-label={`Select ${item.value}`}
          checked={selected}
          onChange={(event) => onSelect(event.target.checked)}
        />
      </td>
      <td>{item.source}</td>
      <td>{item.field}</td>
      <th scope="row">
        <Truncated text={item.value} />
      </th>
      <td className="num">{item.caseCount.toLocaleString('en-GB')}</td>
      <td>
        <div className="input-group">
          <label htmlFor={selectId} className="visually-hidden">
            Vendor for {item.value}
          </label>
          <select
            id={selectId}
            value={vendorId}
            onChange={(e) => setVendorId(e.target.value ? Number(e.target.value) : '')}
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
            disabled={busy || vendorId === ''}
            onClick={() => vendorId !== '' && onMap(vendorId)}
          >
            Map
          </button>
        </div>
      </td>
    </tr>
  );
}
