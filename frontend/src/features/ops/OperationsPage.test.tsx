import { describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import OperationsPage from './OperationsPage';
import { RealtimeTestProvider } from '../../realtime/Realtime';
import type { PushMessage } from '../../realtime/LiveSocket';
import { EventFeed } from '../../realtime/feed';
import { json, renderApp, testAuth } from '../../test/render';

const queues = [
  { name: 'relay', depth: 0, oldestAgeSeconds: 0, redrivable: false, problem: null },
  { name: 'order-saga', depth: 2, oldestAgeSeconds: 600, redrivable: true, problem: null },
];
const health = {
  status: 'degraded',
  dependencies: [{ name: 'dynamodb', ok: true, latencyMs: 4, error: null }, { name: 'eventbridge', ok: false, latencyMs: 2000, error: 'timed out' }],
  deadLetterQueues: queues, outboxBacklogAgeSeconds: 900,
  problems: ['eventbridge is not answering', 'order-saga dead-letter queue holds 2 messages', 'outbox item waiting for 900 s'],
};
const messages = {
  queue: 'order-saga',
  messages: [
    { messageId: 'm1', body: '{"detail":{"type":"order.paid"}}', attributes: { ERROR_MESSAGE: 'saga exploded' }, receiveCount: 5, firstSeen: '2026-11-30T10:00:00Z' },
    { messageId: 'm2', body: 'not json', attributes: {}, receiveCount: 5, firstSeen: null },
  ],
};

type Handler = (r: Request) => Promise<Response | undefined> | Response | undefined;

/** The console against a fake API: `route` answers writes (and overrides reads); reads default to the fixtures above. */
function renderOps(route: Handler = () => undefined, { path = '/admin/operations', socket }: { path?: string; socket?: unknown } = {}) {
  const seen: Request[] = [];
  renderApp(
    <RealtimeTestProvider value={{ socket: (socket ?? null) as never, feed: new EventFeed(), lastError: null }}><OperationsPage /></RealtimeTestProvider>,
    {
      path, auth: testAuth('root', ['user', 'admin']),
      fetch: async (r) => {
        seen.push(r.clone());
        const answer = await route(r);
        if (answer) return answer;
        const p = new URL(r.url).pathname;
        if (p === '/admin/health') return json(200, health);
        if (p === '/admin/dlq') return json(200, { queues });
        if (p === '/admin/dlq/order-saga/messages') return json(200, messages);
        return json(404, { type: 'https://backplane.dev/problems/not-found', title: 'Not found', status: 404 });
      },
    },
  );
  return seen;
}

const dlqRow = async (name: string) => {
  await screen.findByRole('table', { name: 'Dead-letter queues' });
  return document.querySelector<HTMLElement>(`[data-testid="ops-dlq"] tr[data-queue="${name}"]`)!;
};

describe('OperationsPage: health', () => {
  it('shows every dependency, queue and the backlog with its state', async () => {
    renderOps();
    const table = await screen.findByRole('table', { name: 'Health checks' });
    expect(screen.getByTestId('health-status').textContent).toBe('Degraded');
    expect(within(screen.getByRole('list', { name: 'Problems' })).getAllByRole('listitem')).toHaveLength(3);
    const row = (name: string) => table.querySelector<HTMLElement>(`tr[data-check="${name}"]`)!;
    expect(row('dynamodb').dataset.ok).toBe('true');
    expect(row('eventbridge').dataset.ok).toBe('false');
    expect(row('eventbridge').textContent).toContain('timed out');
    expect(row('order-saga').textContent).toContain('2 waiting');
    expect(row('order-saga').textContent).toContain('oldest 10 min');
    expect(row('relay').textContent).toContain('Empty');
    expect(row('outbox').textContent).toContain('Stuck');
    expect(row('outbox').querySelector('.badge')!.className).toContain('tone-danger');
  });

  it('says OK when nothing is wrong', async () => {
    renderOps((r) => new URL(r.url).pathname === '/admin/health'
      ? json(200, { ...health, status: 'ok', dependencies: [health.dependencies[0]], deadLetterQueues: [queues[0]], outboxBacklogAgeSeconds: 0, problems: [] })
      : undefined);
    await screen.findByRole('table', { name: 'Health checks' });
    expect(screen.getByTestId('health-status').textContent).toBe('OK');
    expect(screen.queryByRole('list', { name: 'Problems' })).toBeNull();
  });
});

describe('OperationsPage: dead-letter queues', () => {
  it('peeks a queue and sends the selected message back after a confirmation that says what happens', async () => {
    const writes: Request[] = [];
    renderOps((r) => {
      if (r.method !== 'POST') return undefined;
      writes.push(r);
      return json(202, { queue: 'order-saga', moved: 1, notFound: 0, taskHandle: null });
    });
    const row = await dlqRow('order-saga');
    expect(within(await dlqRow('relay')).getByRole('button', { name: 'Redrive all of relay' })).toHaveProperty('disabled', true);
    await userEvent.click(within(row).getByRole('button', { name: 'Messages of order-saga' }));
    const list = await screen.findByRole('list', { name: 'Messages in order-saga' });
    expect(list.textContent).toContain('saga exploded');
    expect(list.textContent).toContain('received 5 times');
    expect(list.querySelector('pre')!.textContent).toContain('"type": "order.paid"');
    const panel = screen.getByTestId('dlq-messages');
    expect(within(panel).getByRole('button', { name: 'Redrive selected from order-saga' })).toHaveProperty('disabled', true);
    await userEvent.click(within(list).getByRole('checkbox', { name: 'Select m1' }));
    await userEvent.click(within(panel).getByRole('button', { name: 'Redrive selected from order-saga' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('back to the queue order-saga failed from');
    expect(dialog.textContent).toContain('skip events they already handled');
    expect(writes).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Redrive' }));
    await waitFor(() => expect(writes).toHaveLength(1));
    expect(new URL(writes[0].url).pathname).toBe('/admin/dlq/order-saga/redrive');
    expect(writes[0].headers.get('Idempotency-Key')).toBeTruthy();
    expect(await writes[0].json()).toEqual({ messageIds: ['m1'] });
    expect((await screen.findByTestId('toasts')).textContent).toContain('Sent 1 message back from order-saga');
  });

  it('deletes only once the queue name is typed, and sends it as confirm', async () => {
    const writes: Request[] = [];
    renderOps((r) => {
      if (r.method !== 'DELETE') return undefined;
      writes.push(r);
      return json(200, { queue: 'order-saga', deleted: 2 });
    });
    const row = await dlqRow('order-saga');
    await userEvent.click(within(row).getByRole('button', { name: 'Delete all of order-saga' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('for good');
    const confirm = within(dialog).getByRole('button', { name: 'Delete for good' });
    expect(confirm).toHaveProperty('disabled', true);
    await userEvent.type(within(dialog).getByLabelText('Type order-saga to confirm'), 'order-sag');
    expect(confirm).toHaveProperty('disabled', true);
    await userEvent.type(within(dialog).getByLabelText('Type order-saga to confirm'), 'a');
    expect(confirm).toHaveProperty('disabled', false);
    await userEvent.click(confirm);
    await waitFor(() => expect(writes).toHaveLength(1));
    const url = new URL(writes[0].url);
    expect(url.pathname).toBe('/admin/dlq/order-saga/messages');
    expect(url.searchParams.get('confirm')).toBe('order-saga');
    expect(url.searchParams.has('ids')).toBe(false);
    expect((await screen.findByTestId('toasts')).textContent).toContain('Deleted 2 messages from order-saga');
  });

  it('reads the queues again when an ops.dlq_ event is pushed on the admin topic', async () => {
    const listeners: ((m: PushMessage) => void)[] = [];
    const socket = { onMessage: (l: (m: PushMessage) => void) => { listeners.push(l); return () => {}; } };
    const seen = renderOps(undefined, { socket });
    await dlqRow('order-saga');
    const reads = () => seen.filter((r) => new URL(r.url).pathname === '/admin/dlq').length;
    const before = reads();
    act(() => listeners.forEach((l) => l({ type: 'order.paid', topic: 'admin' })));
    act(() => listeners.forEach((l) => l({ type: 'ops.dlq_redriven', topic: 'admin', data: { queue: 'order-saga' } })));
    await waitFor(() => expect(reads()).toBe(before + 1));
  });
});

describe('OperationsPage: replay', () => {
  it('counts the matching events in a dry run, filtered by the subject from the link', async () => {
    const writes: Request[] = [];
    renderOps((r) => {
      if (r.method !== 'POST') return undefined;
      writes.push(r);
      return json(200, { replayId: 'rpl_1', target: 'bus', dryRun: true, matched: 3, replayed: 0, failed: 0, truncated: false });
    }, { path: '/admin/operations?subject=order%3Aord_1' });
    expect(await screen.findByLabelText('Subject')).toHaveProperty('value', 'order:ord_1');
    expect(screen.getByRole('checkbox', { name: /Dry run/ })).toHaveProperty('checked', true);
    await userEvent.type(screen.getByLabelText('Event types'), 'order.placed, order.paid');
    await userEvent.click(screen.getByRole('button', { name: 'Count matching events' }));
    expect((await screen.findByTestId('replay-result')).textContent).toContain('3 matching events');
    expect(writes).toHaveLength(1);
    expect(writes[0].headers.get('Idempotency-Key')).toBeTruthy();
    expect(await writes[0].json()).toEqual({ filter: { types: ['order.placed', 'order.paid'], subject: 'order:ord_1' }, target: 'bus', dryRun: true });
  });

  it('asks before a real run and shows its outcome', async () => {
    const bodies: unknown[] = [];
    renderOps(async (r) => {
      if (r.method !== 'POST') return undefined;
      bodies.push(await r.json());
      return json(200, { replayId: 'rpl_2', target: 'event-store', dryRun: false, matched: 4, replayed: 4, failed: 0, truncated: false });
    }, { path: '/admin/operations?subject=order%3Aord_1' });
    await userEvent.selectOptions(await screen.findByLabelText('Target'), 'event-store');
    await userEvent.click(screen.getByRole('checkbox', { name: /Dry run/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Replay events' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('event-store');
    expect(bodies).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Replay' }));
    expect((await screen.findByTestId('replay-result')).textContent).toContain('Replay finished: 4 of 4 sent to event-store');
    expect(bodies).toEqual([{ filter: { subject: 'order:ord_1' }, target: 'event-store', dryRun: false }]);
  });

  it('names the field a 422 problem names', async () => {
    renderOps((r) => r.method === 'POST' ? json(422, {
      type: 'https://backplane.dev/problems/validation-failed', title: 'Validation failed', status: 422,
      errors: [{ field: 'target', message: 'order-saga-mail does not accept replays' }],
    }, 'application/problem+json') : undefined);
    await userEvent.click(await screen.findByRole('button', { name: 'Count matching events' }));
    const target = screen.getByLabelText('Target');
    await waitFor(() => expect(target.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(target.getAttribute('aria-describedby')!.split(' ').pop()!)!.textContent).toBe('order-saga-mail does not accept replays');
    expect(document.querySelector('[data-testid="ops-replay"] .problem code')!.textContent).toBe('target');
  });
});
