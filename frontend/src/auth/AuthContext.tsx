import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { User, UserManager } from 'oidc-client-ts';
import { rolesOf } from './oidc';

export interface Auth {
  user: User | null;
  ready: boolean;
  userId: string | null;
  roles: string[];
  isAdmin: boolean;
  accessToken: () => string | null;
  login: (returnTo?: string) => Promise<void>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ manager, children }: { manager: UserManager; children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let alive = true;
    manager.getUser().then((u) => {
      if (!alive) return;
      setUser(u && !u.expired ? u : null);
      setReady(true);
    });
    const loaded = (u: User) => setUser(u);
    const gone = () => setUser(null);
    manager.events.addUserLoaded(loaded);
    manager.events.addUserUnloaded(gone);
    manager.events.addAccessTokenExpired(gone);
    manager.events.addSilentRenewError(() => {
      // renew failed (provider session gone): keep the page, the next API 401 asks to sign in again
    });
    return () => {
      alive = false;
      manager.events.removeUserLoaded(loaded);
      manager.events.removeUserUnloaded(gone);
      manager.events.removeAccessTokenExpired(gone);
    };
  }, [manager]);

  const login = useCallback(
    (returnTo?: string) =>
      manager.signinRedirect({ state: { returnTo: returnTo ?? window.location.pathname + window.location.search } }),
    [manager],
  );
  const logout = useCallback(async () => {
    const current = await manager.getUser();
    await manager.removeUser();
    setUser(null);
    try {
      if ((await manager.metadataService.getEndSessionEndpoint()) && current) {
        await manager.signoutRedirect({ id_token_hint: current.id_token });
      }
    } catch {
      /* the provider has no logout endpoint: the local session is gone, that is enough */
    }
  }, [manager]);

  const value = useMemo<Auth>(() => {
    const roles = rolesOf(user);
    return {
      user,
      ready,
      userId: user?.profile.sub ?? null,
      roles,
      isAdmin: roles.includes('admin'),
      accessToken: () => (user && !user.expired ? user.access_token : null),
      login,
      logout,
    };
  }, [user, ready, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** For tests and stories: a fixed auth value. */
export const AuthTestProvider = AuthContext.Provider;
