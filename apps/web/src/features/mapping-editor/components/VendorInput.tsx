import type { MappingDraft } from '../api/dry-run.ts';

type Vendor = MappingDraft['vendor'];

/** The attribution key: a column whose values are matched to vendors, or one vendor for the whole file. */
export function VendorInput({
  vendor,
  headers,
  onChange,
}: {
  vendor: Vendor;
  headers: string[];
  onChange: (vendor: Vendor) => void;
}) {
  const CONSTANT = '\u0000constant';
  const selected = vendor?.kind === 'constant' ? CONSTANT : vendor?.kind === 'column' ? vendor.column : '';
  return (
    <div className="field">
      <label htmlFor="mapping-vendor">Vendor</label>
      <span className="input-group">
        <select
          id="mapping-vendor"
          value={selected}
          onChange={(event) => {
            const value = event.target.value;
            if (value === CONSTANT) onChange({ kind: 'constant', value: '' });
            else onChange(value ? { kind: 'column', column: value } : undefined);
          }}
        >
          <option value="">No vendor column</option>
          <option value={CONSTANT}>The whole file is one vendor…</option>
          {headers.map((header) => (
            <option key={header} value={header}>
              Column {header}
            </option>
          ))}
        </select>
        {vendor?.kind === 'constant' ? (
          <input
            aria-label="Vendor of the whole file"
            placeholder="vendor name"
            maxLength={200}
            value={vendor.value}
            onChange={(event) => onChange({ kind: 'constant', value: event.target.value })}
          />
        ) : null}
      </span>
    </div>
  );
}
