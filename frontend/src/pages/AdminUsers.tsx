import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useMemo, useState } from 'react';
import { useApi } from '../services';
import { call, newCorrelationId } from '../api/client';
import type { components } from '../api/schema';
import { useAuth } from '../auth/AuthContext';
import { queryKeys } from '../realtime/pushes';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { ConfirmDialog } from '../ui/Dialog';
import { useFormat } from '../ui/intl';
import { Page } from '../ui/Page';
import { EmptyState, ProblemView, QueryState } from '../ui/States';
import { useToast } from '../ui/Toast';

type AdminUser = components['schemas']['AdminUser'];
type AdminUserPage = components['schemas']['AdminUserPage'];
type Role = 'user' | 'admin';
type SortKey = 'handle' | 'status' | 'createdAt';

export default function AdminUsers() {
  const api = useApi();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<'all' | 'ACTIVE' | 'SUSPENDED'>('all');
  const [role, setRole] = useState<'all' | Role>('all');
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'handle', dir: 1 });
  const prefix = useDeferredValue(search.trim().toLowerCase());
  const users = useInfiniteQuery({
    queryKey: queryKeys.adminUsers(prefix),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => call<AdminUserPage>(api.GET('/admin/users', {
      params: { query: { prefix, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
    })),
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
  const items = useMemo(() => {
    const all = users.data?.pages.flatMap((p) => p.items) ?? [];
    return all
      .filter((u) => (status === 'all' || u.status === status) && (role === 'all' || u.roles.includes(role)))
      .sort((a, b) => sort.dir * String(a[sort.key] ?? '').localeCompare(String(b[sort.key] ?? '')));
  }, [users.data, status, role, sort]);
  const sortButton = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort" onClick={() => setSort({ key, dir: sort.key === key ? (-sort.dir as 1 | -1) : 1 })}>
        {label} <span aria-hidden="true">{sort.key === key ? (sort.dir === 1 ? '▲' : '▼') : '↕'}</span>
      </button>
    </th>
  );
  return (
    <Page title="Users" subtitle="Roles and access. Changes apply to the user’s next request.">
      <div className="toolbar" role="search">
        <div className="field">
          <label htmlFor="user-search">Search by handle</label>
          <input id="user-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="user-status">Status</label>
          <select id="user-status" value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="all">All</option><option value="ACTIVE">Active</option><option value="SUSPENDED">Suspended</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="user-role">Role</label>
          <select id="user-role" value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
            <option value="all">All</option><option value="admin">Admins</option><option value="user">Users</option>
          </select>
        </div>
      </div>
      <QueryState query={users} label="Loading users…">
        {() => items.length === 0 ? <EmptyState title="No users match">Try another handle or filter.</EmptyState> : (
          <div className="table-wrap">
            <table className="data cards users">
              <caption className="sr-only">Users</caption>
              <thead>
                <tr>{sortButton('handle', 'User')}<th scope="col">Roles</th>{sortButton('status', 'Status')}{sortButton('createdAt', 'Joined')}<th scope="col">Actions</th></tr>
              </thead>
              <tbody>{items.map((u) => <UserRow key={u.id} user={u} />)}</tbody>
            </table>
          </div>
        )}
      </QueryState>
      {users.hasNextPage && (
        <div className="actions"><Button onClick={() => void users.fetchNextPage()} busy={users.isFetchingNextPage}>More users</Button></div>
      )}
    </Page>
  );
}

function UserRow({ user }: { user: AdminUser }) {
  const api = useApi();
  const auth = useAuth();
  const client = useQueryClient();
  const toast = useToast();
  const fmt = useFormat();
  const [reason, setReason] = useState('');
  const self = user.id === auth.userId;
  const refresh = () => void client.invalidateQueries({ queryKey: ['admin', 'users'] });
  const roles = useMutation({
    mutationFn: (next: Role[]) => call<AdminUser>(api.POST('/admin/users/{id}/roles', {
      params: { path: { id: user.id }, header: { 'Idempotency-Key': newCorrelationId() } }, body: { roles: next },
    })),
    onSuccess: refresh,
  });
  const suspend = useMutation({
    mutationFn: () => call<AdminUser>(api.POST('/admin/users/{id}/suspend', {
      params: { path: { id: user.id }, header: { 'Idempotency-Key': newCorrelationId() } }, body: { reason: reason.trim() },
    })),
    onSuccess: () => {
      refresh();
      toast({ message: <>Suspended <strong>@{user.handle}</strong>.</> });
    },
  });
  const reactivate = useMutation({
    mutationFn: () => call<AdminUser>(api.POST('/admin/users/{id}/reactivate', {
      params: { path: { id: user.id }, header: { 'Idempotency-Key': newCorrelationId() } },
    })),
    onSuccess: () => {
      refresh();
      toast({ message: <>Reactivated <strong>@{user.handle}</strong>.</> });
    },
  });
  const isAdmin = user.roles.includes('admin');
  const before = user.roles.filter((r): r is Role => r === 'user' || r === 'admin');
  const next: Role[] = isAdmin ? before.filter((r) => r !== 'admin') : [...before, 'admin'];
  const changeRoles = async () => {
    try {
      await roles.mutateAsync(next);
    } catch {
      return; // the problem is shown in the row
    }
    toast({
      message: <>@{user.handle} is {isAdmin ? 'no longer an admin' : 'now an admin'}.</>,
      action: { label: 'Undo', run: () => roles.mutate(before) },
    });
  };
  const selfNote = 'You can’t change your own roles or suspend yourself; ask another admin.';
  return (
    <tr data-user={user.id} data-handle={user.handle}>
      <td className="primary-cell">
        <strong>@{user.handle}</strong> {self && <Badge tone="info">You</Badge>}
        <br /><span className="muted small">{user.email ?? user.displayName ?? ''}</span>
      </td>
      <td data-label="Roles">{user.roles.join(', ') || '—'}</td>
      <td data-label="Status">
        <Badge tone={user.status === 'SUSPENDED' ? 'danger' : 'success'}>{user.status === 'SUSPENDED' ? 'Suspended' : 'Active'}</Badge>
        {user.suspendedReason && <span className="muted small"> {user.suspendedReason}</span>}
      </td>
      <td data-label="Joined">{fmt.date(user.createdAt)}</td>
      <td data-label="Actions">
        {self ? <span className="muted small">{selfNote}</span> : (
          <span className="row">
            <ConfirmDialog title={isAdmin ? `Remove admin role from @${user.handle}?` : `Make @${user.handle} an admin?`}
              confirmLabel={isAdmin ? 'Remove admin role' : 'Make admin'} cancelLabel="Cancel" variant={isAdmin ? 'danger' : 'primary'}
              onConfirm={changeRoles}
              trigger={<Button size="sm" busy={roles.isPending}>{isAdmin ? 'Remove admin ' : 'Make admin '}<span className="sr-only">@{user.handle}</span></Button>}>
              <p>{isAdmin ? 'They lose access to the admin pages and APIs.' : 'They get full access to users, traces and the live feed.'} You can undo this right after.</p>
            </ConfirmDialog>
            {user.status !== 'SUSPENDED' && (
              <ConfirmDialog title={`Suspend @${user.handle}?`} confirmLabel="Suspend" cancelLabel="Cancel" variant="danger"
                confirmDisabled={!reason.trim()} onConfirm={() => suspend.mutateAsync().catch(() => undefined)}
                trigger={<Button size="sm" variant="danger" busy={suspend.isPending}>Suspend <span className="sr-only">@{user.handle}</span></Button>}>
                <p>Their sign-ins and API calls are refused from their next request. An administrator can reactivate them later.</p>
                <div className="field">
                  <label htmlFor={`reason-${user.id}`}>Reason (shown to admins)</label>
                  <input id={`reason-${user.id}`} value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} />
                </div>
              </ConfirmDialog>
            )}
            {user.status === 'SUSPENDED' && (
              <ConfirmDialog title={`Reactivate @${user.handle}?`} confirmLabel="Reactivate" cancelLabel="Cancel" variant="primary"
                onConfirm={() => reactivate.mutateAsync().catch(() => undefined)}
                trigger={<Button size="sm" busy={reactivate.isPending}>Reactivate <span className="sr-only">@{user.handle}</span></Button>}>
                <p>They can sign in and use the API again from their next request, with the roles they had.</p>
                {user.suspendedReason && <p className="muted">Suspended for: {user.suspendedReason}</p>}
              </ConfirmDialog>
            )}
          </span>
        )}
        {roles.error && <ProblemView error={roles.error} />}
        {suspend.error && <ProblemView error={suspend.error} />}
        {reactivate.error && <ProblemView error={reactivate.error} />}
      </td>
    </tr>
  );
}
