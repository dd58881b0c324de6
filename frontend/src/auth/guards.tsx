import { useEffect, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { useAuth } from './AuthContext';
import { Progress } from '../ui/States';

/** Route guard: signs in (redirect to the provider) and comes back to the same URL. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const location = useLocation();
  useEffect(() => {
    if (auth.ready && !auth.user) void auth.login(location.pathname + location.search);
  }, [auth, location.pathname, location.search]);
  if (!auth.ready || !auth.user) return <Progress label="Signing you in…" skeleton="none" />;
  return <>{children}</>;
}

export function RequireAdmin({ children }: { children: ReactNode }) {
  const auth = useAuth();
  return (
    <RequireAuth>
      {auth.isAdmin ? children : (
        <div className="problem" role="alert"><strong>Administrators only</strong><p>Your account has no admin role.</p></div>
      )}
    </RequireAuth>
  );
}
