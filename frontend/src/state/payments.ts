import { useSyncExternalStore } from 'react';

/**
 * Payment attempts per order, as this browser saw them: when a checkout was opened, and what became of it
 * (declined, paid, left without paying). The order itself only records state changes, so a declined card —
 * which leaves the order payable — would otherwise leave no trace on screen.
 */
export type AttemptOutcome = 'open' | 'declined' | 'paid' | 'left' | 'expired';
export interface PaymentAttempt {
  sessionId: string;
  url?: string;
  startedAt: string;
  outcome: AttemptOutcome;
  reason?: string | null;
  at?: string;
}

const KEY = 'backplane.payments';
const EMPTY: PaymentAttempt[] = [];
const listeners = new Set<() => void>();
let all: Record<string, PaymentAttempt[]> = read();

function read(): Record<string, PaymentAttempt[]> {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as Record<string, PaymentAttempt[]>;
  } catch {
    return {};
  }
}

function write(orderId: string, attempts: PaymentAttempt[]) {
  all = { ...all, [orderId]: attempts };
  try {
    sessionStorage.setItem(KEY, JSON.stringify(all));
  } catch {
    /* storage disabled: attempts live for this page only */
  }
  listeners.forEach((l) => l());
}

function settleLatest(orderId: string, outcome: AttemptOutcome, reason?: string | null, sessionId?: string, at = new Date().toISOString()) {
  const attempts = all[orderId] ?? [];
  let index = -1;
  for (let i = attempts.length - 1; i >= 0; i--) {
    // without a session id: the open attempt; a payment settles the latest attempt whatever it showed before
    if (sessionId ? attempts[i].sessionId === sessionId : outcome === 'paid' || attempts[i].outcome === 'open') { index = i; break; }
  }
  if (index < 0) {
    if (!sessionId) return;
    write(orderId, [...attempts, { sessionId, startedAt: at, outcome, reason, at }]);
    return;
  }
  const current = attempts[index];
  if (current.outcome === outcome && current.reason === reason) return;
  if (current.outcome === 'paid') return; // nothing overrides a payment
  write(orderId, attempts.map((a, i) => (i === index ? { ...a, outcome, reason: reason ?? a.reason, at } : a)));
}

export const payments = {
  of: (orderId: string): PaymentAttempt[] => all[orderId] ?? EMPTY,
  started(orderId: string, sessionId: string, url?: string, at = new Date().toISOString()) {
    const attempts = all[orderId] ?? [];
    if (attempts.some((a) => a.sessionId === sessionId && a.outcome === 'open')) return;
    // a new session supersedes an attempt that was still open
    const closed = attempts.map((a) => (a.outcome === 'open' ? { ...a, outcome: 'left' as const, at } : a));
    write(orderId, [...closed, { sessionId, url, startedAt: at, outcome: 'open' }]);
  },
  declined: (orderId: string, reason?: string | null, sessionId?: string, at?: string) => settleLatest(orderId, 'declined', reason, sessionId, at),
  paid: (orderId: string, sessionId?: string, at?: string) => settleLatest(orderId, 'paid', null, sessionId, at),
  left: (orderId: string) => settleLatest(orderId, 'left'),
  expired: (orderId: string, sessionId?: string, at?: string) => settleLatest(orderId, 'expired', 'expired', sessionId, at),
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  reset() {
    all = {};
    try { sessionStorage.removeItem(KEY); } catch { /* ignore */ }
    listeners.forEach((l) => l());
  },
};

export function usePaymentAttempts(orderId: string): PaymentAttempt[] {
  return useSyncExternalStore(payments.subscribe, () => payments.of(orderId));
}
