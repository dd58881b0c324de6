import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/problem';
import { Field, fieldProps, ProblemView, Spinner } from '../../ui/States';
import { CHANNEL_LABELS, EVENT_LABELS, usePreferences, useSavePreference, useWebhookActions, useWebhooks, type Preferences } from './api';

/** Settings → notifications: a checkbox per event type × channel, and the user's webhooks. */
export default function NotificationSettings() {
  return (
    <section aria-labelledby="notification-settings-title">
      <h1 id="notification-settings-title">Notification settings</h1>
      <PreferenceMatrix />
      <WebhookList />
    </section>
  );
}

export function PreferenceMatrix() {
  const preferences = usePreferences();
  const save = useSavePreference();
  if (preferences.isPending) return <Spinner label="Loading preferences…" />;
  if (preferences.isError) return <ProblemView error={preferences.error} onRetry={() => void preferences.refetch()} />;
  const channels = Object.keys(CHANNEL_LABELS);
  const toggle = (type: string, channel: string, on: boolean) => save.mutate({ [type]: { [channel]: on } } as Preferences);
  return (
    <>
      <h2>Preferences</h2>
      <table>
        <thead>
          <tr><th scope="col">Event</th>{channels.map((c) => <th scope="col" key={c}>{CHANNEL_LABELS[c]}</th>)}</tr>
        </thead>
        <tbody>
          {Object.entries(preferences.data).map(([type, row]) => (
            <tr key={type}>
              <th scope="row">{EVENT_LABELS[type] ?? type}</th>
              {channels.map((c) => (
                <td key={c}>
                  <input type="checkbox" checked={row[c] ?? true} disabled={save.isPending}
                    aria-label={`${EVENT_LABELS[type] ?? type} by ${CHANNEL_LABELS[c]}`}
                    onChange={(e) => toggle(type, c, e.target.checked)} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {save.error && <ProblemView error={save.error} />}
    </>
  );
}

export function WebhookList() {
  const webhooks = useWebhooks();
  const { create, remove, test } = useWebhookActions();
  const [url, setUrl] = useState('');
  const [kind, setKind] = useState<'webhook' | 'slack'>('webhook');
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ url, kind }, { onSuccess: () => setUrl('') });
  };
  return (
    <>
      <h2>Webhooks</h2>
      {webhooks.isPending ? <Spinner /> : webhooks.isError ? <ProblemView error={webhooks.error} /> : (
        <ul>
          {webhooks.data.map((w) => (
            <li key={w.id}>
              <code>{w.url}</code> ({w.kind}){' '}
              <button type="button" onClick={() => test.mutate(w.id)}>Send test</button>{' '}
              <button type="button" onClick={() => remove.mutate(w.id)}>Delete</button>
            </li>
          ))}
        </ul>
      )}
      {test.data && <p role="status">{test.data.delivered ? 'Test delivered.' : `Test failed: ${test.data.error}`}</p>}
      {test.error && <ProblemView error={test.error} />}
      <form onSubmit={submit}>
        <Field id="webhook-url" label="HTTPS URL" error={errors.url}>
          <input {...fieldProps('webhook-url', errors.url)} type="url" required value={url} onChange={(e) => setUrl(e.target.value)} />
        </Field>
        <Field id="webhook-kind" label="Kind">
          <select id="webhook-kind" value={kind} onChange={(e) => setKind(e.target.value as 'webhook' | 'slack')}>
            <option value="webhook">Signed webhook</option>
            <option value="slack">Slack incoming webhook</option>
          </select>
        </Field>
        <button type="submit" disabled={create.isPending}>Add webhook</button>
      </form>
      {create.error && !errors.url && <ProblemView error={create.error} />}
      {create.data?.secret && (
        <p role="status" data-testid="webhook-secret">
          Signing secret (shown only now, store it safely): <code>{create.data.secret}</code>
        </p>
      )}
    </>
  );
}
