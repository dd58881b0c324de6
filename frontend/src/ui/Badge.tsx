import type { ReactNode } from 'react';
import type { components } from '../api/schema';

export type Tone = 'success' | 'warning' | 'danger' | 'info' | 'neutral';
type OrderStatus = components['schemas']['OrderStatus'];

export function Badge({ tone = 'neutral', children, className, ...rest }: { tone?: Tone; children: ReactNode; className?: string } & Record<`data-${string}`, string | undefined>) {
  return <span className={`badge tone-${tone}${className ? ` ${className}` : ''}`} {...rest}>{children}</span>;
}

export const STATUS_LABEL: Record<OrderStatus, string> = {
  PENDING_PAYMENT: 'Awaiting payment',
  PAID: 'Paid',
  FULFILLED: 'Fulfilled',
  CANCELLED: 'Cancelled',
  REFUND_PENDING: 'Refund pending',
  REFUNDED: 'Refunded',
  FLAGGED: 'On hold for review',
};

/** Every order status has its own tone and marker: money in flight (info), done (success), ended (neutral). */
export const STATUS_TONE: Record<OrderStatus, Tone> = {
  PENDING_PAYMENT: 'warning',
  PAID: 'success',
  FULFILLED: 'success',
  REFUND_PENDING: 'info',
  REFUNDED: 'neutral',
  CANCELLED: 'neutral',
  FLAGGED: 'danger',
};

export function StatusBadge({ status, testId }: { status: OrderStatus; testId?: string }) {
  return (
    <Badge tone={STATUS_TONE[status] ?? 'neutral'} className={`status-${status}`} data-testid={testId} data-status={status}>
      {STATUS_LABEL[status] ?? status}
    </Badge>
  );
}
