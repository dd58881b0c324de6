import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api/client';
import type { components } from '../../api/schema';
import { useApi } from '../../services';
import { ProblemView, Spinner } from '../../ui/States';

type Order = components['schemas']['Order'];
type OrderPage = components['schemas']['OrderPage'];

export const reviewKeys = { queue: ['admin', 'review'] as const };

/** The fraud agent's reasons, from the order's FLAGGED history entry ("fraud_review: a; b"). */
export function fraudReasons(order: Order): string[] {
  const held = [...order.history].reverse().find((h) => h.status === 'FLAGGED' && h.reason?.startsWith('fraud_review'));
  const text = held?.reason?.replace(/^fraud_review:?\s*/, '') ?? '';
  return text ? text.split('; ') : [];
}

/** Admin: orders held by the fraud agent, oldest first, with its reasons; approve or reject each with a note. */
export default function ReviewQueue() {
  const api = useApi();
  const queue = useQuery({
    queryKey: reviewKeys.queue,
    queryFn: () => call<OrderPage>(api.GET('/admin/orders/flagged', { params: { query: { limit: 50 } } })),
  });
  if (queue.isPending) return <Spinner label="Loading the review queue…" />;
  if (queue.isError) return <ProblemView error={queue.error} onRetry={() => void queue.refetch()} />;
  return (
    <section aria-labelledby="review-title">
      <h1 id="review-title">Review queue</h1>
      {queue.data.items.length === 0 ? <p>No orders are waiting for review.</p> : (
        <ul className="review-queue">
          {queue.data.items.map((o) => <ReviewItem key={o.id} order={o} />)}
        </ul>
      )}
    </section>
  );
}

function ReviewItem({ order }: { order: Order }) {
  const api = useApi();
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'reject') => call<Order>(api.POST('/admin/orders/{id}/review', {
      params: { path: { id: order.id } }, body: { decision, note: note || null },
    })),
    onSuccess: () => void client.invalidateQueries({ queryKey: reviewKeys.queue }),
  });
  const noteId = `note-${order.id}`;
  return (
    <li>
      <h2>Order {order.id}</h2>
      <p>{(order.total / 100).toFixed(2)} {order.currency} · {order.lines.length} line(s) · placed {new Date(order.createdAt).toLocaleString()}</p>
      <ul aria-label="Fraud reasons">{fraudReasons(order).map((r) => <li key={r}>{r}</li>)}</ul>
      <label htmlFor={noteId}>Note</label>
      <input id={noteId} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="button" disabled={decide.isPending} onClick={() => decide.mutate('approve')}>Approve</button>
      <button type="button" disabled={decide.isPending} onClick={() => decide.mutate('reject')}>Reject</button>
      {decide.error && <ProblemView error={decide.error} />}
    </li>
  );
}
