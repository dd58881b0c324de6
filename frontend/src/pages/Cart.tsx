import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useRef } from 'react';
import { useApi } from '../services';
import { call, newCorrelationId } from '../api/client';
import { ApiError } from '../api/problem';
import type { components } from '../api/schema';
import { useAuth } from '../auth/AuthContext';
import { queryKeys } from '../realtime/pushes';
import { cart, useCart, MAX_QUANTITY } from '../state/cart';
import { money } from '../ui/format';
import { Empty, ProblemView } from '../ui/States';

type Order = components['schemas']['Order'];

export default function Cart() {
  const lines = useCart();
  const api = useApi();
  const auth = useAuth();
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

  if (lines.length === 0) return (
    <section aria-labelledby="cart-title"><h1 id="cart-title">Cart</h1><Empty>Your cart is empty.</Empty></section>
  );
  const currency = lines[0].currency;
  return (
    <section aria-labelledby="cart-title">
      <h1 id="cart-title">Cart</h1>
      <table className="lines">
        <thead><tr><th scope="col">Product</th><th scope="col">Quantity</th><th scope="col">Price</th></tr></thead>
        <tbody>
          {lines.map((l, i) => {
            const error = fieldErrors[`lines[${i}].quantity`] ?? fieldErrors[`lines[${i}].productId`];
            return (
              <tr key={l.productId}>
                <td>{l.name}</td>
                <td>
                  <label className="sr-only" htmlFor={`qty-${l.productId}`}>Quantity of {l.name}</label>
                  <input id={`qty-${l.productId}`} type="number" min={0} max={MAX_QUANTITY} value={l.quantity} inputMode="numeric"
                    aria-invalid={error ? true : undefined} aria-describedby={error ? `qty-${l.productId}-error` : undefined}
                    onChange={(e) => cart.setQuantity(l.productId, Number(e.target.value))} />
                  {error && <small id={`qty-${l.productId}-error`} className="field-error">{error}</small>}
                </td>
                <td>{money(l.unitPrice * l.quantity, l.currency)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot><tr><th scope="row" colSpan={2}>Total</th><td data-testid="cart-total">{money(cart.total(), currency)}</td></tr></tfoot>
      </table>
      {place.error && <ProblemView error={place.error} showFields={false} />}
      {auth.user ? (
        <button type="button" className="primary" onClick={() => place.mutate()} disabled={place.isPending}>
          {place.isPending ? 'Placing order…' : 'Place order'}
        </button>
      ) : (
        <button type="button" className="primary" onClick={() => void auth.login('/cart')}>Sign in to order</button>
      )}
    </section>
  );
}
