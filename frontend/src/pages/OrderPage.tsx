import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useApi } from '../services';
import { call, newCorrelationId } from '../api/client';
import { ApiError } from '../api/problem';
import type { components } from '../api/schema';
import { queryKeys } from '../realtime/pushes';
import { useTopic } from '../realtime/Realtime';
import { payments, usePaymentAttempts, type PaymentAttempt } from '../state/payments';
import { StatusBadge, STATUS_LABEL } from '../ui/Badge';
import { Button } from '../ui/Button';
import { ConfirmDialog } from '../ui/Dialog';
import { useFormat, type Formatter } from '../ui/intl';
import { itemSummary, orderRef } from '../ui/orderRef';
import { Page } from '../ui/Page';
import { ProductImage } from '../ui/ProductImage';
import { ProblemView, QueryState } from '../ui/States';
import { useAuth } from '../auth/AuthContext';
import { OrderTraces } from '../features/traces/OrderTraces';

type Order = components['schemas']['Order'];
type CheckoutSession = components['schemas']['CheckoutSession'];

const HAPPY_PATH = ['PENDING_PAYMENT', 'PAID', 'FULFILLED'] as const;
const PAID_STATES = new Set(['PAID', 'FULFILLED', 'REFUND_PENDING', 'REFUNDED']);
/** sessionStorage: the order whose checkout is open, so the provider's return URL (/orders?paid=1) can come back here. */
export const CHECKOUT_ORDER_KEY = 'backplane.checkoutOrder';

export default function OrderPage() {
  const { id = '' } = useParams();
  const api = useApi();
  const [search] = useSearchParams();
  useTopic(`order:${id}`);
  const order = useQuery({
    queryKey: queryKeys.order(id),
    queryFn: () => call<Order>(api.GET('/orders/{id}', { params: { path: { id } } })),
    // back from the payment page: pushes confirm the payment, a slow poll covers one sent before we subscribed
    refetchInterval: (q) => (search.get('checkout') === 'success' && q.state.data?.status === 'PENDING_PAYMENT' ? 5000 : false),
  });
  if (!order.data) {
    return (
      <Page title="Order" heading={<>Order <span className="ref">{orderRef(id)}</span></>} back={<Link to="/orders">← My orders</Link>}>
        <QueryState query={order} label="Loading order…">{() => null}</QueryState>
      </Page>
    );
  }
  return <OrderView order={order.data} />;
}

