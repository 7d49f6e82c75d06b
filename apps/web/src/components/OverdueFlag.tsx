/**
 * Self-contained flag for any page that lists vendors (scorecard rows, vendor page): "N overdue" when the
 * vendor has overdue action items, links to its plans; nothing otherwise. One shared request per page.
 */
import { Link } from 'react-router';
import { useOverdueCounts } from '../api/get-overdue-counts.ts';
import { OverdueBadge } from './PlanStatusBadge.tsx';
import './plans.css';

export function OverdueFlag({ vendorId }: { vendorId: number }) {
  const counts = useOverdueCounts();
  const count = counts.data?.get(vendorId) ?? 0;
  if (count === 0) return null;
  return (
    <Link
      to={`/plans?vendorId=${vendorId}`}
      className="overdue-link"
      title={`${count} overdue action item(s): open the plans`}
    >
      <OverdueBadge count={count} />
    </Link>
  );
}
