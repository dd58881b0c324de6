import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { useApi } from '../services';
import { call, newCorrelationId } from '../api/client';
import type { components } from '../api/schema';
import { queryKeys } from '../realtime/pushes';
import { Empty, ProblemView, Spinner } from '../ui/States';

type AdminUser = components['schemas']['AdminUser'];
type AdminUserPage = components['schemas']['AdminUserPage'];

export default function AdminUsers() {
  const api = useApi();
  const [search, setSearch] = useState('');
  const prefix = useDeferredValue(search.trim().toLowerCase());
  const users = useInfiniteQuery({
    queryKey: queryKeys.adminUsers(prefix),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => call<AdminUserPage>(api.GET('/admin/users', {
      params: { query: { prefix, limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } },
    })),
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
  const items = users.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">Users</h1>
      <div className="field">
        <label htmlFor="user-search">Search by handle</label>
        <input id="user-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" />
      </div>
      {users.isPending ? <Spinner label="Loading users…" /> : users.isError ? <ProblemView error={users.error} onRetry={() => void users.refetch()} /> :
        items.length === 0 ? <Empty>No users match “{prefix}”.</Empty> : (
          <ul className="users">{items.map((u) => <UserRow key={u.id} user={u} />)}</ul>
        )}
      {users.hasNextPage && (
        <button type="button" onClick={() => void users.fetchNextPage()} disabled={users.isFetchingNextPage}>More users</button>
      )}
    </section>
  );
}

function UserRow({ user }: { user: AdminUser }) {
  const api = useApi();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const refresh = () => void client.invalidateQueries({ queryKey: ['admin', 'users'] });
  const roles = useMutation({
    mutationFn: (next: ('user' | 'admin')[]) => call<AdminUser>(api.POST('/admin/users/{id}/roles', {
      params: { path: { id: user.id }, header: { 'Idempotency-Key': newCorrelationId() } }, body: { roles: next },
    })),
    onSuccess: refresh,
  });
  const suspend = useMutation({
    mutationFn: () => call<AdminUser>(api.POST('/admin/users/{id}/suspend', {
      params: { path: { id: user.id }, header: { 'Idempotency-Key': newCorrelationId() } }, body: { reason },
    })),
    onSuccess: refresh,
  });
  const has = (r: string) => user.roles.includes(r);
  const toggle = (r: 'user' | 'admin') => {
    const next = (['user', 'admin'] as const).filter((x) => (x === r ? !has(x) : has(x)));
    roles.mutate(next);
  };
  return (
    <li className="card user" data-user={user.id}>
      <div>
        <strong>@{user.handle}</strong> <span className="muted">{user.email}</span>{' '}
        <span className={`badge ${user.status === 'SUSPENDED' ? 'status-CANCELLED' : 'status-PAID'}`}>{user.status.toLowerCase()}</span>
        {user.suspendedReason && <span className="muted small"> — {user.suspendedReason}</span>}
      </div>
      <fieldset className="inline-group" disabled={roles.isPending}>
        <legend className="sr-only">Roles of {user.handle}</legend>
        {(['user', 'admin'] as const).map((r) => (
          <label key={r} className="inline"><input type="checkbox" checked={has(r)} onChange={() => toggle(r)} /> {r}</label>
        ))}
      </fieldset>
      {user.status !== 'SUSPENDED' && (
        <form className="inline-group" onSubmit={(e) => { e.preventDefault(); suspend.mutate(); }}>
          <label className="sr-only" htmlFor={`reason-${user.id}`}>Reason to suspend {user.handle}</label>
          <input id={`reason-${user.id}`} placeholder="Reason" value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} />
          <button type="submit" disabled={!reason.trim() || suspend.isPending}>Suspend</button>
        </form>
      )}
      {roles.error && <ProblemView error={roles.error} />}
      {suspend.error && <ProblemView error={suspend.error} />}
    </li>
  );
}
