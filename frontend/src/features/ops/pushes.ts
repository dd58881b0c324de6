import { useEffect, useRef } from 'react';
import type { PushMessage } from '../../realtime/LiveSocket';
import { useRealtime } from '../../realtime/Realtime';

/** Calls `listener` for every push on the admin topic whose type starts with `prefix` (e.g. `ops.dlq_`). */
export function useAdminPushes(prefix: string, listener: (m: PushMessage) => void): void {
  const { socket } = useRealtime();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => socket?.onMessage((m) => {
    if (m.topic === 'admin' && m.type.startsWith(prefix)) latest.current(m);
  }), [socket, prefix]);
}
