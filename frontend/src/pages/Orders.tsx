import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useApi } from '../services';
import { call } from '../api/client';
import type { components } from '../api/schema';
import { queryKeys } from '../realtime/pushes';
import { StatusBadge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { useFormat } from '../ui/intl';
import { itemSummary, orderRef } from '../ui/orderRef';
import { Page } from '../ui/Page';
import { EmptyState, QueryState } from '../ui/States';
import { CHECKOUT_ORDER_KEY } from './OrderPage';

type Order = components['schemas']['Order'];
type OrderPage = components['schemas']['OrderPage'];
export const ORDERS_PAGE_SIZE = 10;

export default function Orders() {
  const api = useApi();
  const [search] = useSearchParams();
  const orders = useInfiniteQuery({
    queryKey: queryKeys.orders,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => call<OrderPage>(api.GET('/orders', {
      params: { query: { limit: ORDERS_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
    })),
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
  // the payment provider returns here (/orders?paid=1 or ?cancelled=1): continue on the order that was being paid
  const returnedFrom = sessionStorage.getItem(CHECKOUT_ORDER_KEY);
  const result = search.get('paid') ? 'success' : search.get('cancelled') ? 'cancelled' : null;
  if (result && returnedFrom) {
    // the order page forgets the key once it has handled the return (this render may run more than once)
    return <Navigate to={`/orders/${encodeURIComponent(returnedFrom)}?checkout=${result}`} replace />;
  }
  return (
    <Page title="My orders" actions={<Link className="btn" to="/">Continue shopping</Link>}>
      {result === 'success' && <p className="notice" role="status">Thanks! Your payment is being confirmed; the order list updates by itself.</p>}
      <QueryState query={orders} label="Loading your orders…">
        {(data) => {
          const items = data.pages.flatMap((p) => p.items);
          return items.length === 0 ? (
            <EmptyState title="No orders yet" actions={<Link className="btn btn-primary" to="/">Go shopping</Link>}>Orders you place show up here with their live status.</EmptyState>
          ) : <OrdersTable items={items} />;
        }}
      </QueryState>
      {orders.hasNextPage && (
        <div className="actions">
          <Button onClick={() => void orders.fetchNextPage()} busy={orders.isFetchingNextPage}>
            {orders.isFetchingNextPage ? 'Loading…' : 'Older orders'}
          </Button>
        </div>
      )}
    </Page>
  );
}

export function OrdersTable({ items }: { items: Order[] }) {
  const fmt = useFormat();
  return (
    <div className="table-wrap">
      <table className="data cards orders">
        <caption className="sr-only">Your orders, newest first</caption>
        <thead><tr><th scope="col">Order</th><th scope="col">Items</th><th scope="col">Placed</th><th scope="col">Status</th><th scope="col" className="num">Total</th></tr></thead>
        <tbody>
          {items.map((o) => (
            <tr key={o.id} data-order={o.id}>
              <td className="primary-cell"><Link to={`/orders/${o.id}`} className="ref" title={o.id}>{orderRef(o.id)}</Link></td>
              <td data-label="Items">{itemSummary(o.lines)}</td>
              <td data-label="Placed">{fmt.dateTime(o.createdAt, 'short')}</td>
              <td data-label="Status"><StatusBadge status={o.status} /></td>
              <td data-label="Total" className="num">{fmt.money(o.total, o.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
