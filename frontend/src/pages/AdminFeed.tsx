import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useApi } from '../services';
import { call, type Api } from '../api/client';
import type { components } from '../api/schema';
import { useConnectionStatus, useFeed, useRealtime } from '../realtime/Realtime';
import { fromEnvelope } from '../realtime/feed';
import { tracePath } from '../features/traces/links';
import { OPERATIONS_PATH } from '../features/ops/links';
import { useFormat } from '../ui/intl';
import { Button } from '../ui/Button';
import { Page } from '../ui/Page';
import { EmptyState, ProblemView } from '../ui/States';

type EventEnvelope = components['schemas']['EventEnvelope'];
type EventPage = { items: EventEnvelope[]; nextCursor?: string | null };

/** How far back the feed's history reaches when the page opens, and at most how many pages of it are read. */
export const HISTORY_WINDOW_MS = 60 * 60 * 1000;
const HISTORY_PAGES = 5;

/**
 * The last hour of the event store (oldest first, page by page), so the feed starts with what just happened.
 * `to` is a minute ahead: an event committed while the request travels is still included.
 */
export async function loadHistory(api: Api, now = Date.now()): Promise<EventEnvelope[]> {
  const from = new Date(now - HISTORY_WINDOW_MS).toISOString();
  const to = new Date(now + 60_000).toISOString();
  const events: EventEnvelope[] = [];
  let cursor: string | null | undefined = null;
  for (let page = 0; page < HISTORY_PAGES; page++) {
    const result: EventPage = await call<EventPage>(api.GET('/admin/events', {
      params: { query: { from, to, limit: 200, ...(cursor ? { cursor } : {}) } },
    }));
    events.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return events;
}

/** Every domain event: the recent history first, then each one as it is pushed on the admin topic; each links to its trace. */
export default function AdminFeed() {
  const api = useApi();
  const events = useFeed();
  const status = useConnectionStatus();
  const { feed } = useRealtime();
  const [filter, setFilter] = useState('');
  const fmt = useFormat();
  const history = useQuery({ queryKey: ['admin', 'feed-history'], queryFn: () => loadHistory(api), staleTime: Infinity });
  useEffect(() => {
    if (history.data) feed.merge(history.data.map(fromEnvelope));
  }, [history.data, feed]);
  const shown = filter ? events.filter((e) => e.correlationId?.includes(filter) || e.type.includes(filter)) : events;
  return (
    <Page title="Live feed" subtitle="The last hour’s domain events, then every new one as it is pushed, newest first. Open a correlation id to see its trace.">
      <div className="toolbar">
        <div className="field">
          <label htmlFor="feed-filter">Filter by type or correlation id</label>
          <input id="feed-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
        <Button onClick={() => feed.clear()}>Clear</Button>
        <Link to={OPERATIONS_PATH} className="small">Dead letters and replay</Link>
      </div>
      {history.isPending && <p className="muted" role="status" data-testid="feed-history">Loading recent events…</p>}
      {history.isError && <ProblemView error={history.error} onRetry={() => void history.refetch()} />}
      {shown.length === 0 ? (
        <EmptyState title={status === 'open' ? 'Waiting for events…' : 'Not connected'}>
          {status === 'open' ? 'Events appear here the moment they happen.' : 'Events appear once the live connection is up.'}
        </EmptyState>
      ) : (
        <div className="table-wrap">
        <table className="data cards feed" aria-live="polite" aria-relevant="additions">
          <thead><tr><th scope="col">Time</th><th scope="col">Event</th><th scope="col">Subject</th><th scope="col">Correlation id</th></tr></thead>
          <tbody>
            {shown.map((e) => (
              <tr key={e.eventId ?? `${e.type}-${e.sentAt}`} data-event-type={e.type} data-event-id={e.eventId} data-correlation-id={e.correlationId}>
                <td data-label="Time">{fmt.dateTime(e.sentAt)}</td>
                <td className="primary-cell"><code>{e.type}</code></td>
                <td data-label="Subject">{subject(e.data)}</td>
                <td data-label="Correlation id">
                  {e.correlationId && <Link to={tracePath(e.correlationId)}><code>{e.correlationId}</code></Link>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </Page>
  );
}

function subject(data: Record<string, unknown> | undefined): string {
  if (!data) return '';
  for (const k of ['orderId', 'userId', 'packId']) if (typeof data[k] === 'string') return `${k.replace('Id', '')} ${data[k] as string}`;
  return '';
}
