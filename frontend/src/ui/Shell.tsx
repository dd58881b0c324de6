import { NavLink, Outlet, useLocation } from 'react-router';
import { useEffect, useRef } from 'react';
import { useAuth } from '../auth/AuthContext';
import { useConnectionStatus, useRealtime } from '../realtime/Realtime';
import { useCart } from '../state/cart';
import { NotificationBell } from '../features/notifications/NotificationBell';

const STATUS_TEXT = {
  idle: 'Live updates off',
  connecting: 'Connecting…',
  open: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
} as const;

/**
 * The app shell: skip link, header navigation, connection status, main landmark. Sections for chat, notifications
 * and operations plug into NAV (and routes.tsx) when their issues land.
 */
const NAV: { to: string; label: string; auth?: boolean; admin?: boolean }[] = [
  { to: '/', label: 'Shop' },
  { to: '/orders', label: 'My orders', auth: true },
  { to: '/profile', label: 'Profile', auth: true },
  { to: '/settings', label: 'Settings', auth: true },
  { to: '/admin/users', label: 'Users', admin: true },
  { to: '/admin/feed', label: 'Live feed', admin: true },
  { to: '/admin/review', label: 'Review', admin: true },
];

export function Shell() {
  const auth = useAuth();
  const status = useConnectionStatus();
  const { lastError } = useRealtime();
  const cartCount = useCart().reduce((n, l) => n + l.quantity, 0);
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  // move focus to the new page's content on navigation (screen readers announce it)
  useEffect(() => {
    main.current?.focus();
  }, [location.pathname]);

  return (
    <>
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <NavLink to="/" className="brand">Backplane</NavLink>
        <nav aria-label="Main">
          <ul>
            {NAV.filter((n) => (!n.auth || auth.user) && (!n.admin || auth.isAdmin)).map((n) => (
              <li key={n.to}>
                <NavLink to={n.to} end={n.to === '/'}>{n.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="session">
          {auth.user && <NotificationBell />}
          <NavLink to="/cart" className="cart-link" aria-label={`Cart, ${cartCount} items`}>Cart ({cartCount})</NavLink>
          {auth.user && (
            <span className={`conn conn-${status}`} role="status" aria-live="polite" data-testid="connection-status" data-status={status}
              title={lastError ? `${lastError.code}: ${lastError.message}` : undefined}>
              <span className="dot" aria-hidden="true" /> {STATUS_TEXT[status]}
            </span>
          )}
          {auth.user ? (
            <button type="button" onClick={() => void auth.logout()}>Sign out {auth.user.profile.preferred_username ?? ''}</button>
          ) : (
            <button type="button" onClick={() => void auth.login()}>Sign in</button>
          )}
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
