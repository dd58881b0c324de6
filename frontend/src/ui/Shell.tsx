import { NavLink, Outlet, useLocation } from 'react-router';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useAuth } from '../auth/AuthContext';
import { useConnectionStatus, useRealtime } from '../realtime/Realtime';
import { useCart } from '../state/cart';
import { markNavigation } from './Page';
import { Button } from './Button';
import { NotificationBell } from '../features/notifications/NotificationBell';

const STATUS_TEXT = {
  idle: 'Live updates off',
  connecting: 'Connecting…',
  open: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
} as const;

/**
 * The app shell: skip link, header navigation (a menu below 48rem), connection status, main landmark. Sections for
 * chat, notifications and operations plug into NAV (and the route table in App.tsx).
 */
const NAV: { to: string; label: string; auth?: boolean; admin?: boolean }[] = [
  { to: '/', label: 'Shop' },
  { to: '/overview', label: 'Overview', auth: true },
  { to: '/orders', label: 'My orders', auth: true },
  { to: '/chat', label: 'Assistant', auth: true },
  { to: '/profile', label: 'Profile', auth: true },
  { to: '/settings', label: 'Settings', auth: true },
  { to: '/admin/users', label: 'Users', admin: true },
  { to: '/admin/feed', label: 'Live feed', admin: true },
  { to: '/admin/abuse', label: 'Abuse', admin: true },
  { to: '/admin/review', label: 'Review', admin: true },
  { to: '/admin/operations', label: 'Operations', admin: true },
];

function subscribeOnline(cb: () => void) {
  window.addEventListener('online', cb);
  window.addEventListener('offline', cb);
  return () => {
    window.removeEventListener('online', cb);
    window.removeEventListener('offline', cb);
  };
}
export const useOnline = () => useSyncExternalStore(subscribeOnline, () => navigator.onLine);

export function Shell() {
  const auth = useAuth();
  const status = useConnectionStatus();
  const online = useOnline();
  const { lastError } = useRealtime();
  const cartCount = useCart().reduce((n, l) => n + l.quantity, 0);
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const first = useRef(true);
  // in-app navigation: the next page's heading takes focus (a full page load leaves focus at the start: skip link first)
  useEffect(() => {
    setMenuOpen(false);
    if (first.current) first.current = false;
    else markNavigation();
  }, [location.pathname]);
  const shownStatus = online ? status : 'offline';

  return (
    <>
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <div className="top-inner">
          <NavLink to="/" className="brand"><span className="brand-mark" aria-hidden="true" />Backplane</NavLink>
          <nav aria-label="Main" id="main-nav" className={menuOpen ? 'open' : undefined}>
            <ul>
              {NAV.filter((n) => (!n.auth || auth.user) && (!n.admin || auth.isAdmin)).map((n) => (
                <li key={n.to}>
                  <NavLink to={n.to} end={n.to === '/'} onClick={() => setMenuOpen(false)}>{n.label}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="session">
            {auth.user && <NotificationBell />}
            <NavLink to="/cart" className="cart-link">
              Cart <span className="cart-count">{cartCount}<span className="sr-only"> items</span></span>
            </NavLink>
            {auth.user && (
              <span className={`conn conn-${shownStatus}`} role="status" aria-live="polite" data-testid="connection-status" data-status={shownStatus}
                title={lastError ? `${lastError.code}: ${lastError.message}` : STATUS_TEXT[shownStatus]}>
                <span className="dot" aria-hidden="true" /> <span className="conn-text">{STATUS_TEXT[shownStatus]}</span>
              </span>
            )}
            {auth.user ? (
              <Button size="sm" onClick={() => void auth.logout()}>
                Sign out<span className="user-name"> {auth.user.profile.preferred_username ?? ''}</span>
              </Button>
            ) : (
              <Button size="sm" variant="primary" onClick={() => void auth.login()}>Sign in</Button>
            )}
            <Button size="sm" className="menu-toggle" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen(!menuOpen)}>
              Menu
            </Button>
          </div>
        </div>
        {!online && (
          <p className="offline-bar" role="status" data-testid="offline-bar">
            You’re offline. Pages you open wait for the connection; live updates resume by themselves.
          </p>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
