import type { components } from '../api/schema';
import type { PushMessage } from './LiveSocket';

type EventEnvelope = components['schemas']['EventEnvelope'];

export const FEED_LIMIT = 200;

const time = (m: PushMessage): number => (m.sentAt ? Date.parse(m.sentAt) || 0 : 0);

/** An archived event in the shape of the admin topic's push, so history and live pushes are one list. */
export function fromEnvelope(e: EventEnvelope): PushMessage {
  return { type: e.type, topic: 'admin', eventId: e.id, correlationId: e.correlationId, data: e.data, sentAt: e.occurredAt };
}

/** The admin live feed: newest first, bounded, duplicates (same eventId) dropped. */
export class EventFeed {
  private items: PushMessage[] = [];
  private clearedAt = 0;
  private readonly listeners = new Set<() => void>();

  add(message: PushMessage): void {
    if (message.type === 'error' || message.type === 'subscribed' || message.type === 'unsubscribed') return;
    if (message.eventId && this.items.some((m) => m.eventId === message.eventId)) return;
    this.items = [message, ...this.items].slice(0, FEED_LIMIT);
    this.notify();
  }

  /**
   * Events loaded from the event store (the feed's history): merged with what was pushed, one entry per event id,
   * newest first. Nothing from before the last Clear comes back.
   */
  merge(history: PushMessage[]): void {
    const seen = new Set(this.items.map((m) => m.eventId).filter(Boolean));
    const fresh = history.filter((m) => !(m.eventId && seen.has(m.eventId)) && time(m) > this.clearedAt)
      .filter((m, i, all) => !m.eventId || all.findIndex((o) => o.eventId === m.eventId) === i);
    if (fresh.length === 0) return;
    this.items = [...this.items, ...fresh]
      .map((m, i) => ({ m, i }))
      .sort((a, b) => time(b.m) - time(a.m) || a.i - b.i)
      .map(({ m }) => m)
      .slice(0, FEED_LIMIT);
    this.notify();
  }

  snapshot = (): PushMessage[] => this.items;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  clear(): void {
    this.items = [];
    this.clearedAt = Date.now();
    this.notify();
  }

  private notify(): void {
    this.listeners.forEach((l) => l());
  }
}
