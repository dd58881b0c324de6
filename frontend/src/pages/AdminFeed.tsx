import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../services';
import { call } from '../api/client';
import type { components } from '../api/schema';
import { useConnectionStatus, useFeed, useRealtime } from '../realtime/Realtime';
import { useFormat } from '../ui/intl';
import { Button } from '../ui/Button';
import { Page } from '../ui/Page';
import { EmptyState, QueryState } from '../ui/States';

type Trace = components['schemas']['Trace'];

/** Every domain event as it is pushed on the admin topic, with its correlation id (click one to see the chain). */
export default function AdminFeed() {
  const events = useFeed();
  const status = useConnectionStatus();
  const { feed } = useRealtime();
  const [filter, setFilter] = useState('');
  const [trace, setTrace] = useState<string | null>(null);
  const fmt = useFormat();
  const shown = filter ? events.filter((e) => e.correlationId?.includes(filter) || e.type.includes(filter)) : events;
  return (
    <Page title="Live feed" subtitle="Every domain event as it is pushed, newest first. Select a correlation id to see its whole chain.">
      <div className="toolbar">
        <div className="field">
          <label htmlFor="feed-filter">Filter by type or correlation id</label>
          <input id="feed-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
        <Button onClick={() => feed.clear()}>Clear</Button>
      </div>
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
              <tr key={e.eventId ?? `${e.type}-${e.sentAt}`} data-event-type={e.type} data-correlation-id={e.correlationId}>
                <td data-label="Time">{fmt.dateTime(e.sentAt)}</td>
                <td className="primary-cell"><code>{e.type}</code></td>
                <td data-label="Subject">{subject(e.data)}</td>
                <td data-label="Correlation id">{e.correlationId && <button type="button" className="btn-link" onClick={() => setTrace(e.correlationId!)}><code>{e.correlationId}</code></button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      {trace && <TraceView correlationId={trace} onClose={() => setTrace(null)} />}
    </Page>
  );
}

function subject(data: Record<string, unknown> | undefined): string {
  if (!data) return '';
  for (const k of ['orderId', 'userId', 'packId']) if (typeof data[k] === 'string') return `${k.replace('Id', '')} ${data[k] as string}`;
  return '';
}

function TraceView({ correlationId, onClose }: { correlationId: string; onClose: () => void }) {
  const api = useApi();
  const fmt = useFormat();
  const trace = useQuery({
    queryKey: ['trace', correlationId],
    queryFn: () => call<Trace>(api.GET('/admin/traces/{correlationId}', { params: { path: { correlationId } } })),
  });
  return (
    <aside className="card trace" aria-labelledby="trace-title">
      <h2 id="trace-title">Trace <code>{correlationId}</code></h2>
      <Button size="sm" onClick={onClose}>Close trace</Button>
      <QueryState query={trace} label="Loading trace…">
        {(data) => <ol>{data.events.map((e) => <li key={e.id}><code>{e.type}</code> · {fmt.dateTime(e.occurredAt)} · {e.source}</li>)}</ol>}
      </QueryState>
    </aside>
  );
}
