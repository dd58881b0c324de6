import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { LiveSocket, type ConnectionStatus, type PushMessage } from './LiveSocket';
import { applyPush, queryKeys } from './pushes';
import { EventFeed } from './feed';
import { useAuth } from '../auth/AuthContext';

interface Realtime {
  socket: LiveSocket | null;
  feed: EventFeed;
  lastError: PushMessage | null;
}

const RealtimeContext = createContext<Realtime>({ socket: null, feed: new EventFeed(), lastError: null });

/** Owns the one WebSocket while signed in: user topic always, admin topic for admins; pushes go to the cache. */
export function RealtimeProvider({ wsUrl, children }: { wsUrl: string | null; children: ReactNode }) {
  const auth = useAuth();
  const client = useQueryClient();
  const [feed] = useState(() => new EventFeed());
  const [lastError, setLastError] = useState<PushMessage | null>(null);
  const signedIn = auth.userId;
  const tokenRef = useTokenRef(auth.accessToken);

  const socket = useMemo(
    () => (wsUrl && signedIn ? new LiveSocket({ url: wsUrl, token: () => tokenRef.current() }) : null),
    [wsUrl, signedIn, tokenRef],
  );

  useEffect(() => {
    if (!socket) return;
    const offMessage = socket.onMessage((m) => {
      if (m.type === 'error') setLastError(m);
      else if (m.type === 'subscribed') {
        // what changed before the subscription took effect was not pushed: read the order once more
        if (m.topic?.startsWith('order:')) void client.invalidateQueries({ queryKey: queryKeys.order(m.topic.slice('order:'.length)) });
      } else {
        applyPush(client, m);
        if (m.topic === 'admin') feed.add(m);
      }
    });
    const offReconnect = socket.onReconnect(() => void client.invalidateQueries());
    socket.start();
    return () => {
      offMessage();
      offReconnect();
      socket.stop();
    };
  }, [socket, client, feed]);

  useEffect(() => {
    if (!socket || !auth.userId) return;
    const offUser = socket.subscribe(`user:${auth.userId}`);
    const offAdmin = auth.isAdmin ? socket.subscribe('admin') : () => {};
    return () => {
      offUser();
      offAdmin();
    };
  }, [socket, auth.userId, auth.isAdmin]);

  const value = useMemo(() => ({ socket, feed, lastError }), [socket, feed, lastError]);
  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}

function useTokenRef(getter: () => string | null) {
  const [ref] = useState(() => ({ current: getter }));
  ref.current = getter;
  return ref;
}

export function useRealtime(): Realtime {
  return useContext(RealtimeContext);
}

/** Subscribes to a topic while the component is mounted (e.g. order:{id} on the order page). */
export function useTopic(topic: string | null): void {
  const { socket } = useRealtime();
  useEffect(() => (socket && topic ? socket.subscribe(topic) : undefined), [socket, topic]);
}

const noSocket = () => () => {};
export function useConnectionStatus(): ConnectionStatus {
  const { socket } = useRealtime();
  return useSyncExternalStore(
    socket ? (cb) => socket.onStatus(cb) : noSocket,
    () => socket?.status ?? 'idle',
  );
}

export function useFeed(): PushMessage[] {
  const { feed } = useRealtime();
  return useSyncExternalStore(feed.subscribe, feed.snapshot);
}

/** Tests provide their own socket stand-in. */
export const RealtimeTestProvider = RealtimeContext.Provider;
