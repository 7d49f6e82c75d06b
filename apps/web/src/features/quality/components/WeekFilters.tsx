import { useCan } from '../../../lib/session.ts';
import { useVendorOptions } from '../api/vendors.ts';
import { useQualityWeek, useVendorParam } from './week.ts';

/** The week picker (ISO weeks, reporting time zone) and, for staff, the vendor filter of a quality page. */
export function WeekFilters({ idPrefix }: { idPrefix: string }) {
  const { week, current, setWeek } = useQualityWeek();
  const [vendorId, setVendorId] = useVendorParam();
  const isStaff = useCan('ops');
  const vendors = useVendorOptions();
  return (
    <div className="toolbar quality-filters">
      <div className="field">
        <label htmlFor={`${idPrefix}-week`}>Week</label>
        <input
          id={`${idPrefix}-week`}
          type="week"
          value={week ?? ''}
          onChange={(e) => {
            if (e.target.value) setWeek(e.target.value);
          }}
        />
      </div>
      {current ? <span className="badge badge-partial">week in progress</span> : null}
      {isStaff ? (
        <div className="field">
          <label htmlFor={`${idPrefix}-vendor`}>Vendor</label>
          <select
            id={`${idPrefix}-vendor`}
            value={vendorId ?? ''}
            onChange={(e) => setVendorId(e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">Every vendor</option>
            {(vendors.data ?? []).map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </div>
  );
}
