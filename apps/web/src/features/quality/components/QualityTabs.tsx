import { NavLink } from 'react-router';
import './quality.css';
import { useCan } from '../../../lib/session.ts';

const TABS: { to: string; label: string; opsOnly: boolean }[] = [
  { to: '/quality', label: 'Overview', opsOnly: false },
  { to: '/quality/assignments', label: 'My assigned cases', opsOnly: true },
  { to: '/quality/reviews', label: 'Reviews', opsOnly: false },
  { to: '/quality/disputes', label: 'Disputes', opsOnly: false },
  { to: '/quality/escalations', label: 'Escalations', opsOnly: false },
  { to: '/quality/knowledge-gaps', label: 'Knowledge gaps', opsOnly: false },
  { to: '/quality/sampling', label: 'Sampling', opsOnly: true },
  { to: '/quality/forms', label: 'Forms', opsOnly: false },
];

/** The quality pages' own navigation; sampling and assignments are hidden from those who cannot open them. */
export function QualityTabs() {
  const isStaff = useCan('ops');
  return (
    <nav aria-label="Quality" className="quality-tabs">
      <ul>
        {TABS.filter((tab) => isStaff || !tab.opsOnly).map((tab) => (
          <li key={tab.to}>
            <NavLink to={tab.to} end={tab.to === '/quality'}>
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
