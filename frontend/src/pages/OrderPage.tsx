import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { useApi } from '../services';
import { call, newCorrelationId } from '../api/client';
import { ApiError } from '../api/problem';
import type { components } from '../api/schema';
import { queryKeys } from '../realtime/pushes';
import { useTopic } from '../realtime/Realtime';
import { dateTime, money, STATUS_LABEL } from '../ui/format';
import { ProblemView, Spinner } from '../ui/States';

type Order = components['schemas']['Order'];
type CheckoutSession = components['schemas']['CheckoutSession'];

const HAPPY_PATH = ['PENDING_PAYMENT', 'PAID', 'FULFILLED'] as const;

export default function OrderPage() {
  const { id = '' } = useParams();
  const api = useApi();
  const client = useQueryClient();
  const [search] = useSearchParams();
  useTopic(`order:${id}`);
  const order = useQuery({
    queryKey: queryKeys.order(id),
    queryFn: () => call<Order>(api.GET('/orders/{id}', { params: { path: { id } } })),
  });
  const checkout = useMutation({
    mutationFn: () => {
      // remembered so /orders?paid=1 (the provider's return URL) can bring the user back to this order
      sessionStorage.setItem('backplane.checkoutOrder', id);
      return call<CheckoutSession>(api.POST('/orders/{id}/checkout', {
        params: { path: { id }, header: { 'Idempotency-Key': newCorrelationId() } },
      }));
    },
    onSuccess: (session) => window.location.assign(session.url),
  });
  const cancel = useMutation({
    mutationFn: () => call<Order>(api.POST('/orders/{id}/cancel', {
      params: { path: { id }, header: { 'Idempotency-Key': newCorrelationId() } },
    })),
    onSuccess: (o) => {
      client.setQueryData(queryKeys.order(id), o);
      void client.invalidateQueries({ queryKey: queryKeys.orders });
    },
  });

  if (order.isPending) return <Spinner label="Loading order…" />;
  if (order.isError) return <ProblemView error={order.error} onRetry={() => void order.refetch()} />;
  const o = order.data;
  const last = o.history[o.history.length - 1];
  const declined = o.status === 'CANCELLED' && last?.reason === 'payment_failed';
  const returned = search.get('checkout');
  const checkoutMissing = checkout.error instanceof ApiError && checkout.error.status === 404 && !checkout.error.problem.correlationId;

  return (
    <section aria-labelledby="order-title">
      <p><Link to="/orders">← My orders</Link></p>
      <h1 id="order-title">Order <code>{o.id}</code></h1>
      <p className="status-line">
        Status: <strong className={`badge status-${o.status}`} data-testid="order-status" aria-live="polite">{STATUS_LABEL[o.status] ?? o.status}</strong>
      </p>
      {declined && (
        <div className="problem" role="alert" data-testid="payment-declined">
          <strong>Payment declined</strong>
          <p>Your card was declined, so the order was cancelled. Nothing was charged. Place the order again to retry with another card.</p>
        </div>
      )}
      {!declined && returned === 'success' && o.status === 'PENDING_PAYMENT' && (
        <p className="notice" role="status"><span className="spinner" aria-hidden="true" /> Payment received by the provider, waiting for confirmation…</p>
      )}
      {returned === 'cancelled' && o.status === 'PENDING_PAYMENT' && (
        <p className="notice" role="status">Checkout was cancelled; you can pay later.</p>
      )}

      <h2>Timeline</h2>
      <ol className="timeline" data-testid="timeline">
        {timeline(o).map((step) => (
          <li key={step.status + step.at} className={step.done ? 'done' : 'todo'} aria-current={step.current ? 'step' : undefined}>
            <span className="step">{STATUS_LABEL[step.status] ?? step.status}</span>
            {step.at && <time dateTime={step.at}>{dateTime(step.at)}</time>}
            {step.reason && <span className="muted"> ({step.reason.replace(/_/g, ' ')})</span>}
          </li>
        ))}
      </ol>

      <h2>Items</h2>
      <table className="lines">
        <thead><tr><th scope="col">Product</th><th scope="col">Qty</th><th scope="col">Price</th></tr></thead>
        <tbody>
          {o.lines.map((l) => (
            <tr key={l.productId}><td>{l.name}</td><td>{l.quantity}</td><td>{money(l.unitPrice * l.quantity, o.currency)}</td></tr>
          ))}
        </tbody>
        <tfoot><tr><th scope="row" colSpan={2}>Total</th><td>{money(o.total, o.currency)}</td></tr></tfoot>
      </table>

      {o.status === 'PENDING_PAYMENT' && (
        <div className="actions">
          <button type="button" className="primary" onClick={() => checkout.mutate()} disabled={checkout.isPending || checkout.isSuccess}>
            {checkout.isPending || checkout.isSuccess ? 'Opening checkout…' : 'Pay now'}
          </button>
          <button type="button" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
            {cancel.isPending ? 'Cancelling…' : 'Cancel order'}
          </button>
        </div>
      )}
      {checkoutMissing ? (
        <div className="problem" role="alert"><strong>Payments are not available yet</strong><p>This deployment has no checkout endpoint.</p></div>
      ) : checkout.error && <ProblemView error={checkout.error} />}
      {cancel.error && <ProblemView error={cancel.error} />}
    </section>
  );
}

interface Step { status: string; at?: string; reason?: string | null; done: boolean; current: boolean }

/** History as it happened, followed by the steps still ahead on the happy path. */
export function timeline(o: Order): Step[] {
  const steps: Step[] = o.history.map((h, i) => ({ status: h.status, at: h.at, reason: h.reason, done: true, current: i === o.history.length - 1 }));
  const reached = new Set(o.history.map((h) => h.status as string));
  if (o.history.length === 0) steps.push({ status: o.status, at: o.createdAt, done: true, current: true });
  if (o.status !== 'CANCELLED' && o.status !== 'REFUND_PENDING' && o.status !== 'REFUNDED') {
    for (const s of HAPPY_PATH) if (!reached.has(s) && s !== o.status) steps.push({ status: s, done: false, current: false });
  }
  return steps;
}
