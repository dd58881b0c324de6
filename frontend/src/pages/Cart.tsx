import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useRef, useState } from 'react';
import { useApi } from '../services';
import { call, newCorrelationId } from '../api/client';
import { ApiError } from '../api/problem';
import type { components } from '../api/schema';
import { useAuth } from '../auth/AuthContext';
import { queryKeys } from '../realtime/pushes';
import { cart, useCart, MAX_QUANTITY, type CartLine } from '../state/cart';
import { useFormat } from '../ui/intl';
import { Button } from '../ui/Button';
import { Page } from '../ui/Page';
import { ProductImage } from '../ui/ProductImage';
import { EmptyState, ProblemView } from '../ui/States';
import { useToast } from '../ui/Toast';

type Order = components['schemas']['Order'];

export default function Cart() {
  const lines = useCart();
  const api = useApi();
  const auth = useAuth();
  const fmt = useFormat();
  const navigate = useNavigate();
  const client = useQueryClient();
  // one key per cart submission: a double click or a retry after a timeout cannot place two orders
  const idempotencyKey = useRef(newCorrelationId());
  const place = useMutation({
    mutationFn: () =>
      call<Order>(api.POST('/orders', {
        params: { header: { 'Idempotency-Key': idempotencyKey.current } },
        body: { lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity })) },
      })),
    onSuccess: (order) => {
      client.setQueryData(queryKeys.order(order.id), order);
      void client.invalidateQueries({ queryKey: queryKeys.orders });
      cart.clear();
      idempotencyKey.current = newCorrelationId();
      navigate(`/orders/${order.id}`);
    },
  });
  const fieldErrors = place.error instanceof ApiError ? place.error.fieldErrors() : {};
  const count = lines.reduce((n, l) => n + l.quantity, 0);

  if (lines.length === 0) return (
    <Page title="Cart">
      <EmptyState title="Your cart is empty" actions={<Link className="btn btn-primary" to="/">Browse the shop</Link>}>
        Add something from the shop and it shows up here.
      </EmptyState>
    </Page>
  );
  const currency = lines[0].currency;
  return (
    <Page title="Cart" subtitle={`${count} ${count === 1 ? 'item' : 'items'}`} back={<Link to="/">← Continue shopping</Link>}>
      <div className="layout-2">
        <div className="table-wrap">
          <table className="data cards" data-testid="cart-lines">
            <caption className="sr-only">Items in your cart</caption>
            <thead>
              <tr><th scope="col">Product</th><th scope="col" className="num">Unit price</th><th scope="col">Quantity</th><th scope="col" className="num">Subtotal</th><th scope="col"><span className="sr-only">Remove</span></th></tr>
            </thead>
            <tbody>
              {lines.map((l, i) => (
                <CartRow key={l.productId} line={l}
                  error={fieldErrors[`lines[${i}].quantity`] ?? fieldErrors[`lines[${i}].productId`]} />
              ))}
            </tbody>
          </table>
        </div>
        <aside className="card" aria-labelledby="summary-title">
          <h2 id="summary-title">Summary</h2>
          <ul className="summary-list">
            <li><span>Subtotal ({count} {count === 1 ? 'item' : 'items'})</span><span data-testid="cart-subtotal">{fmt.money(cart.total(), currency)}</span></li>
            <li><span>Shipping</span><span>Free</span></li>
            <li><strong>Total</strong><strong data-testid="cart-total">{fmt.money(cart.total(), currency)}</strong></li>
          </ul>
          {place.error && <ProblemView error={place.error} showFields={false} />}
          <div className="actions">
            {auth.user ? (
              <Button variant="primary" onClick={() => place.mutate()} busy={place.isPending}>
                {place.isPending ? 'Placing order…' : 'Place order'}
              </Button>
            ) : (
              <Button variant="primary" onClick={() => void auth.login('/cart')}>Sign in to order</Button>
            )}
          </div>
          <p className="muted small">You pay on the next step; nothing is charged yet.</p>
        </aside>
      </div>
    </Page>
  );
}

function CartRow({ line: l, error }: { line: CartLine; error?: string }) {
  const fmt = useFormat();
  const toast = useToast();
  // what the user is typing: an empty or invalid field never removes the line, it reverts on blur
  const [draft, setDraft] = useState<string | null>(null);
  const id = `qty-${l.productId}`;
  const commit = (value: string) => {
    const n = Number.parseInt(value, 10);
    if (Number.isFinite(n) && n >= 1) cart.setQuantity(l.productId, Math.min(MAX_QUANTITY, n));
    setDraft(null);
  };
  const remove = () => {
    const removed = cart.remove(l.productId);
    if (removed) toast({ message: <>Removed <strong>{l.name}</strong>.</>, action: { label: 'Undo', run: () => cart.restore(removed) } });
  };
  return (
    <tr data-line={l.productId}>
      <td className="primary-cell">
        <span className="line-item"><ProductImage id={l.productId} name={l.name} className="thumb" /><span className="name">{l.name}</span></span>
      </td>
      <td className="num" data-label="Unit price">{fmt.money(l.unitPrice, l.currency)}</td>
      <td data-label="Quantity">
        <span>
          <span className="stepper">
            <button type="button" aria-label={`Decrease quantity of ${l.name}`} disabled={l.quantity <= 1}
              onClick={() => cart.setQuantity(l.productId, l.quantity - 1)}>−</button>
            <label className="sr-only" htmlFor={id}>Quantity of {l.name}</label>
            <input id={id} type="number" min={1} max={MAX_QUANTITY} inputMode="numeric" value={draft ?? String(l.quantity)}
              aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
              onChange={(e) => {
                setDraft(e.target.value);
                const n = Number.parseInt(e.target.value, 10);
                if (Number.isFinite(n) && n >= 1) cart.setQuantity(l.productId, Math.min(MAX_QUANTITY, n));
              }}
              onBlur={(e) => commit(e.target.value)}
              onKeyDown={(e) => { if (e.key === 'Enter') commit((e.target as HTMLInputElement).value); }} />
            <button type="button" aria-label={`Increase quantity of ${l.name}`} disabled={l.quantity >= MAX_QUANTITY}
              onClick={() => cart.setQuantity(l.productId, l.quantity + 1)}>+</button>
          </span>
          {error && <small id={`${id}-error`} className="field-error">{error}</small>}
        </span>
      </td>
      <td className="num" data-label="Subtotal" data-testid="line-subtotal">{fmt.money(l.unitPrice * l.quantity, l.currency)}</td>
      <td data-label="">
        <Button size="sm" variant="ghost" onClick={remove}>Remove <span className="sr-only">{l.name}</span></Button>
      </td>
    </tr>
  );
}
