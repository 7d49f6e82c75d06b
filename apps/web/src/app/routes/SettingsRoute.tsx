/**
 * The Settings page composes the features an ops lead configures: targets, vendors, mappings, metric settings and
 * the quality reviews' organisation settings.
 */
import { MetricSettingsForm } from '../../features/metric-settings/components/MetricSettingsForm.tsx';
import { QualitySettingsForm } from '../../features/quality/components/QualitySettingsForm.tsx';
import { TargetsSection } from '../../features/targets/components/TargetsSection.tsx';
import { MappingsTable } from '../../features/vendor-mappings/components/MappingsTable.tsx';
import { useVendors } from '../../features/vendors/api/get-vendors.ts';
import { VendorsSection } from '../../features/vendors/components/VendorsSection.tsx';
import { useCan } from '../../lib/session.ts';
import { currentWeekLabel, useReportingTimeZone } from '../../lib/reporting-zone.ts';

export default function SettingsRoute() {
  const vendors = useVendors();
  const isAdmin = useCan('admin');
  const timeZone = useReportingTimeZone() ?? 'UTC';
  return (
    <section className="page" aria-labelledby="settings-title">
      <header className="page-header">
        <div>
          <h1 id="settings-title">Settings</h1>
          <p className="lede">
            Targets, vendors, how exports map to vendors, how metrics are computed, and quality review disputes.
          </p>
        </div>
      </header>
      <TargetsSection vendors={vendors.data ?? []} defaultWeek={currentWeekLabel(timeZone)} />
      <VendorsSection />
      <MappingsTable />
      {isAdmin ? (
        <div className="section">
          <MetricSettingsForm />
        </div>
      ) : null}
      {isAdmin ? (
        <div className="section">
          <QualitySettingsForm />
        </div>
      ) : null}
    </section>
  );
}