function OrderView({ order: o }: { order: Order }) {
  const api = useApi();
  const client = useQueryClient();
  const fmt = useFormat();
  const { isAdmin } = useAuth();
  const [search] = useSearchParams();
  const attempts = usePaymentAttempts(o.id);
  const returned = search.get('checkout');
  const latest = attempts[attempts.length - 1];

  // back from the payment page without a success redirect (browser back, "back to shop"): that attempt ended unpaid
  const checkedReturn = useRef(false);
  useEffect(() => {
    if (checkedReturn.current) return;
    checkedReturn.current = true;
    if (returned && sessionStorage.getItem(CHECKOUT_ORDER_KEY) === o.id) sessionStorage.removeItem(CHECKOUT_ORDER_KEY);
    if (returned !== 'success' && o.status === 'PENDING_PAYMENT' && latest?.outcome === 'open') payments.left(o.id);
  }, [returned, o.status, o.id, latest]);
  useEffect(() => {
    if (PAID_STATES.has(o.status) && latest && latest.outcome !== 'paid') payments.paid(o.id);
  }, [o.status, o.id, latest]);

  const checkout = useMutation({
    mutationFn: () => {
      sessionStorage.setItem(CHECKOUT_ORDER_KEY, o.id);
      return call<CheckoutSession>(api.POST('/orders/{id}/checkout', {
        params: { path: { id: o.id }, header: { 'Idempotency-Key': newCorrelationId() } },
      }));
    },
    onSuccess: (session) => {
      payments.started(o.id, session.sessionId, session.url);
      window.location.assign(session.url);
    },
  });
  const cancel = useMutation({
    mutationFn: () => call<Order>(api.POST('/orders/{id}/cancel', {
      params: { path: { id: o.id }, header: { 'Idempotency-Key': newCorrelationId() } },
    })),
    onSuccess: (updated) => {
      client.setQueryData(queryKeys.order(o.id), updated);
      void client.invalidateQueries({ queryKey: queryKeys.orders });
    },
  });

  // Back from the payment page restored from the back/forward cache: no remount, so settle the attempt here and
  // release the "Opening checkout…" button
  useEffect(() => {
    const restored = (e: PageTransitionEvent) => {
      if (!e.persisted) return;
      checkout.reset();
      if (payments.of(o.id).at(-1)?.outcome === 'open') payments.left(o.id);
    };
    window.addEventListener('pageshow', restored);
    return () => window.removeEventListener('pageshow', restored);
  }, [checkout, o.id]);

  const declined = o.status === 'PENDING_PAYMENT' && latest?.outcome === 'declined';
  const unfinished = o.status === 'PENDING_PAYMENT' && latest?.outcome === 'left' && returned !== 'success';
  const last = o.history[o.history.length - 1];
  const paid = PAID_STATES.has(o.status) && o.status !== 'REFUNDED';
  const checkoutMissing = checkout.error instanceof ApiError && checkout.error.status === 404 && !checkout.error.problem.correlationId;
  const payLabel = checkout.isPending || checkout.isSuccess ? 'Opening checkout…' : attempts.length > 0 ? 'Retry payment' : 'Pay now';
  const total = fmt.money(o.total, o.currency);
  const ref = orderRef(o.id);

  return (
    <Page title={`Order ${ref}`} heading={<>Order <span className="ref" title={o.id}>{ref}</span></>}
      subtitle={<>{itemSummary(o.lines)} · placed {fmt.dateTime(o.createdAt, 'short')}</>}
      back={<Link to="/orders">← My orders</Link>}
      actions={<Link className="btn" to="/">Continue shopping</Link>}>
      <p className="row">
        <span className="muted">Status</span>
        <span aria-live="polite"><StatusBadge status={o.status} testId="order-status" /></span>
        <span className="muted small">Total <strong>{total}</strong></span>
      </p>

      {declined && (
        <div className="callout tone-danger" role="alert" data-testid="payment-declined">
          <strong>Payment declined</strong>
          <p>Your card was declined{latest.reason && latest.reason !== 'payment_failed' ? ` (${humanize(latest.reason)})` : ''}. Nothing was charged and
            the order is still reserved for you: try again, with another card if needed.</p>
        </div>
      )}
      {unfinished && (
        <div className="callout tone-warning" role="status" data-testid="payment-incomplete">
          <strong>Payment not completed</strong>
          <p>Checkout was left before paying{latest.at ? ` at ${fmt.dateTime(latest.at, 'short')}` : ''}. Nothing was charged; pay whenever you’re ready.</p>
        </div>
      )}
      {returned === 'success' && o.status === 'PENDING_PAYMENT' && !declined && (
        <div className="callout tone-info" role="status" data-testid="payment-confirming">
          <strong><span className="spinner" aria-hidden="true" /> Confirming your payment…</strong>
          <p>The payment provider accepted it; this page updates by itself in a moment.</p>
        </div>
      )}
      {returned === 'success' && (o.status === 'PAID' || o.status === 'FULFILLED') && (
        <div className="callout tone-success" role="status" data-testid="payment-confirmed">
          <strong>Payment received</strong>
          <p>Thank you! {o.status === 'FULFILLED' ? 'Your order is on its way.' : 'We’re preparing your order.'}</p>
        </div>
      )}
      {returned === 'cancelled' && o.status === 'PENDING_PAYMENT' && !declined && !unfinished && (
        <p className="notice" role="status">Checkout was cancelled: nothing was charged. You can pay later.</p>
      )}
      {o.status === 'CANCELLED' && (last?.reason === 'payment_failed' || last?.reason === 'expired') && (
        <div className="callout tone-danger" role="status" data-testid="order-cancelled-payment">
          <strong>{last.reason === 'expired' ? 'Order expired' : 'Payment failed'}</strong>
          <p>The order was cancelled and its items released; nothing was charged. <Link to="/">Back to the shop</Link> to order again.</p>
        </div>
      )}
      {o.status === 'REFUND_PENDING' && (
        <div className="callout tone-info" role="status" data-testid="refund-pending">
          <strong>Refund under way</strong>
          <p>{total} goes back to the card you paid with. The payment provider confirms within minutes; your bank may take 5–10 business days to show it.</p>
        </div>
      )}
      {o.status === 'REFUNDED' && (
        <div className="callout tone-success" role="status" data-testid="refunded">
          <strong>Refunded</strong>
          <p>{total} was refunded to the card you paid with.</p>
        </div>
      )}

      <div className="actions">
        {o.status === 'PENDING_PAYMENT' && (
          <>
            <Button variant="primary" onClick={() => checkout.mutate()} busy={checkout.isPending || checkout.isSuccess}>{payLabel}</Button>
            <ConfirmDialog title={`Cancel order ${ref}?`} confirmLabel="Cancel order" cancelLabel="Keep order" variant="danger"
              onConfirm={() => cancel.mutateAsync().catch(() => undefined)}
              trigger={<Button busy={cancel.isPending}>{cancel.isPending ? 'Cancelling…' : 'Cancel order'}</Button>}>
              <p>Nothing has been charged. The items go back on sale and the order can’t be paid afterwards.</p>
            </ConfirmDialog>
          </>
        )}
        {paid && o.status !== 'REFUND_PENDING' && (
          <ConfirmDialog title={`Cancel ${ref} and refund ${total}?`} confirmLabel="Cancel & refund" cancelLabel="Keep order" variant="danger"
            onConfirm={() => cancel.mutateAsync().catch(() => undefined)}
            trigger={<Button variant="danger" busy={cancel.isPending}>{cancel.isPending ? 'Requesting refund…' : 'Cancel & refund'}</Button>}>
            <p>We cancel the order and refund {total} to the card you paid with.</p>
            <p>The order shows <strong>Refund pending</strong> until the payment provider confirms, usually within minutes. Your bank
              may take 5–10 business days to show the money back on your statement.</p>
          </ConfirmDialog>
        )}
      </div>
      {checkoutMissing ? (
        <div className="problem" role="alert"><strong>Payments are not available yet</strong><p>This deployment has no checkout endpoint.</p></div>
      ) : checkout.error && <ProblemView error={checkout.error} />}
      {cancel.error && <ProblemView error={cancel.error} />}

      <div className="layout-2">
        <div>
          <h2>Items</h2>
          <div className="table-wrap">
            <table className="data cards">
              <thead><tr><th scope="col">Product</th><th scope="col" className="num">Unit price</th><th scope="col" className="num">Qty</th><th scope="col" className="num">Subtotal</th></tr></thead>
              <tbody>
                {o.lines.map((l) => (
                  <tr key={l.productId}>
                    <td className="primary-cell"><span className="line-item"><ProductImage id={l.productId} name={l.name} className="thumb" /><span className="name">{l.name}</span></span></td>
                    <td className="num" data-label="Unit price">{fmt.money(l.unitPrice, o.currency)}</td>
                    <td className="num" data-label="Qty">{fmt.number(l.quantity)}</td>
                    <td className="num" data-label="Subtotal">{fmt.money(l.unitPrice * l.quantity, o.currency)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot><tr><th scope="row" colSpan={3}>Total</th><td className="num">{total}</td></tr></tfoot>
            </table>
          </div>
        </div>
        <div>
          <h2>Timeline</h2>
          <ol className="timeline" data-testid="timeline">
            {timeline(o, attempts).map((step, i) => (
              <li key={`${step.label}-${step.at ?? i}`} className={step.tone} aria-current={step.current ? 'step' : undefined} data-step={step.kind}>
                <span className="step">{step.label}</span>
                {step.detail && <span className="muted"> — {step.detail}</span>}
                {step.at && <time dateTime={step.at}>{formatAt(fmt, step.at)}</time>}
              </li>
            ))}
          </ol>
          {isAdmin && <OrderTraces orderId={o.id} />}
        </div>
      </div>
    </Page>
  );
}

const formatAt = (fmt: Formatter, at: string) => fmt.dateTime(at);

function humanize(code: string): string {
  return code.replace(/_/g, ' ');
}

export interface Step {
  kind: 'status' | 'attempt' | 'ahead';
  status?: string;
  label: string;
  detail?: string | null;
  at?: string;
  tone: 'done' | 'todo' | 'bad' | 'info';
  current: boolean;
}

const ATTEMPT_LABEL: Record<PaymentAttempt['outcome'], [string, Step['tone']] | null> = {
  open: null,
  paid: null,
  declined: ['Payment declined', 'bad'],
  left: ['Checkout left without paying', 'todo'],
  expired: ['Checkout expired', 'bad'],
};

/** History as it happened, payment attempts in between, then the steps still ahead on the happy path. */
export function timeline(o: Order, attempts: PaymentAttempt[] = []): Step[] {
  const past: Step[] = o.history.map((h) => ({
    kind: 'status', status: h.status, label: STATUS_LABEL[h.status] ?? h.status, at: h.at,
    detail: h.reason && h.reason !== 'fulfilled' ? humanize(h.reason) : null,
    tone: h.status === 'CANCELLED' && h.reason !== 'user' ? 'bad' : 'done', current: false,
  }));
  if (o.history.length === 0) past.push({ kind: 'status', status: o.status, label: STATUS_LABEL[o.status] ?? o.status, at: o.createdAt, tone: 'done', current: false });
  for (const a of attempts) {
    past.push({ kind: 'attempt', label: 'Checkout opened', at: a.startedAt, tone: 'info', current: false });
    const outcome = ATTEMPT_LABEL[a.outcome];
    if (outcome) past.push({ kind: 'attempt', label: outcome[0], detail: a.outcome === 'declined' && a.reason && a.reason !== 'payment_failed' ? humanize(a.reason) : null, at: a.at ?? a.startedAt, tone: outcome[1], current: false });
  }
  past.sort((x, y) => (x.at ?? '').localeCompare(y.at ?? ''));
  const lastStatus = [...past].reverse().find((s) => s.kind === 'status');
  if (lastStatus) lastStatus.current = true;
  const reached = new Set(o.history.map((h) => h.status as string));
  const ahead: Step[] = [];
  if (o.status !== 'CANCELLED' && o.status !== 'REFUND_PENDING' && o.status !== 'REFUNDED') {
    for (const s of HAPPY_PATH) if (!reached.has(s) && s !== o.status) ahead.push({ kind: 'ahead', status: s, label: STATUS_LABEL[s], tone: 'todo', current: false });
  }
  if (o.status === 'REFUND_PENDING') ahead.push({ kind: 'ahead', status: 'REFUNDED', label: STATUS_LABEL.REFUNDED, tone: 'todo', current: false });
  return [...past, ...ahead];
}
