import type { ReactNode } from 'react';
import { cleanup, render } from '@testing-library/react';
import { afterEach } from 'vitest';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { User } from 'oidc-client-ts';
import { createApi } from '../api/client';
import { parseConfig } from '../config';
import { ServicesContext } from '../services';
import { AuthTestProvider, type Auth } from '../auth/AuthContext';
import { ToastProvider } from '../ui/Toast';
import { FormatProvider } from '../ui/intl';

// Vitest runs without globals, so Testing Library cannot register its own cleanup
afterEach(cleanup);

export const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type, 'x-correlation-id': 'corr-1' } });

export function testAuth(userId: string | null = 'alice', roles: string[] = ['user']): Auth {
  return {
    user: userId ? ({ profile: { sub: userId, preferred_username: userId }, access_token: 't', expired: false } as unknown as User) : null,
    ready: true, userId, roles, isAdmin: roles.includes('admin'),
    accessToken: () => (userId ? 't' : null), login: async () => {}, logout: async () => {},
  };
}

/** Renders UI the way the app does: router, query client, API (with a fake fetch), auth, toasts, formatting. */
export function renderApp(ui: ReactNode, { fetch: fetchImpl, path = '/', route = '*', auth = testAuth(), locale = 'en-GB', timeZone = 'UTC', client }: {
  fetch?: (r: Request) => Promise<Response>;
  path?: string;
  route?: string;
  auth?: Auth;
  locale?: string;
  timeZone?: string;
  client?: QueryClient;
} = {}) {
  const api = createApi('http://api.test', () => 't', (fetchImpl ?? (async () => json(404, {}))) as unknown as typeof fetch);
  const config = parseConfig({ apiUrl: 'http://api.test', oidc: { issuer: 'http://idp', clientId: 'c' } });
  const queryClient = client ?? new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return {
    queryClient,
    ...render(
      <MemoryRouter initialEntries={[path]}>
        <QueryClientProvider client={queryClient}>
          <ServicesContext.Provider value={{ config, api }}>
            <AuthTestProvider value={auth}>
              <FormatProvider locale={locale} timeZone={timeZone}>
                <ToastProvider>
                  <Routes><Route path={route} element={ui} /></Routes>
                </ToastProvider>
              </FormatProvider>
            </AuthTestProvider>
          </ServicesContext.Provider>
        </QueryClientProvider>
      </MemoryRouter>,
    ),
  };
}
