import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, newCorrelationId } from '../../api/client';
import { ApiError } from '../../api/problem';
import type { components } from '../../api/schema';
import { useApi } from '../../services';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/Dialog';
import { useFormat } from '../../ui/intl';
import { EmptyState, QueryState } from '../../ui/States';
import { useToast } from '../../ui/Toast';
import { age } from './HealthPanel';
import { opsKeys } from './keys';
import { useAdminPushes } from './pushes';

type DeadLetterQueue = components['schemas']['DeadLetterQueue'];
type DeadLetter = components['schemas']['DeadLetter'];
type Redriven = { queue: string; moved: number; notFound: number; taskHandle?: string | null };
type Deleted = { queue: string; deleted: number };

export const PEEK_LIMIT = 10;

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function problemText(error: unknown): string {
  if (error instanceof ApiError) return [error.problem.title, error.problem.detail].filter(Boolean).join(': ');
  return error instanceof Error ? error.message : String(error);
}

/** Why a message failed, from the attributes AWS attached (EventBridge target failures), if any. */
export function failureReason(m: DeadLetter): string {
  const a = m.attributes ?? {};
  return a.ERROR_MESSAGE ?? a.ERROR_CODE ?? a.error ?? '';
}

function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** Refreshes what shows queue state: the list, every peeked queue, the health report. */
function useRefreshQueues() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: opsKeys.queues });
    void client.invalidateQueries({ queryKey: opsKeys.health });
  };
}

