/**
 * Self-contained flag for any page that lists vendors (scorecard rows, vendor page): "N overdue" when the
 * vendor has overdue action items, links to its plans; nothing otherwise. One shared request per page.
 */
import { Link } from 'react-router';
import { useOverdueCounts } from './overdue-counts.ts';
import './overdue.css';

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

/** "N overdue" (or "Overdue" without a count); nothing for a count of 0. */
export function OverdueBadge({ count }: { count?: number }) {
  if (count === 0) return null;
  return (
    <span className="badge badge-overdue" data-testid="overdue-flag">
      {count === undefined ? 'Overdue' : `${count} overdue`}
    </span>
  );
}
