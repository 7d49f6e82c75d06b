/** The Imports page composes two features: imports, and the vendor mapping of what they left unmapped. */
import { Link } from 'react-router';
import { useVendors } from '../../features/vendors/api/get-vendors.ts';
import { ImportsPanel } from '../../features/imports/components/ImportsPanel.tsx';
import { UnmappedValues } from '../../features/vendor-mappings/components/UnmappedValues.tsx';

export default function ImportsRoute() {
  const vendors = useVendors();
  return (
    <section className="page" aria-labelledby="imports-title">
      <header className="page-header">
        <div>
          <h1 id="imports-title">Imports</h1>
          <p className="lede">Help-desk exports in; weekly metrics recomputed for the vendor-weeks they touch.</p>
        </div>
        <Link className="button" to="/imports/mapping">
          Map a new format
        </Link>
      </header>
      <ImportsPanel />
      <UnmappedValues vendors={vendors.data ?? []} />
    </section>
  );
}
