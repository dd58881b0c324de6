import { test, expect, apiAs, expectAccessible, newUserPage, placeOrder } from './fixtures';

/** Every dead-letter queue template.yaml declares for the admin tooling (its short names). */
const QUEUES = ['relay', 'event-store', 'order-saga', 'order-payments', 'realtime-push', 'fraud-agent', 'digest-activity',
  'notification-events', 'notification-delivery', 'chat-responder', 'chat-facts', 'chat-credits'];

/** devstack's SQS (API port + 2) takes unsigned JSON-protocol calls. */
async function sqs<T>(action: string, body: Record<string, unknown>): Promise<T> {
  const api = new URL(process.env.E2E_API_URL!);
  const r = await fetch(`http://localhost:${Number(api.port) + 2}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${action}` },
    body: JSON.stringify(body),
  });
  const text = await r.text();
  expect(r.status, `${action}: ${text}`).toBe(200);
  return JSON.parse(text) as T;
}

test('an admin checks health, peeks and redrives a dead letter, and replays one order\'s events (dry run, then for real)', async ({ browser }) => {
  const admin = await newUserPage(browser, 'admin');
  const orderId = await placeOrder(admin, 'Gooseneck kettle');

  await admin.getByRole('link', { name: 'Operations', exact: true }).click();
  await expect(admin).toHaveTitle('Operations · Backplane');
  const health = admin.getByRole('table', { name: 'Health checks' });
  await expect(health).toBeVisible({ timeout: 120_000 });
  await expect(admin.getByTestId('health-status')).toHaveAttribute('data-status', /^(ok|degraded)$/);
  await expect(health.locator('tr[data-check="outbox"]')).toBeVisible();
  const queues = admin.getByRole('table', { name: 'Dead-letter queues' });
  await expect(queues).toBeVisible({ timeout: 120_000 });
  for (const q of QUEUES) await expect(queues.locator(`tr[data-queue="${q}"]`)).toBeVisible();
  await expectAccessible(admin, 'operations');

  // the order's placed event, as EventBridge delivered it, in event-store's dead-letter queue (it already stored it)
  type Envelope = { id: string; type: string; source: string; occurredAt: string };
  const placedEvents = async () => {
    const r = await apiAs(admin, 'GET', `/admin/events?subject=${encodeURIComponent(`order:${orderId}`)}&type=order.placed`);
    expect(r.status, r.body).toBe(200);
    return (JSON.parse(r.body) as { items: Envelope[] }).items;
  };
  await expect.poll(async () => (await placedEvents()).length, { timeout: 90_000 }).toBeGreaterThan(0);
  const [placed] = await placedEvents();
  const { QueueUrl } = await sqs<{ QueueUrl: string }>('GetQueueUrl', { QueueName: 'EventStoreDeadLetterQueue' });
  const { MessageId } = await sqs<{ MessageId: string }>('SendMessage', {
    QueueUrl,
    MessageBody: JSON.stringify({ version: '0', id: placed.id, 'detail-type': placed.type, source: placed.source, time: placed.occurredAt, detail: placed }),
  });

  await admin.getByRole('button', { name: 'Refresh queues' }).click();
  const row = queues.locator('tr[data-queue="event-store"]');
  await expect(row).not.toHaveAttribute('data-depth', '0', { timeout: 30_000 });
  await row.getByRole('button', { name: 'Messages of event-store' }).click();
  const message = admin.locator(`[data-message-id="${MessageId}"]`);
  await expect(message).toBeVisible({ timeout: 60_000 });
  await message.getByText('Body').click();
  await expect(message.locator('pre')).toContainText(orderId);
  await message.getByRole('checkbox').check();
  await expectAccessible(admin, 'operations with dead letters');
  await admin.getByTestId('dlq-messages').getByRole('button', { name: 'Redrive selected from event-store' }).click();
  const redrive = admin.getByRole('dialog');
  await expect(redrive).toContainText('skip events they already handled');
  await redrive.getByRole('button', { name: 'Redrive', exact: true }).click();
  await expect(admin.getByTestId('toasts')).toContainText('Sent 1 message back from event-store', { timeout: 60_000 });
  await expect(message).toHaveCount(0, { timeout: 30_000 });

  // replay: count the order's events first, then re-emit them to the event store (which skips what it has)
  await admin.getByLabel('Subject').fill(`order:${orderId}`);
  await expect(admin.getByRole('checkbox', { name: /Dry run/ })).toBeChecked();
  await admin.getByRole('button', { name: 'Count matching events' }).click();
  const result = admin.getByTestId('replay-result');
  await expect(result).toHaveAttribute('data-dry-run', 'true', { timeout: 60_000 });
  const matched = Number(await result.getAttribute('data-matched'));
  expect(matched).toBeGreaterThanOrEqual(1);
  await expect(result).toContainText(`${matched} matching`);

  await admin.getByLabel('Target').selectOption('event-store');
  await admin.getByRole('checkbox', { name: /Dry run/ }).uncheck();
  await admin.getByRole('button', { name: 'Replay events' }).click();
  const confirm = admin.getByRole('dialog');
  await expect(confirm).toContainText('event-store');
  await confirm.getByRole('button', { name: 'Replay', exact: true }).click();
  await expect(result).toHaveAttribute('data-dry-run', 'false', { timeout: 120_000 });
  await expect(result).toContainText(/Replay finished: \d+ of \d+ sent to event-store/);
  expect(Number(await result.getAttribute('data-matched'))).toBeGreaterThanOrEqual(matched);
  await expectAccessible(admin, 'operations after replay');
});
