import type { components } from '../api/schema';

export type PushMessage = components['schemas']['PushMessage'];
export type ConnectionStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'offline';

export interface SocketLike {
  readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code: number }) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface LiveSocketOptions {
  url: string;
  /** Read at every (re)connect, so a renewed token is used. null = not signed in: stay idle. */
  token: () => string | null;
  createSocket?: (url: string) => SocketLike;
  heartbeatMs?: number;
  /** No pong within this after a ping: the connection is dead, reconnect. */
  pongTimeoutMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  /** The browser's network state (window): offline closes at once, online reconnects at once. */
  network?: NetworkSignal | null;
}

export interface NetworkSignal {
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
  removeEventListener(type: 'online' | 'offline', listener: () => void): void;
}

const isOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

const OPEN = 1;

/** Full-jitter exponential backoff: uniform in [0, min(max, base * 2^attempt)], never below base / 2. */
export function backoffDelay(attempt: number, base: number, max: number, random: () => number): number {
  const ceiling = Math.min(max, base * 2 ** attempt);
  return Math.max(base / 2, Math.round(random() * ceiling));
}

/**
 * The app's one WebSocket: token on connect (`?token=`), automatic reconnect with backoff + jitter, resubscription
 * of every topic after a reconnect, a `ping` heartbeat that detects dead connections, and a status for the UI.
 */
export class LiveSocket {
  private readonly o: Required<Omit<LiveSocketOptions, 'createSocket' | 'network'>> & Pick<LiveSocketOptions, 'createSocket'>;
  private readonly network: NetworkSignal | null;
  private socket: SocketLike | null = null;
  private readonly topics = new Map<string, number>();
  private readonly messageListeners = new Set<(m: PushMessage) => void>();
  private readonly statusListeners = new Set<(s: ConnectionStatus) => void>();
  private readonly reconnectListeners = new Set<() => void>();
  private attempt = 0;
  private everOpened = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  private pongTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  status: ConnectionStatus = 'idle';

  constructor(options: LiveSocketOptions) {
    this.o = {
      heartbeatMs: 25_000,
      pongTimeoutMs: 10_000,
      baseDelayMs: 500,
      maxDelayMs: 30_000,
      random: Math.random,
      ...options,
    };
    this.network = options.network !== undefined ? options.network : typeof window !== 'undefined' ? window : null;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.network?.addEventListener('offline', this.wentOffline);
    this.network?.addEventListener('online', this.cameOnline);
    if (isOffline()) this.setStatus('offline');
    else this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.network?.removeEventListener('offline', this.wentOffline);
    this.network?.removeEventListener('online', this.cameOnline);
    this.clearTimers();
    this.drop(1000, 'bye');
    this.setStatus('idle');
  }

  /** The browser lost the network: the socket is dead even if it has not noticed yet; wait for "online". */
  private readonly wentOffline = () => {
    if (this.stopped) return;
    this.clearTimers();
    this.drop(4001, 'offline');
    this.setStatus('offline');
  };

  /** Back online: reconnect now, not after the backoff that piled up while offline. */
  private readonly cameOnline = () => {
    if (this.stopped) return;
    this.clearTimers();
    this.attempt = 0;
    if (!this.socket) this.connect();
  };

  private drop(code: number, reason: string): void {
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onclose = null;
      try {
        s.close(code, reason);
      } catch {
        /* already closed */
      }
    }
  }

  /** Subscribes (reference-counted); returns the unsubscribe function. */
  subscribe(topic: string): () => void {
    const count = this.topics.get(topic) ?? 0;
    this.topics.set(topic, count + 1);
    if (count === 0) this.send({ action: 'subscribe', topic });
    return () => {
      const c = this.topics.get(topic) ?? 0;
      if (c <= 1) {
        this.topics.delete(topic);
        this.send({ action: 'unsubscribe', topic });
      } else this.topics.set(topic, c - 1);
    };
  }

  onMessage(listener: (m: PushMessage) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  onStatus(listener: (s: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Called after a re-connect (not the first connect): pushes may have been missed, refetch what is on screen. */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  subscribedTopics(): string[] {
    return [...this.topics.keys()];
  }

  private connect(): void {
    if (this.stopped) return;
    const token = this.o.token();
    if (!token) {
      this.setStatus('idle');
      return;
    }
    this.setStatus(this.everOpened ? 'reconnecting' : 'connecting');
    const url = `${this.o.url}${this.o.url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
    let socket: SocketLike;
    try {
      socket = this.o.createSocket ? this.o.createSocket(url) : (new WebSocket(url) as unknown as SocketLike);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      const reconnected = this.everOpened;
      this.everOpened = true;
      this.attempt = 0;
      this.setStatus('open');
      for (const topic of this.topics.keys()) this.send({ action: 'subscribe', topic });
      this.startHeartbeat();
      if (reconnected) this.reconnectListeners.forEach((l) => l());
    };
    socket.onmessage = (ev) => this.receive(ev.data);
    socket.onerror = () => {
      /* onclose follows */
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.clearTimers();
      this.scheduleReconnect();
    };
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: PushMessage;
    try {
      message = JSON.parse(data) as PushMessage;
    } catch {
      return;
    }
    if (!message || typeof message.type !== 'string') return;
    if (message.type === 'pong') {
      if (this.pongTimer) clearTimeout(this.pongTimer);
      this.pongTimer = null;
      return;
    }
    this.messageListeners.forEach((l) => l(message));
  }

  private startHeartbeat(): void {
    this.heartbeatTimer = setInterval(() => {
      if (!this.send({ action: 'ping' })) return;
      if (this.pongTimer) return;
      this.pongTimer = setTimeout(() => {
        this.pongTimer = null;
        const s = this.socket;
        if (s) s.close(4000, 'heartbeat timeout'); // onclose reconnects
      }, this.o.pongTimeoutMs);
    }, this.o.heartbeatMs);
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    if (isOffline()) {
      this.setStatus('offline'); // "online" reconnects
      return;
    }
    this.setStatus('reconnecting');
    const delay = backoffDelay(this.attempt++, this.o.baseDelayMs, this.o.maxDelayMs, this.o.random);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }

  private send(message: { action: string; topic?: string }): boolean {
    const s = this.socket;
    if (!s || s.readyState !== OPEN) return false;
    s.send(JSON.stringify(message));
    return true;
  }

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    if (this.pongTimer) clearTimeout(this.pongTimer);
    this.reconnectTimer = this.heartbeatTimer = this.pongTimer = null;
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.statusListeners.forEach((l) => l(status));
  }
}
