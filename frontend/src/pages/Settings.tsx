import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useApi } from '../services';
import { call } from '../api/client';
import { ApiError } from '../api/problem';
import type { components } from '../api/schema';
import { queryKeys } from '../realtime/pushes';
import { applyTheme } from '../ui/theme';
import { Field, fieldProps, ProblemView, Spinner } from '../ui/States';

type Settings = components['schemas']['Settings'];

export default function SettingsPage() {
  const api = useApi();
  const settings = useQuery({ queryKey: queryKeys.settings, queryFn: () => call<Settings>(api.GET('/me/settings')) });
  if (settings.isPending) return <Spinner label="Loading settings…" />;
  if (settings.isError) return <ProblemView error={settings.error} onRetry={() => void settings.refetch()} />;
  return <SettingsForm initial={settings.data} />;
}

export function SettingsForm({ initial }: { initial: Settings }) {
  const api = useApi();
  const client = useQueryClient();
  const [form, setForm] = useState<Settings>(initial);
  const save = useMutation({
    mutationFn: (s: Settings) => call<Settings>(api.PUT('/me/settings', { body: s })),
    onSuccess: (saved) => {
      client.setQueryData(queryKeys.settings, saved);
      applyTheme(saved.theme);
      setForm(saved);
    },
  });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(form);
  };
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <p><Link to="/settings/notifications">Notifications: preferences and webhooks</Link></p>
      <form onSubmit={submit} noValidate>
        <fieldset className="field">
          <legend>Theme</legend>
          {(['light', 'dark', 'system'] as const).map((t) => (
            <label key={t} className="inline">
              <input type="radio" name="theme" value={t} checked={form.theme === t}
                onChange={() => { setForm({ ...form, theme: t }); applyTheme(t); }} /> {t[0].toUpperCase() + t.slice(1)}
            </label>
          ))}
          {errors.theme && <small className="field-error" role="alert">{errors.theme}</small>}
        </fieldset>
        <Field id="locale" label="Language (BCP 47)" error={errors.locale}>
          <input {...fieldProps('locale', errors.locale)} value={form.locale} onChange={(e) => setForm({ ...form, locale: e.target.value })} />
        </Field>
        <Field id="timezone" label="Time zone" error={errors.timezone} hint="e.g. Europe/Paris or UTC">
          <input {...fieldProps('timezone', errors.timezone, 'hint')} value={form.timezone} onChange={(e) => setForm({ ...form, timezone: e.target.value })} />
        </Field>
        {save.error && Object.keys(errors).length === 0 && <ProblemView error={save.error} />}
        {save.isSuccess && <p className="notice" role="status">Settings saved.</p>}
        <button type="submit" className="primary" disabled={save.isPending}>{save.isPending ? 'Saving…' : 'Save settings'}</button>
      </form>
    </section>
  );
}
