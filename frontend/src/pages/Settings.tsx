import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useApi } from '../services';
import { call } from '../api/client';
import { ApiError } from '../api/problem';
import type { components } from '../api/schema';
import { queryKeys } from '../realtime/pushes';
import { applyTheme } from '../ui/theme';
import { Button } from '../ui/Button';
import { formatter } from '../ui/intl';
import { Page } from '../ui/Page';
import { Field, fieldProps, ProblemView, QueryState } from '../ui/States';
import { useToast } from '../ui/Toast';

type Settings = components['schemas']['Settings'];

/** Languages the interface formats for (numbers, prices, dates); any BCP 47 tag saved elsewhere is kept and shown. */
export const LOCALES = ['en', 'en-GB', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'nl-NL', 'pl-PL', 'pt-BR', 'sv-SE', 'ja-JP', 'zh-CN'];

export function timeZones(): string[] {
  const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...supported.filter((z) => z !== 'UTC')];
}

function languageName(tag: string): string {
  try {
    const own = new Intl.DisplayNames([tag], { type: 'language' }).of(tag);
    return own ? `${own[0].toUpperCase()}${own.slice(1)} (${tag})` : tag;
  } catch {
    return tag;
  }
}

export default function SettingsPage() {
  const api = useApi();
  const settings = useQuery({ queryKey: queryKeys.settings, queryFn: () => call<Settings>(api.GET('/me/settings')) });
  return (
    <Page title="Settings" subtitle="Appearance, language and time zone apply to every page.">
      <QueryState query={settings} label="Loading settings…">{(data) => <SettingsForm initial={data} />}</QueryState>
      <p><Link to="/settings/notifications">Notifications: preferences and webhooks</Link> · <Link to="/settings/usage">Usage, quotas and credits</Link></p>
    </Page>
  );
}

export function SettingsForm({ initial }: { initial: Settings }) {
  const api = useApi();
  const client = useQueryClient();
  const toast = useToast();
  const [form, setForm] = useState<Settings>(initial);
  const zones = useMemo(timeZones, []);
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const locales = LOCALES.includes(form.locale) ? LOCALES : [form.locale, ...LOCALES];
  const zoneList = zones.includes(form.timezone) ? zones : [form.timezone, ...zones];
  const save = useMutation({
    mutationFn: (s: Settings) => call<Settings>(api.PUT('/me/settings', { body: s })),
    onSuccess: (saved) => {
      client.setQueryData(queryKeys.settings, saved);
      applyTheme(saved.theme);
      setForm(saved);
      toast({ message: 'Settings saved.' });
    },
  });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(form);
  };
  const preview = formatter({ locale: form.locale, timeZone: form.timezone });
  return (
    <form onSubmit={submit} noValidate>
      <fieldset className="field">
        <legend>Theme</legend>
        <div className="segmented">
          {(['light', 'dark', 'system'] as const).map((t) => (
            <label key={t}>
              <input type="radio" name="theme" value={t} checked={form.theme === t}
                onChange={() => { setForm({ ...form, theme: t }); applyTheme(t); }} /> {t[0].toUpperCase() + t.slice(1)}
            </label>
          ))}
        </div>
        {errors.theme && <small className="field-error" role="alert">{errors.theme}</small>}
      </fieldset>
      <Field id="locale" label="Language and region" error={errors.locale} hint="Formats numbers, prices and dates">
        <select {...fieldProps('locale', errors.locale, 'hint')} value={form.locale} onChange={(e) => setForm({ ...form, locale: e.target.value })}>
          {locales.map((l) => <option key={l} value={l}>{languageName(l)}</option>)}
        </select>
      </Field>
      <Field id="timezone" label="Time zone" error={errors.timezone} hint={`Your browser is on ${browserZone}`}>
        <select {...fieldProps('timezone', errors.timezone, 'hint')} value={form.timezone} onChange={(e) => setForm({ ...form, timezone: e.target.value })}>
          {zoneList.map((z) => <option key={z} value={z}>{z.replace(/_/g, ' ')}</option>)}
        </select>
      </Field>
      {form.timezone !== browserZone && (
        <p><Button size="sm" onClick={() => setForm({ ...form, timezone: browserZone })}>Use {browserZone.replace(/_/g, ' ')}</Button></p>
      )}
      <p className="muted" data-testid="format-preview">
        Preview: {preview.money(123456, 'EUR')} · {preview.number(1234.5)} · {preview.dateTime(new Date().toISOString(), 'short')}
      </p>
      {save.error && Object.keys(errors).length === 0 && <ProblemView error={save.error} />}
      <Button type="submit" variant="primary" busy={save.isPending}>{save.isPending ? 'Saving…' : 'Save settings'}</Button>
    </form>
  );
}
