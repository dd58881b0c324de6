import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../services';
import { call } from '../api/client';
import type { components } from '../api/schema';
import { useConnectionStatus, useFeed, useRealtime } from '../realtime/Realtime';
import { dateTime } from '../ui/format';
import { Empty, ProblemView, Spinner } from '../ui/States';

type Trace = components['schemas']['Trace'];

/** Every domain event as it is pushed on the admin topic, with its correlation id (click one to see the chain). */
export default function AdminFeed() {
  const events = useFeed();
  const status = useConnectionStatus();
  const { feed } = useRealtime();
  const [filter, setFilter] = useState('');
  const [trace, setTrace] = useState<string | null>(null);
  const shown = filter ? events.filter((e) => e.correlationId?.includes(filter) || e.type.includes(filter)) : events;
  return (
    <section aria-labelledby="feed-title">
      <h1 id="feed-title">Live feed</h1>
      <div className="toolbar">
        <div className="field">
          <label htmlFor="feed-filter">Filter by type or correlation id</label>
          <input id="feed-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
        <button type="button" onClick={() => feed.clear()}>Clear</button>
      </div>
      {shown.length === 0 ? (
        <Empty>{status === 'open' ? 'Waiting for events…' : 'Not connected: events appear once the live connection is up.'}</Empty>
      ) : (
        <table className="lines feed" aria-live="polite" aria-relevant="additions">
          <thead><tr><th scope="col">Time</th><th scope="col">Event</th><th scope="col">Subject</th><th scope="col">Correlation id</th></tr></thead>
          <tbody>
            {shown.map((e) => (
              <tr key={e.eventId ?? `${e.type}-${e.sentAt}`} data-event-type={e.type} data-correlation-id={e.correlationId}>
                <td>{dateTime(e.sentAt)}</td>
                <td><code>{e.type}</code></td>
                <td>{subject(e.data)}</td>
                <td>{e.correlationId && <button type="button" className="link" onClick={() => setTrace(e.correlationId!)}><code>{e.correlationId}</code></button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {trace && <TraceView correlationId={trace} onClose={() => setTrace(null)} />}
    </section>
  );
}

function subject(data: Record<string, unknown> | undefined): string {
  if (!data) return '';
  for (const k of ['orderId', 'userId', 'packId']) if (typeof data[k] === 'string') return `${k.replace('Id', '')} ${data[k] as string}`;
  return '';
}

function TraceView({ correlationId, onClose }: { correlationId: string; onClose: () => void }) {
  const api = useApi();
  const trace = useQuery({
    queryKey: ['trace', correlationId],
    queryFn: () => call<Trace>(api.GET('/admin/traces/{correlationId}', { params: { path: { correlationId } } })),
  });
  return (
    <aside className="card trace" aria-labelledby="trace-title">
      <h2 id="trace-title">Trace <code>{correlationId}</code></h2>
      <button type="button" onClick={onClose}>Close</button>
      {trace.isPending ? <Spinner label="Loading trace…" /> : trace.isError ? <ProblemView error={trace.error} /> : (
        <ol>{trace.data.events.map((e) => <li key={e.id}><code>{e.type}</code> · {dateTime(e.occurredAt)} · {e.source}</li>)}</ol>
      )}
    </aside>
  );
}
