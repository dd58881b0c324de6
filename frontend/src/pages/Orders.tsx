import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../services';
import { call } from '../api/client';
import type { components } from '../api/schema';
import { queryKeys } from '../realtime/pushes';
import { dateTime, money, STATUS_LABEL } from '../ui/format';
import { Empty, ProblemView, Spinner } from '../ui/States';

type OrderPage = components['schemas']['OrderPage'];
export const ORDERS_PAGE_SIZE = 10;

export default function Orders() {
  const api = useApi();
  const [search] = useSearchParams();
  const returnedFrom = sessionStorage.getItem('backplane.checkoutOrder');
  const orders = useInfiniteQuery({
    queryKey: queryKeys.orders,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => call<OrderPage>(api.GET('/orders', {
      params: { query: { limit: ORDERS_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
    })),
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
  if (orders.isPending) return <Spinner label="Loading your orders…" />;
  if (orders.isError) return <ProblemView error={orders.error} onRetry={() => void orders.refetch()} />;
  const items = orders.data.pages.flatMap((p) => p.items);
  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">My orders</h1>
      {search.get('paid') && (
        <p className="notice" role="status" data-testid="checkout-returned">
          Thanks! Your payment is being confirmed; the status below updates by itself.
          {returnedFrom && <> <Link to={`/orders/${returnedFrom}`}>Back to the order</Link></>}
        </p>
      )}
      {search.get('cancelled') && <p className="notice" role="status">Checkout cancelled: nothing was charged. You can pay later from the order page.</p>}
      {items.length === 0 ? <Empty>No orders yet. <Link to="/">Go shopping</Link>.</Empty> : (
        <table className="lines orders">
          <thead><tr><th scope="col">Order</th><th scope="col">Placed</th><th scope="col">Status</th><th scope="col">Total</th></tr></thead>
          <tbody>
            {items.map((o) => (
              <tr key={o.id} data-order={o.id}>
                <td><Link to={`/orders/${o.id}`}>{o.id}</Link></td>
                <td>{dateTime(o.createdAt)}</td>
                <td><span className={`badge status-${o.status}`}>{STATUS_LABEL[o.status] ?? o.status}</span></td>
                <td>{money(o.total, o.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {orders.hasNextPage && (
        <button type="button" onClick={() => void orders.fetchNextPage()} disabled={orders.isFetchingNextPage}>
          {orders.isFetchingNextPage ? 'Loading…' : 'Older orders'}
        </button>
      )}
    </section>
  );
}
