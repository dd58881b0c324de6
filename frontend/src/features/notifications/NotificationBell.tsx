import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useRealtime } from '../../realtime/Realtime';
import { notificationKeys, useInbox, useMarkRead } from './api';

/**
 * The header bell: unread count from the inbox, raised live by notification.created pushes (they carry the new
 * count) without a reload; a dropdown lists the latest few and links to the notifications page.
 */
export function NotificationBell() {
  const inbox = useInbox(5);
  const markRead = useMarkRead();
  const client = useQueryClient();
  const { socket } = useRealtime();
  const [open, setOpen] = useState(false);
  const [liveCount, setLiveCount] = useState<number | null>(null);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!socket) return undefined;
    return socket.onMessage((m) => {
      if (m.type !== 'notification.created') return;
      const count = (m.data as { unreadCount?: unknown } | undefined)?.unreadCount;
      if (typeof count === 'number') setLiveCount(count);
      void client.invalidateQueries({ queryKey: notificationKeys.inbox });
    });
  }, [socket, client]);

  const fetched = inbox.data?.pages[0]?.unreadCount;
  // a fresher fetch wins over the last push; a push newer than the fetch raises the count at once
  useEffect(() => {
    setLiveCount(null);
  }, [fetched]);
  const unread = Math.max(liveCount ?? 0, fetched ?? 0);
  const items = inbox.data?.pages[0]?.items ?? [];

  useEffect(() => {
    if (!open) return undefined;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  return (
    <div className="bell" ref={root}>
      <button type="button" aria-haspopup="true" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen(!open)}
        aria-label={`Notifications, ${unread} unread`} data-testid="notification-bell">
        <span aria-hidden="true">🔔</span>
        {unread > 0 && <span className="badge" data-testid="unread-count">{unread}</span>}
      </button>
      {open && (
        <div id={menuId} className="bell-menu" role="region" aria-label="Latest notifications">
          {items.length === 0 ? <p>No notifications yet.</p> : (
            <ul>
              {items.map((n) => (
                <li key={n.id} className={n.unread ? 'unread' : undefined}>
                  <Link to={n.link} onClick={() => { if (n.unread) markRead.mutate(n.id); setOpen(false); }}>
                    <b>{n.title}</b> <span>{n.body}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <Link to="/notifications" onClick={() => setOpen(false)}>All notifications</Link>
        </div>
      )}
    </div>
  );
}
