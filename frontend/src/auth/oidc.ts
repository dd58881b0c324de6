import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { AppConfig } from '../config';

export const CALLBACK_PATH = '/auth/callback';
export const SILENT_PATH = '/auth/silent';

/**
 * Authorization Code + PKCE with oidc-client-ts. Tokens and the login state live in sessionStorage (per tab, gone
 * when the tab closes), never localStorage; silent renew uses the refresh token when the provider issues one,
 * else a hidden iframe on /auth/silent.
 */
export function createUserManager(config: AppConfig, origin = window.location.origin): UserManager {
  const store = new WebStorageStateStore({ store: window.sessionStorage });
  return new UserManager({
    authority: config.oidc.issuer,
    client_id: config.oidc.clientId,
    redirect_uri: origin + CALLBACK_PATH,
    silent_redirect_uri: origin + SILENT_PATH,
    post_logout_redirect_uri: origin + '/',
    response_type: 'code',
    scope: config.oidc.scope,
    userStore: store,
    stateStore: store,
    automaticSilentRenew: true,
    accessTokenExpiringNotificationTimeInSeconds: 60,
    monitorSession: false,
    loadUserInfo: false,
  });
}

/** Roles from the token claims the authorizer also reads (Cognito groups, generic groups/roles, Keycloak). */
export function rolesOf(user: User | null): string[] {
  if (!user) return [];
  const claims = { ...(user.profile as Record<string, unknown>), ...decodeAccessToken(user.access_token) };
  const raw = claims['cognito:groups'] ?? claims.groups ?? claims.roles ??
    (claims.realm_access as Record<string, unknown> | undefined)?.roles;
  return Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(/[ ,]+/).filter(Boolean) : [];
}

function decodeAccessToken(token: string | undefined): Record<string, unknown> {
  try {
    const part = token?.split('.')[1];
    if (!part) return {};
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(decodeURIComponent(escape(json))) as Record<string, unknown>;
  } catch {
    return {};
  }
}
