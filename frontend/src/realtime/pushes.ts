import type { QueryClient, InfiniteData } from '@tanstack/react-query';
import type { components } from '../api/schema';
import type { PushMessage } from './LiveSocket';
import { payments } from '../state/payments';

type Order = components['schemas']['Order'];
type OrderStatus = components['schemas']['OrderStatus'];
type OrderPage = components['schemas']['OrderPage'];

export const ORDER_STATUS_BY_EVENT: Record<string, OrderStatus> = {
  'order.placed': 'PENDING_PAYMENT',
  'order.paid': 'PAID',
  'order.fulfilled': 'FULFILLED',
  'order.cancelled': 'CANCELLED',
  'order.refund_requested': 'REFUND_PENDING',
  'order.refunded': 'REFUNDED',
};

export const queryKeys = {
  products: ['products'] as const,
  orders: ['orders'] as const,
  order: (id: string) => ['order', id] as const,
  me: ['me'] as const,
  settings: ['settings'] as const,
  adminUsers: (prefix: string) => ['admin', 'users', prefix] as const,
};

function orderIdOf(message: PushMessage): string | null {
  const fromData = message.data?.orderId;
  if (typeof fromData === 'string') return fromData;
  return message.topic?.startsWith('order:') ? message.topic.slice('order:'.length) : null;
}

/** Applies an order status push to one order (idempotent: a duplicate or stale push changes nothing). */
export function applyOrderEvent(order: Order, message: PushMessage): Order {
  const status = ORDER_STATUS_BY_EVENT[message.type];
  if (!status || order.status === status) return order;
  const reason = typeof message.data?.reason === 'string' ? message.data.reason : null;
  return {
    ...order,
    status,
    updatedAt: message.sentAt ?? order.updatedAt,
    history: [...order.history, { status, at: message.sentAt ?? new Date().toISOString(), reason }],
  };
}

/**
 * Server pushes update the TanStack Query cache: the screen changes at once from the push, then a background
 * refetch replaces the optimistic copy with the server's truth.
 */
export function applyPush(client: QueryClient, message: PushMessage): void {
  if (message.type.startsWith('order.')) {
    const id = orderIdOf(message);
    if (!id) return;
    client.setQueryData<Order>(queryKeys.order(id), (old) => (old ? applyOrderEvent(old, message) : old));
    client.setQueryData<InfiniteData<OrderPage>>(queryKeys.orders, (old) =>
      old
        ? { ...old, pages: old.pages.map((p) => ({ ...p, items: p.items.map((o) => (o.id === id ? applyOrderEvent(o, message) : o)) })) }
        : old,
    );
    void client.invalidateQueries({ queryKey: queryKeys.order(id) });
    if (message.type === 'order.placed') void client.invalidateQueries({ queryKey: queryKeys.orders });
    if (message.type === 'order.paid') payments.paid(id, undefined, message.sentAt);
  } else if (message.type.startsWith('payment.')) {
    applyPaymentEvent(message);
  } else if (message.type.startsWith('user.')) {
    void client.invalidateQueries({ queryKey: queryKeys.me });
    void client.invalidateQueries({ queryKey: ['admin', 'users'] });
  }
}

/**
 * A payment attempt's outcome (billing's payment.succeeded / payment.failed): shown on the order as an attempt, so
 * a declined card is visible although the order itself stays payable.
 */
export function applyPaymentEvent(message: PushMessage): void {
  const data = message.data ?? {};
  const orderId = typeof data.orderId === 'string' ? data.orderId : null;
  if (!orderId) return;
  const sessionId = typeof data.sessionId === 'string' ? data.sessionId : undefined;
  if (message.type === 'payment.succeeded') payments.paid(orderId, sessionId, message.sentAt);
  else if (message.type === 'payment.failed') {
    const reason = typeof data.reason === 'string' ? data.reason : null;
    if (data.retryable === false || reason === 'expired') payments.expired(orderId, sessionId, message.sentAt);
    else payments.declined(orderId, reason, sessionId, message.sentAt);
  }
}
