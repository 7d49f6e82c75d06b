import { NavLink } from 'react-router';
import { useCan } from '../../../lib/session.ts';

/**
 * The credits pages under the one "Credits" entry of the main navigation (the header has no room for three):
 * statements for every role, the statement inputs for finance.
 */
export function CreditsNav() {
  const isFinance = useCan('finance');
  if (!isFinance) return null;
  return (
    <nav aria-label="Credits" className="credits-nav no-print">
      <NavLink to="/credits" end>
        Statements
      </NavLink>
      <NavLink to="/credits/terms">Money terms</NavLink>
      <NavLink to="/credits/relief">Forecasts and relief</NavLink>
      <NavLink to="/credits/exposure">Exposure this month</NavLink>
    </nav>
  );
}
