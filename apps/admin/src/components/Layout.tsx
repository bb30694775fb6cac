import type { ReactNode } from 'react';
import { useApp } from '../lib/app-context';
import { hrefOf, type Route } from '../lib/route';

const NAV: Array<{ label: string; route: Route; active: Route['page'][] }> = [
  { label: 'Overview', route: { page: 'overview' }, active: ['overview'] },
  { label: 'Users', route: { page: 'users' }, active: ['users'] },
  { label: 'Rooms', route: { page: 'rooms' }, active: ['rooms', 'room', 'event'] },
  { label: 'Service tokens', route: { page: 'tokens' }, active: ['tokens'] },
];

/** The signed-in frame: brand, navigation, who is signed in, sign-out. */
export function Layout({ route, children }: { route: Route; children: ReactNode }) {
  const { session, signOut } = useApp();
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href={hrefOf({ page: 'overview' })}>
          Courier <span>admin</span>
        </a>
        <nav className="nav" aria-label="Main">
          {NAV.map((n) => (
            <a key={n.label} href={hrefOf(n.route)} className={n.active.includes(route.page) ? 'active' : undefined} aria-current={n.active.includes(route.page) ? 'page' : undefined}>
              {n.label}
            </a>
          ))}
        </nav>
        <div className="whoami">
          <code title="Signed in as">{session.userId}</code>
          <button type="button" className="btn btn-small" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
