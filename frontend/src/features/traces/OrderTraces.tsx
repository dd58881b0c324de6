import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { call } from '../../api/client';
import type { components } from '../../api/schema';
import { useApi } from '../../services';
import { useFormat } from '../../ui/intl';
import { tracePath } from './links';
import { replayPath } from '../ops/links';

type EventEnvelope = components['schemas']['EventEnvelope'];

/** One line per request that touched the order (its correlation id), in time order, with the events it caused. */
export function requestsOf(events: EventEnvelope[]): { correlationId: string; firstAt: string; types: string[] }[] {
  const byCorrelation = new Map<string, { correlationId: string; firstAt: string; types: string[] }>();
  for (const e of [...events].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt))) {
    const entry = byCorrelation.get(e.correlationId);
    if (entry) { if (!entry.types.includes(e.type)) entry.types.push(e.type); }
    else byCorrelation.set(e.correlationId, { correlationId: e.correlationId, firstAt: e.occurredAt, types: [e.type] });
  }
  return [...byCorrelation.values()];
}

/** Admins only: the traces of an order, found through the event store by subject `order:{id}`. */
export function OrderTraces({ orderId }: { orderId: string }) {
  const api = useApi();
  const fmt = useFormat();
  const events = useQuery({
    queryKey: ['admin', 'order-events', orderId],
    queryFn: () => call<{ items: EventEnvelope[] }>(api.GET('/admin/events', { params: { query: { subject: `order:${orderId}`, limit: 200 } } })),
  });
  if (events.isPending || events.isError) return null;
  const requests = requestsOf(events.data.items);
  if (requests.length === 0) return null;
  return (
    <div data-testid="order-traces">
      <h2>Traces <span className="muted small">(admin)</span></h2>
      <ul className="summary-list">
        {requests.map((r) => (
          <li key={r.correlationId}>
            <Link to={tracePath(r.correlationId)}>Trace of {r.types[0]}<span className="sr-only"> ({r.correlationId})</span></Link>
            <span className="muted small">{r.types.length > 1 ? `+${r.types.length - 1} more · ` : ''}{fmt.dateTime(r.firstAt)}</span>
          </li>
        ))}
      </ul>
      <p className="small"><Link to={replayPath(`order:${orderId}`)}>Replay this order’s events…</Link></p>
    </div>
  );
}
