import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useApi } from '../services';
import { call } from '../api/client';
import type { components } from '../api/schema';
import { useAuth } from '../auth/AuthContext';
import { queryKeys } from '../realtime/pushes';
import { useFormat } from '../ui/intl';
import { Page } from '../ui/Page';
import { EmptyState, QueryState } from '../ui/States';
import { OrdersTable } from './Orders';

type OrderPage = components['schemas']['OrderPage'];
type Balance = components['schemas']['Balance'];

/** The signed-in home: what needs attention (orders awaiting payment), recent orders, credits. */
export default function Overview() {
  const api = useApi();
  const auth = useAuth();
  const fmt = useFormat();
  const recent = useQuery({
    queryKey: [...queryKeys.orders, 'recent'],
    queryFn: () => call<OrderPage>(api.GET('/orders', { params: { query: { limit: 5 } } })),
  });
  const balance = useQuery({ queryKey: ['billing', 'balance'], queryFn: () => call<Balance>(api.GET('/billing/balance')), retry: false });
  const name = auth.user?.profile.given_name ?? auth.user?.profile.name ?? auth.user?.profile.preferred_username ?? '';
  const awaiting = recent.data?.items.filter((o) => o.status === 'PENDING_PAYMENT').length ?? 0;
  return (
    <Page title="Overview" heading={name ? `Welcome back, ${name}` : 'Overview'} actions={<Link className="btn btn-primary" to="/">Shop</Link>}>
      <div className="stats">
        <div className="card stat">
          <span className="muted small">Awaiting payment</span>
          <span className="value" data-testid="awaiting-count">{recent.data ? fmt.number(awaiting) : '—'}</span>
          {awaiting > 0 && <Link to="/orders">Pay now</Link>}
        </div>
        <div className="card stat">
          <span className="muted small">Chat credits</span>
          <span className="value" data-testid="credits">{balance.data ? fmt.number(balance.data.balance) : '—'}</span>
          {balance.isError && <span className="muted small">Credits are unavailable right now.</span>}
        </div>
      </div>
      <h2>Recent orders</h2>
      <QueryState query={recent} label="Loading recent orders…">
        {(data) => data.items.length === 0
          ? <EmptyState title="No orders yet" actions={<Link className="btn btn-primary" to="/">Go shopping</Link>}>Your orders and their live status show up here.</EmptyState>
          : <><OrdersTable items={data.items} /><p><Link to="/orders">All orders</Link></p></>}
      </QueryState>
    </Page>
  );
}
