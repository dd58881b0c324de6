import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useApi } from '../services';
import { call } from '../api/client';
import { ApiError } from '../api/problem';
import type { components } from '../api/schema';
import { queryKeys } from '../realtime/pushes';
import { Field, fieldProps, ProblemView, QueryState } from '../ui/States';
import { Button } from '../ui/Button';
import { Page } from '../ui/Page';
import { useToast } from '../ui/Toast';
import { useFormat } from '../ui/intl';

type Me = components['schemas']['Me'];
type ProfilePatch = components['schemas']['ProfilePatch'];

export default function Profile() {
  const api = useApi();
  const me = useQuery({ queryKey: queryKeys.me, queryFn: () => call<Me>(api.GET('/me')) });
  return (
    <Page title="Profile">
      <QueryState query={me} label="Loading your profile…">{(data) => <ProfileForm me={data} />}</QueryState>
    </Page>
  );
}

export function ProfileForm({ me }: { me: Me }) {
  const api = useApi();
  const client = useQueryClient();
  const toast = useToast();
  const fmt = useFormat();
  const [form, setForm] = useState({ displayName: me.displayName ?? '', handle: me.handle, bio: me.bio ?? '', avatarUrl: me.avatarUrl ?? '' });
  const save = useMutation({
    mutationFn: (patch: ProfilePatch) => call<Me>(api.PATCH('/me', { body: patch })),
    onSuccess: (updated) => {
      client.setQueryData(queryKeys.me, updated);
      toast({ message: 'Profile saved.' });
    },
  });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const patch: ProfilePatch = {};
    if (form.displayName !== (me.displayName ?? '')) patch.displayName = form.displayName || null;
    if (form.handle !== me.handle) patch.handle = form.handle;
    if (form.bio !== (me.bio ?? '')) patch.bio = form.bio || null;
    if (form.avatarUrl !== (me.avatarUrl ?? '')) patch.avatarUrl = form.avatarUrl || null;
    save.mutate(patch);
  };
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <div>
      <p className="muted">Signed in as {me.email ?? me.id} · roles: {me.roles.join(', ') || 'none'}{me.createdAt && <> · member since {fmt.date(me.createdAt)}</>} · public page: <Link to={`/u/${me.handle}`}>/u/{me.handle}</Link></p>
      <form onSubmit={submit} noValidate>
        <Field id="displayName" label="Display name" error={errors.displayName}>
          <input {...fieldProps('displayName', errors.displayName)} value={form.displayName} onChange={set('displayName')} maxLength={80} />
        </Field>
        <Field id="handle" label="Handle" error={errors.handle} hint="3-30 characters: a-z, 0-9 and _">
          <input {...fieldProps('handle', errors.handle, 'hint')} value={form.handle} onChange={set('handle')} autoCapitalize="none" />
        </Field>
        <Field id="bio" label="Bio" error={errors.bio}>
          <textarea {...fieldProps('bio', errors.bio)} value={form.bio} onChange={set('bio')} rows={4} maxLength={500} />
        </Field>
        <Field id="avatarUrl" label="Avatar URL" error={errors.avatarUrl} hint="https only">
          <input {...fieldProps('avatarUrl', errors.avatarUrl, 'hint')} type="url" value={form.avatarUrl} onChange={set('avatarUrl')} />
        </Field>
        {save.error && Object.keys(errors).length === 0 && <ProblemView error={save.error} />}
        <Button type="submit" variant="primary" busy={save.isPending}>{save.isPending ? 'Saving…' : 'Save profile'}</Button>
      </form>
    </div>
  );
}
