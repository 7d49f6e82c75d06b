/** The vendor whose money terms, forecasts or relief events are shown (kept in the URL). */
export function VendorPicker({
  vendors,
  value,
  onChange,
}: {
  vendors: readonly { id: number; name: string }[];
  value: number | null;
  onChange: (id: number) => void;
}) {
  return (
    <div className="toolbar">
      <label>
        Vendor{' '}
        <select value={value ?? ''} onChange={(e) => onChange(Number(e.target.value))}>
          {vendors.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