/** `GET /admin/dlq`: every dead-letter queue; per queue, peek, send back or delete its messages. */
export function DeadLetterPanel() {
  const api = useApi();
  const refresh = useRefreshQueues();
  const [open, setOpen] = useState<string | null>(null);
  const queues = useQuery({ queryKey: opsKeys.queues, queryFn: () => call<{ queues: DeadLetterQueue[] }>(api.GET('/admin/dlq')) });
  // another admin's (or this tab's) redrive or delete changes depths: read them again
  useAdminPushes('ops.dlq_', refresh);
  return (
    <section aria-labelledby="ops-dlq" className="stack" data-testid="ops-dlq">
      <div className="toolbar">
        <h2 id="ops-dlq" className="spacer">Dead-letter queues</h2>
        <Button size="sm" busy={queues.isFetching} onClick={() => void queues.refetch()}>Refresh queues</Button>
      </div>
      <p className="muted">Messages a consumer gave up on. Fix the cause first, then send them back; consumers skip what they already did.</p>
      <QueryState query={queues} label="Reading dead-letter queues…">
        {({ queues: list }) => list.length === 0 ? <EmptyState title="No dead-letter queues are configured" /> : (
          <>
            <div className="table-wrap">
              <table className="data cards">
                <caption className="sr-only">Dead-letter queues</caption>
                <thead><tr><th scope="col">Queue</th><th scope="col">Depth</th><th scope="col">Oldest</th><th scope="col">Redrivable</th><th scope="col">Actions</th></tr></thead>
                <tbody>
                  {list.map((q) => (
                    <tr key={q.name} data-queue={q.name} data-depth={q.depth}>
                      <td className="primary-cell"><code>{q.name}</code></td>
                      <td data-label="Depth">
                        {q.depth < 0 ? <Badge tone="danger">unreadable</Badge> : <Badge tone={q.depth === 0 ? 'success' : 'warning'}>{q.depth}</Badge>}
                        {q.problem && <span className="muted small"> {q.problem}</span>}
                      </td>
                      <td data-label="Oldest">{q.depth > 0 ? age(q.oldestAgeSeconds) : '—'}</td>
                      <td data-label="Redrivable">{q.redrivable ? 'yes' : 'no (the outbox sweeper re-relays these)'}</td>
                      <td data-label="Actions">
                        <div className="row">
                          <Button size="sm" aria-expanded={open === q.name} aria-controls="dlq-messages"
                            aria-label={`Messages of ${q.name}`} onClick={() => setOpen(open === q.name ? null : q.name)}>
                            Messages
                          </Button>
                          <RedriveDialog queue={q} disabled={!q.redrivable || q.depth === 0} onDone={refresh} />
                          <DeleteDialog queue={q.name} disabled={q.depth === 0} onDone={refresh} />
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {open && list.some((q) => q.name === open) && (
              <QueueMessages key={open} queue={list.find((q) => q.name === open)!} onDone={refresh} />
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}

/** The first messages of one queue, left in place; select some to send back or delete only those. */
function QueueMessages({ queue, onDone }: { queue: DeadLetterQueue; onDone: () => void }) {
  const api = useApi();
  const fmt = useFormat();
  const [selected, setSelected] = useState<string[]>([]);
  const messages = useQuery({
    queryKey: opsKeys.messages(queue.name),
    queryFn: () => call<{ queue: string; messages: DeadLetter[] }>(api.GET('/admin/dlq/{queue}/messages', {
      params: { path: { queue: queue.name }, query: { limit: PEEK_LIMIT } },
    })),
  });
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const done = () => {
    setSelected([]);
    onDone();
  };
  return (
    <section id="dlq-messages" aria-labelledby="dlq-messages-title" className="card stack" data-testid="dlq-messages">
      <div className="toolbar">
        <h3 id="dlq-messages-title" className="spacer">Messages in <code>{queue.name}</code></h3>
        <Button size="sm" busy={messages.isFetching} onClick={() => void messages.refetch()}>Refresh messages</Button>
      </div>
      <QueryState query={messages} label={`Reading ${queue.name}…`}>
        {({ messages: items }) => items.length === 0 ? <EmptyState title="This queue is empty" /> : (
          <>
            <p className="muted small">The first {plural(items.length, 'message')} (at most {PEEK_LIMIT}); reading them leaves them in the queue (each look counts as a receive).</p>
            <ul className="summary-list" aria-label={`Messages in ${queue.name}`}>
              {items.map((m) => (
                <li key={m.messageId} className="stack" data-message-id={m.messageId}>
                  <label>
                    <input type="checkbox" checked={selected.includes(m.messageId)} onChange={() => toggle(m.messageId)} />
                    {' '}Select <code>{m.messageId}</code>
                  </label>
                  <span className="muted small">
                    first seen {m.firstSeen ? fmt.dateTime(m.firstSeen) : 'unknown'} · received {plural(m.receiveCount, 'time')}
                  </span>
                  {failureReason(m) && <span>Error: {failureReason(m)}</span>}
                  <details>
                    <summary>Body</summary>
                    <pre className="small">{prettyBody(m.body)}</pre>
                  </details>
                </li>
              ))}
            </ul>
            <div className="row">
              <RedriveDialog queue={queue} ids={selected} disabled={!queue.redrivable || selected.length === 0} onDone={done} />
              <DeleteDialog queue={queue.name} ids={selected} disabled={selected.length === 0} onDone={done} />
            </div>
          </>
        )}
      </QueryState>
    </section>
  );
}

/** `POST /admin/dlq/{queue}/redrive`: every message, or the selected ones, back to the queue they failed from. */
function RedriveDialog({ queue, ids, disabled, onDone }: { queue: DeadLetterQueue; ids?: string[]; disabled: boolean; onDone: () => void }) {
  const api = useApi();
  const toast = useToast();
  const redrive = useMutation({
    mutationFn: () => call<Redriven>(api.POST('/admin/dlq/{queue}/redrive', {
      params: { path: { queue: queue.name }, header: { 'Idempotency-Key': newCorrelationId() } },
      body: ids ? { messageIds: ids } : {},
    })),
  });
  const what = ids ? plural(ids.length, 'selected message') : `every message of ${queue.name}`;
  const run = async () => {
    try {
      const r = await redrive.mutateAsync();
      toast({
        message: r.taskHandle
          ? `Moving ${queue.name}’s messages back (task ${r.taskHandle}).`
          : `Sent ${plural(r.moved, 'message')} back from ${queue.name}${r.notFound ? `; ${r.notFound} were already gone` : ''}.`,
      });
      onDone();
    } catch (e) {
      toast({ tone: 'danger', message: `Redrive of ${queue.name} failed — ${problemText(e)}`, durationMs: 8000 });
    }
  };
  return (
    <ConfirmDialog
      trigger={<Button size="sm" disabled={disabled} aria-label={ids ? `Redrive selected from ${queue.name}` : `Redrive all of ${queue.name}`}>{ids ? 'Redrive selected' : 'Redrive'}</Button>}
      title={`Redrive ${queue.name}?`} confirmLabel="Redrive" cancelLabel="Cancel" onConfirm={run}>
      <p>
        This sends {what} back to the queue {queue.name} failed from, where its consumer processes them again. Consumers
        skip events they already handled, so a message that half-succeeded is safe to send again. Fix the cause first,
        or they come back here.
      </p>
    </ConfirmDialog>
  );
}

/** `DELETE /admin/dlq/{queue}/messages`: loses data, so the admin types the queue's name (sent as `confirm`). */
function DeleteDialog({ queue, ids, disabled, onDone }: { queue: string; ids?: string[]; disabled: boolean; onDone: () => void }) {
  const api = useApi();
  const toast = useToast();
  const [typed, setTyped] = useState('');
  const remove = useMutation({
    mutationFn: () => call<Deleted>(api.DELETE('/admin/dlq/{queue}/messages', {
      params: {
        path: { queue },
        query: { confirm: typed, ...(ids ? { ids: ids.join(',') } : {}) },
        header: { 'Idempotency-Key': newCorrelationId() },
      },
    })),
  });
  const run = async () => {
    try {
      const r = await remove.mutateAsync();
      toast({ message: `Deleted ${plural(r.deleted, 'message')} from ${queue}.` });
      setTyped('');
      onDone();
    } catch (e) {
      toast({ tone: 'danger', message: `Delete from ${queue} failed — ${problemText(e)}`, durationMs: 8000 });
    }
  };
  const inputId = `confirm-${queue}${ids ? '-selected' : ''}`;
  return (
    <ConfirmDialog
      trigger={<Button size="sm" variant="danger" disabled={disabled} aria-label={ids ? `Delete selected from ${queue}` : `Delete all of ${queue}`}>{ids ? 'Delete selected' : 'Delete'}</Button>}
      title={`Delete from ${queue}?`} confirmLabel="Delete for good" cancelLabel="Cancel" variant="danger"
      confirmDisabled={typed !== queue} onConfirm={run}>
      <p>
        This deletes {ids ? plural(ids.length, 'selected message') : `every message of ${queue}`} for good: the work they
        stand for is lost and cannot be redriven later. Prefer Redrive once the cause is fixed.
      </p>
      <div className="field">
        <label htmlFor={inputId}>Type <strong>{queue}</strong> to confirm</label>
        <input id={inputId} autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
      </div>
    </ConfirmDialog>
  );
}
