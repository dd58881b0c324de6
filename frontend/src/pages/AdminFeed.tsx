import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../services';
import { call, type Api } from '../api/client';
import type { components } from '../api/schema';
import { useConnectionStatus, useFeed, useRealtime } from '../realtime/Realtime';
import { fromEnvelope } from '../realtime/feed';
import { tracePath } from '../features/traces/links';
import { OPERATIONS_PATH } from '../features/ops/links';
import { useFormat } from '../ui/intl';
import { Badge, type Tone } from '../ui/Badge';
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
  const [params, setParams] = useSearchParams();
  const filter = params.get('q') ?? '';
  const setFilter = (q: string) => setParams(q ? { q } : {}, { replace: true });
  const fmt = useFormat();
  const history = useQuery({ queryKey: ['admin', 'feed-history'], queryFn: () => loadHistory(api), staleTime: Infinity });
  useEffect(() => {
    if (history.data) feed.merge(history.data.map(fromEnvelope));
  }, [history.data, feed]);
  const shown = filter ? events.filter((e) => e.correlationId?.includes(filter) || e.type.includes(filter) || subjectId(e.data).includes(filter)) : events;
  return (
    <Page title="Live feed" subtitle="The last hour’s domain events, then every new one as it is pushed, newest first. Open a correlation id to see its trace.">
      <div className="toolbar">
        <div className="field">
          <label htmlFor="feed-filter">Filter by type, correlation id or subject</label>
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
                <td data-label="Subject"><FeedSubject type={e.type} data={e.data} /></td>
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

const SUBJECT_KEYS = ['orderId', 'userId', 'packId'] as const;

/** What an event is about: its order, user or pack id, from `data` or, for an agent's decision, from its output. */
function subjectOf(data: Record<string, unknown> | undefined): { kind: string; id: string } | null {
  const d = decisionFields(data);
  for (const k of SUBJECT_KEYS) if (typeof d[k] === 'string') return { kind: k.replace('Id', ''), id: d[k] as string };
  return null;
}

const subjectId = (data: Record<string, unknown> | undefined) => subjectOf(data)?.id ?? '';

function FeedSubject({ type, data }: { type: string; data: Record<string, unknown> | undefined }) {
  const decision = decisionOf(type, data);
  if (decision) return <DecisionSummary decision={decision} />;
  const s = subjectOf(data);
  return s ? <>{s.kind} {s.id}</> : null;
}

/** An agent.decided keeps what it decided under `output`; other events carry their fields directly. */
function decisionFields(data: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!data) return {};
  const output = data.output;
  return output && typeof output === 'object' ? { ...data, ...(output as Record<string, unknown>) } : data;
}

/** An agent's decision as the feed shows it: who decided, about which order or user, the score and why. */
export interface FeedDecision {
  agent: string;
  orderId?: string;
  userId?: string;
  score?: number;
  level?: string;
  held: boolean;
  summary?: string;
  reasons: string[];
}

/** The decision inside an `agent.decided` or `fraud.assessed` event, or nothing for any other event. */
export function decisionOf(type: string, data: Record<string, unknown> | undefined): FeedDecision | null {
  if (!data || (type !== 'agent.decided' && type !== 'fraud.assessed')) return null;
  const d = decisionFields(data);
  const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return {
    agent: type === 'fraud.assessed' ? 'fraud' : text(d.agent) ?? 'agent',
    orderId: text(d.orderId),
    userId: text(d.userId),
    score: typeof d.score === 'number' ? d.score : undefined,
    level: text(d.level),
    held: d.flagRequested === true,
    summary: text(d.summary),
    reasons: Array.isArray(d.reasons) ? d.reasons.filter((r): r is string => typeof r === 'string') : [],
  };
}

const LEVEL_TONE: Record<string, Tone> = { low: 'success', medium: 'warning', high: 'danger' };

function DecisionSummary({ decision: d }: { decision: FeedDecision }) {
  return (
    <div className="decision" data-testid="agent-decision" data-agent={d.agent} data-level={d.level}>
      <div className="row">
        <strong>{d.agent.charAt(0).toUpperCase() + d.agent.slice(1)} agent</strong>
        {d.orderId && <span>order <Link to={`?q=${encodeURIComponent(d.orderId)}`} title="Show this order’s events"><code>{d.orderId}</code></Link></span>}
        {!d.orderId && d.userId && <span>user <code>{d.userId}</code></span>}
        {d.score !== undefined && <span>score <strong>{d.score}</strong></span>}
        {d.level && <Badge tone={LEVEL_TONE[d.level] ?? 'neutral'}>{d.level}</Badge>}
        {d.held && <Link to="/admin/review">held for review</Link>}
      </div>
      {d.summary && <p className="small muted">{d.summary}</p>}
      {d.reasons.length > 0 && (
        <ul className="small" aria-label="Reasons">
          {d.reasons.map((r) => <li key={r}>{r}</li>)}
        </ul>
      )}
    </div>
  );
}
