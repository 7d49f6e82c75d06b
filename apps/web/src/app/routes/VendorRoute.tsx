/** The vendor page composes two features: the vendor's figures, and the contract terms they were computed under. */
import { VendorTermsPanel } from '../../features/terms/components/VendorTermsPanel.tsx';
import { VendorPage } from '../../features/vendors/components/VendorPage.tsx';

export default function VendorRoute() {
  return <VendorPage contractTerms={(view) => <VendorTermsPanel vendorId={view.vendorId} week={view.week} />} />;
}
