import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { call } from '../../api/client';
import type { components } from '../../api/schema';
import { useApi } from '../../services';
import { Badge, type Tone } from '../../ui/Badge';
import { useFormat } from '../../ui/intl';
import { Page } from '../../ui/Page';
import { EmptyState, QueryState } from '../../ui/States';
import { formatMs, waterfall, type Waterfall } from './waterfall';

type Trace = components['schemas']['Trace'];

export const traceKeys = { trace: (correlationId: string) => ['admin', 'trace', correlationId] as const };

const KIND_TONE: Record<string, Tone> = { request: 'info', consumer: 'success', bus: 'warning', push: 'info' };

/** Admin: one request's path through the system as a waterfall (recorded hops, else its events). */
export default function TracePage() {
  const { correlationId = '' } = useParams();
  const api = useApi();
  const trace = useQuery({
    queryKey: traceKeys.trace(correlationId),
    queryFn: () => call<Trace>(api.GET('/admin/traces/{correlationId}', { params: { path: { correlationId }, query: { limit: 500 } } })),
  });
  return (
    <Page title="Trace" heading={<>Trace <code>{correlationId}</code></>}
      subtitle="Every hop of one request, in time order: bars start when the hop started and last as long as it took."
      back={<Link to="/admin/feed">← Live feed</Link>}>
      <QueryState query={trace} label="Loading trace…">
        {(data) => <WaterfallView data={waterfall(data)} />}
      </QueryState>
    </Page>
  );
}

export function WaterfallView({ data }: { data: Waterfall }) {
  const fmt = useFormat();
  if (data.rows.length === 0) return <EmptyState title="Nothing recorded">This trace has no events or hops yet.</EmptyState>;
  return (
    <>
      <p className="muted" data-testid="trace-summary">
        {data.rows.length} {data.source === 'hops' ? 'hops' : 'events'} over {formatMs(data.totalMs)}, from {fmt.dateTime(new Date(data.startMs).toISOString())}
      </p>
      <div className="table-wrap">
        <table className="data cards waterfall" data-source={data.source}>
          <caption className="sr-only">Hops in time order</caption>
          <thead>
            <tr>
              <th scope="col" className="num">Start</th><th scope="col">Hop</th><th scope="col">Event</th>
              <th scope="col" className="num">Took</th><th scope="col" className="wf-axis">Timeline</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={r.key} data-kind={r.kind} data-event-id={r.eventId ?? undefined} data-offset-ms={r.offsetMs}>
                <td className="num" data-label="Start">+{formatMs(r.offsetMs)}</td>
                <td className="primary-cell">
                  <Badge tone={KIND_TONE[r.kind] ?? 'neutral'}>{r.kind}</Badge> <strong>{r.name}</strong>
                  {r.detail && <><br /><span className="muted small">{r.detail}</span></>}
                </td>
                <td data-label="Event">
                  {r.eventType && <code>{r.eventType}</code>}
                  {r.eventId && <><br /><code className="muted small">{r.eventId}</code></>}
                </td>
                <td className="num" data-label="Took">{formatMs(r.durationMs)}</td>
                <td className="wf-axis" aria-hidden="true">
                  <span className="wf-track">
                    <span className={`wf-bar kind-${r.kind}`} style={{ left: `${r.offsetPct}%`, width: `${r.widthPct}%` }} />
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
