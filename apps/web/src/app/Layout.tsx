import { NavLink, Outlet } from 'react-router';
import { useSignOut } from '../features/auth/api/sign-out.ts';
import { can, useSessionUser, type Ability } from '../lib/session.ts';

const NAV: { to: string; label: string; ability: Ability }[] = [
  { to: '/', label: 'Scorecard', ability: 'read' },
  { to: '/cases', label: 'Cases', ability: 'read' },
  { to: '/plans', label: 'Plans', ability: 'read' },
  { to: '/quality', label: 'Quality', ability: 'read' },
  { to: '/reports', label: 'Reports', ability: 'read' },
  { to: '/alerts', label: 'Alerts', ability: 'read' },
  { to: '/terms', label: 'Terms', ability: 'read' },
  { to: '/credits', label: 'Credits', ability: 'read' },
  { to: '/imports', label: 'Imports', ability: 'ops' },
  { to: '/sources', label: 'Sources', ability: 'ops' },
  { to: '/settings', label: 'Settings', ability: 'ops' },
];

export function Layout() {
  const user = useSessionUser();
  const signOut = useSignOut();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <NavLink to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>{' '}
          Scorecard
        </NavLink>
        <nav aria-label="Main">
          <ul>
            {NAV.filter((item) => can(user, item.ability)).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === '/'}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {user ? (
          <div className="user-menu">
            <span className="user-name" title={user.email}>
              {user.name || user.email}
              <span className="role">{user.role === 'vendor' && user.vendorName ? user.vendorName : user.role}</span>
            </span>
            <button
              type="button"
              className="button subtle"
              onClick={() => signOut.mutate()}
              disabled={signOut.isPending}
            >
              Sign out
            </button>
          </div>
        ) : null}
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
