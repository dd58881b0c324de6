import { lazy, Suspense, useEffect, useMemo, useRef } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import type { UserManager } from 'oidc-client-ts';
import type { AppConfig } from './config';
import { createApi } from './api/client';
import { ApiError } from './api/problem';
import type { components } from './api/schema';
import { ServicesContext, useApi } from './services';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { RequireAdmin, RequireAuth } from './auth/guards';
import { CALLBACK_PATH } from './auth/oidc';
import { RealtimeProvider } from './realtime/Realtime';
import { queryKeys } from './realtime/pushes';
import { Shell } from './ui/Shell';
import { Progress } from './ui/States';
import { ToastProvider } from './ui/Toast';
import { FormatProvider } from './ui/intl';
import { applyTheme } from './ui/theme';
import Catalog from './pages/Catalog';
import Cart from './pages/Cart';
import OrderPage from './pages/OrderPage';
import Callback from './pages/Callback';
import NotFound from './pages/NotFound';
import RouteError from './pages/RouteError';

// first screens are in the main chunk; the rest load on demand
const Orders = lazy(() => import('./pages/Orders'));
const Profile = lazy(() => import('./pages/Profile'));
const Settings = lazy(() => import('./pages/Settings'));
const PublicProfile = lazy(() => import('./pages/PublicProfile'));
const AdminUsers = lazy(() => import('./pages/AdminUsers'));
const AdminFeed = lazy(() => import('./pages/AdminFeed'));
const Overview = lazy(() => import('./pages/Overview'));
const ChatPage = lazy(() => import('./features/chat/ChatPage'));
const UsagePage = lazy(() => import('./features/chat/UsagePanel'));
const AdminAbuse = lazy(() => import('./features/chat/AdminAbuse'));
const Notifications = lazy(() => import('./features/notifications/NotificationsPage'));
const NotificationSettings = lazy(() => import('./features/notifications/NotificationSettings'));
const ReviewQueue = lazy(() => import('./features/review/ReviewQueue'));
const TracePage = lazy(() => import('./features/traces/TracePage'));
const OperationsPage = lazy(() => import('./features/ops/OperationsPage'));

const page = (el: React.ReactNode) => <Suspense fallback={<Progress />}>{el}</Suspense>;

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // client errors are answers, not glitches: retry only network/5xx failures
        retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
    },
  });
}

/** Applies the signed-in user's theme, language and time zone from /me/settings (the browser's until they load). */
function SettingsSync({ children }: { children: React.ReactNode }) {
  const api = useApi();
  const auth = useAuth();
  const settings = useQuery({
    queryKey: queryKeys.settings,
    enabled: !!auth.user,
    queryFn: async () => (await api.GET('/me/settings')).data as components['schemas']['Settings'],
  });
  useEffect(() => {
    if (settings.data) applyTheme(settings.data.theme);
    if (settings.data?.locale) document.documentElement.lang = settings.data.locale;
  }, [settings.data]);
  const signedIn = auth.user ? settings.data : undefined;
  return <FormatProvider locale={signedIn?.locale} timeZone={signedIn?.timezone}>{children}</FormatProvider>;
}

function ApiProvider({ config, children }: { config: AppConfig; children: React.ReactNode }) {
  const auth = useAuth();
  const token = useRef(auth.accessToken);
  token.current = auth.accessToken;
  const services = useMemo(() => ({ config, api: createApi(config.apiUrl, () => token.current()) }), [config]);
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function App({ config, manager }: { config: AppConfig; manager: UserManager }) {
  const queryClient = useMemo(makeQueryClient, []);
  const router = useMemo(() => createBrowserRouter([
    {
      element: <Shell />,
      children: [{ errorElement: <RouteError />, children: [
        { path: '/', element: <Catalog /> },
        { path: '/overview', element: <RequireAuth>{page(<Overview />)}</RequireAuth> },
        { path: '/cart', element: <Cart /> },
        { path: CALLBACK_PATH, element: <Callback manager={manager} /> },
        { path: '/u/:handle', element: page(<PublicProfile />) },
        { path: '/orders', element: <RequireAuth>{page(<Orders />)}</RequireAuth> },
        { path: '/orders/:id', element: <RequireAuth><OrderPage /></RequireAuth> },
        { path: '/profile', element: <RequireAuth>{page(<Profile />)}</RequireAuth> },
        { path: '/settings', element: <RequireAuth>{page(<Settings />)}</RequireAuth> },
        { path: '/admin/users', element: <RequireAdmin>{page(<AdminUsers />)}</RequireAdmin> },
        { path: '/admin/feed', element: <RequireAdmin>{page(<AdminFeed />)}</RequireAdmin> },
        { path: '/chat', element: <RequireAuth>{page(<ChatPage />)}</RequireAuth> },
        { path: '/chat/:id', element: <RequireAuth>{page(<ChatPage />)}</RequireAuth> },
        { path: '/settings/usage', element: <RequireAuth>{page(<UsagePage />)}</RequireAuth> },
        { path: '/admin/abuse', element: <RequireAdmin>{page(<AdminAbuse />)}</RequireAdmin> },
        { path: '/notifications', element: <RequireAuth>{page(<Notifications />)}</RequireAuth> },
        { path: '/settings/notifications', element: <RequireAuth>{page(<NotificationSettings />)}</RequireAuth> },
        { path: '/admin/review', element: <RequireAdmin>{page(<ReviewQueue />)}</RequireAdmin> },
        { path: '/admin/traces/:correlationId', element: <RequireAdmin>{page(<TracePage />)}</RequireAdmin> },
        { path: '/admin/operations', element: <RequireAdmin>{page(<OperationsPage />)}</RequireAdmin> },
        // new pages add their route here and, if they belong in the menu, an entry in Shell's NAV
        { path: '*', element: <NotFound /> },
      ] }],
    },
  ]), [manager]);
  return (
    <QueryClientProvider client={queryClient}>
      <AuthProvider manager={manager}>
        <ApiProvider config={config}>
          <RealtimeProvider wsUrl={config.wsUrl}>
            <SettingsSync>
              <ToastProvider>
                <RouterProvider router={router} />
              </ToastProvider>
            </SettingsSync>
          </RealtimeProvider>
        </ApiProvider>
      </AuthProvider>
    </QueryClientProvider>
  );
}
