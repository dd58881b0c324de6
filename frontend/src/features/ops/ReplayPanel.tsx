import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { call, newCorrelationId } from '../../api/client';
import { ApiError } from '../../api/problem';
import type { PushMessage } from '../../realtime/LiveSocket';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/Dialog';
import { Field, fieldProps, ProblemView } from '../../ui/States';
import { useToast } from '../../ui/Toast';
import { useApi } from '../../services';
import { useAdminPushes } from './pushes';

/** `bus`, or a consumer that accepts direct replays (REPLAY_CONSUMERS of the replay function, docs/operations.md). */
export const REPLAY_TARGETS = ['bus', 'event-store', 'order-saga', 'order-payments', 'realtime-push'] as const;

export interface ReplayForm {
  types: string;
  subject: string;
  userId: string;
  correlationId: string;
  from: string;
  to: string;
  target: string;
  dryRun: boolean;
}

interface ReplayResult { replayId: string; target: string; dryRun: boolean; matched: number; replayed: number; failed: number; truncated: boolean }
interface Progress { matched: number; replayed: number; failed: number }

export const emptyForm = (subject = ''): ReplayForm => ({
  types: '', subject, userId: '', correlationId: '', from: '', to: '', target: 'bus', dryRun: true,
});

/** The request body: empty fields left out, types split on commas, local date-times as instants. */
export function replayRequest(form: ReplayForm, dryRun: boolean) {
  const types = form.types.split(',').map((t) => t.trim()).filter(Boolean);
  const instant = (v: string) => (v ? new Date(v).toISOString() : undefined);
  const filter = Object.fromEntries(Object.entries({
    types: types.length ? types : undefined,
    subject: form.subject.trim() || undefined,
    userId: form.userId.trim() || undefined,
    correlationId: form.correlationId.trim() || undefined,
    from: instant(form.from),
    to: instant(form.to),
  }).filter(([, v]) => v !== undefined));
  return { filter, target: form.target, dryRun };
}

/** Problem field names (`filter.subject`, `target`) → the form's field. */
const TARGET_HINT = 'bus reaches every rule; a consumer’s name reaches only that consumer';

const fieldOf = (name: string) => name.replace(/^filter\./, '');

/** `POST /admin/replay`: count what matches (dry run), then re-emit it to the bus or one consumer, with live progress. */
export function ReplayPanel({ initialSubject = '' }: { initialSubject?: string }) {
  const api = useApi();
  const toast = useToast();
  const [form, setForm] = useState<ReplayForm>(() => emptyForm(initialSubject));
  const [progress, setProgress] = useState<Progress | null>(null);
  const replay = useMutation({
    mutationFn: (dryRun: boolean) => call<ReplayResult>(api.POST('/admin/replay', {
      params: { header: { 'Idempotency-Key': newCorrelationId() } },
      body: replayRequest(form, dryRun),
    })),
    onMutate: () => setProgress(null),
  });
  // a long replay reports every 500 events on the admin topic while the request is still running
  useAdminPushes('ops.replay_', (m: PushMessage) => {
    if (!replay.isPending || m.type === 'ops.replay_completed') return;
    const d = m.data ?? {};
    setProgress({ matched: Number(d.matched ?? 0), replayed: Number(d.replayed ?? 0), failed: Number(d.failed ?? 0) });
  });
  const errors = replay.error instanceof ApiError ? Object.fromEntries(Object.entries(replay.error.fieldErrors()).map(([k, v]) => [fieldOf(k), v])) : {};
  const set = <K extends keyof ReplayForm>(key: K) => (value: ReplayForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const text = (key: Exclude<keyof ReplayForm, 'dryRun'>, label: string, hint?: string, type = 'text') => (
    <Field id={`replay-${key}`} label={label} error={errors[key]} hint={hint}>
      <input {...fieldProps(`replay-${key}`, errors[key], hint)} type={type} value={form[key]} onChange={(e) => set(key)(e.target.value)} />
    </Field>
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.dryRun) replay.mutate(true);
  };
  const runForReal = async () => {
    try {
      const r = await replay.mutateAsync(false);
      toast({ message: `Replayed ${r.replayed} of ${r.matched} events to ${r.target}.` });
    } catch {
      /* shown below the form */
    }
  };
  const result = replay.data;
  return (
    <section aria-labelledby="replay-title" id="replay" className="stack" data-testid="ops-replay">
      <h2 id="replay-title">Replay events</h2>
      <p className="muted">
        Re-emits archived events with their original ids, marked as a replay: consumers skip what they already did,
        and e-mail, webhooks and payments never receive replays. Count first with a dry run.
      </p>
      <form className="stack" onSubmit={submit} noValidate aria-labelledby="replay-title">
        <div className="grid">
          {text('types', 'Event types', 'Comma-separated, e.g. order.paid, order.refunded')}
          {text('subject', 'Subject', 'kind:id, e.g. order:ord_123')}
          {text('userId', 'User id')}
          {text('correlationId', 'Correlation id')}
          {text('from', 'From', 'Your browser’s time', 'datetime-local')}
          {text('to', 'To', 'Your browser’s time', 'datetime-local')}
          <Field id="replay-target" label="Target" error={errors.target} hint={TARGET_HINT}>
            <select {...fieldProps('replay-target', errors.target, TARGET_HINT)} value={form.target} onChange={(e) => set('target')(e.target.value)}>
              {REPLAY_TARGETS.map((t) => <option key={t} value={t}>{t}</option>)}
            </select>
          </Field>
        </div>
        <label>
          <input type="checkbox" checked={form.dryRun} onChange={(e) => set('dryRun')(e.target.checked)} /> Dry run (only count what matches)
        </label>
        <div className="row">
          {form.dryRun ? (
            <Button type="submit" variant="primary" busy={replay.isPending}>Count matching events</Button>
          ) : (
            <ConfirmDialog
              trigger={<Button variant="primary" busy={replay.isPending}>Replay events</Button>}
              title={`Replay to ${form.target}?`} confirmLabel="Replay" cancelLabel="Cancel" onConfirm={runForReal}>
              <p>
                Every archived event matching the filter is sent again to <strong>{form.target}</strong>
                {form.target === 'bus' ? ', so every rule that accepts replays sees it' : ' only'}. Events keep their ids,
                so consumers that already handled one skip it. At most 10,000 events per run.
              </p>
            </ConfirmDialog>
          )}
        </div>
      </form>
      {replay.isPending && (
        <p role="status" data-testid="replay-progress">
          <span className="spinner" aria-hidden="true" />{' '}
          {progress ? `Replaying… ${progress.replayed} of ${progress.matched} sent, ${progress.failed} failed` : 'Working…'}
        </p>
      )}
      {replay.isError && <ProblemView error={replay.error} />}
      {result && !replay.isPending && !replay.isError && (
        <div className="callout tone-info" role="status" data-testid="replay-result" data-dry-run={result.dryRun} data-matched={result.matched}>
          {result.dryRun ? (
            <strong>{result.matched} matching {result.matched === 1 ? 'event' : 'events'}{result.truncated ? ' (more than one run can replay: narrow the filter)' : ''}</strong>
          ) : (
            <strong>Replay finished: {result.replayed} of {result.matched} sent to {result.target}{result.failed ? `, ${result.failed} failed` : ''}{result.truncated ? ' (more matched: narrow the time range and repeat)' : ''}</strong>
          )}
          <p className="muted small">Replay {result.replayId}</p>
        </div>
      )}
    </section>
  );
}
