import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api/client';
import type { components } from '../../api/schema';
import { useApi } from '../../services';

export type Notification = components['schemas']['Notification'];
export type NotificationPage = components['schemas']['NotificationPage'];
export type Preferences = components['schemas']['NotificationPreferences']['preferences'];
export type Webhook = components['schemas']['Webhook'];

export const notificationKeys = {
  inbox: ['notifications'] as const,
  preferences: ['notifications', 'preferences'] as const,
  webhooks: ['notifications', 'webhooks'] as const,
};

/** The inbox, a page at a time (unread first); every page carries the current unread count. */
export function useInbox(pageSize = 20, enabled = true) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: [...notificationKeys.inbox, pageSize],
    enabled,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => call<NotificationPage>(api.GET('/notifications', {
      params: { query: { limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) } },
    })),
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
}

export function useMarkRead() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call<Notification>(api.POST('/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: notificationKeys.inbox }),
  });
}

export function useMarkAllRead() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call<{ read: number }>(api.POST('/notifications/read-all')),
    onSuccess: () => void client.invalidateQueries({ queryKey: notificationKeys.inbox }),
  });
}

export function usePreferences() {
  const api = useApi();
  return useQuery({
    queryKey: notificationKeys.preferences,
    queryFn: async () => (await call<components['schemas']['NotificationPreferences']>(api.GET('/me/notification-preferences'))).preferences,
  });
}

export function useSavePreference() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: Preferences) =>
      call<components['schemas']['NotificationPreferences']>(api.PUT('/me/notification-preferences', { body: { preferences: change } })),
    onSuccess: (saved) => client.setQueryData(notificationKeys.preferences, saved.preferences),
  });
}

export function useWebhooks() {
  const api = useApi();
  return useQuery({
    queryKey: notificationKeys.webhooks,
    queryFn: async () => (await call<{ items: Webhook[] }>(api.GET('/me/webhooks'))).items,
  });
}

export function useWebhookActions() {
  const api = useApi();
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: notificationKeys.webhooks });
  return {
    create: useMutation({
      mutationFn: (body: { url: string; kind: 'webhook' | 'slack' }) => call<Webhook>(api.POST('/me/webhooks', { body })),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: string) => call<unknown>(api.DELETE('/me/webhooks/{id}', { params: { path: { id } } })),
      onSuccess: refresh,
    }),
    test: useMutation({
      mutationFn: (id: string) => call<{ delivered: boolean; error?: string | null }>(api.POST('/me/webhooks/{id}/test', { params: { path: { id } } })),
    }),
  };
}

/** Human names of the event types and channels a preference is about. */
export const EVENT_LABELS: Record<string, string> = {
  'order.paid': 'Order paid',
  'order.fulfilled': 'Order fulfilled',
  'order.cancelled': 'Order cancelled',
  'order.refunded': 'Order refunded',
  'payment.failed': 'Payment failed',
  'order.flagged': 'Order held for review (admins)',
  'digest.created': 'Daily digest',
  'credits.purchased': 'Credits purchased',
};

export const CHANNEL_LABELS: Record<string, string> = { in_app: 'In-app', email: 'Email', webhook: 'Webhook', slack: 'Slack' };
