import { Link } from 'react-router';
import { ProblemView, Spinner } from '../../ui/States';
import { useInbox, useMarkAllRead, useMarkRead } from './api';

/** Every notification, unread first; mark one or all read; more pages on demand. */
export default function NotificationsPage() {
  const inbox = useInbox(20);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  if (inbox.isPending) return <Spinner label="Loading notifications…" />;
  if (inbox.isError) return <ProblemView error={inbox.error} onRetry={() => void inbox.refetch()} />;
  const items = inbox.data.pages.flatMap((p) => p.items);
  const unread = inbox.data.pages[0]?.unreadCount ?? 0;
  return (
    <section aria-labelledby="notifications-title">
      <h1 id="notifications-title">Notifications</h1>
      <p>{unread} unread · <Link to="/settings/notifications">Preferences and webhooks</Link></p>
      <button type="button" disabled={unread === 0 || markAll.isPending} onClick={() => markAll.mutate()}>Mark all read</button>
      {markAll.error && <ProblemView error={markAll.error} />}
      {items.length === 0 ? <p>Nothing here yet.</p> : (
        <ul className="notifications">
          {items.map((n) => (
            <li key={n.id} className={n.unread ? 'unread' : undefined}>
              <Link to={n.link}><b>{n.title}</b></Link> <span>{n.body}</span>{' '}
              <time dateTime={n.createdAt}>{new Date(n.createdAt).toLocaleString()}</time>
              {n.unread && <button type="button" onClick={() => markRead.mutate(n.id)}>Mark read</button>}
            </li>
          ))}
        </ul>
      )}
      {inbox.hasNextPage && (
        <button type="button" disabled={inbox.isFetchingNextPage} onClick={() => void inbox.fetchNextPage()}>Load more</button>
      )}
    </section>
  );
}
