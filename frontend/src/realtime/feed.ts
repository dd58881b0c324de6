import type { PushMessage } from './LiveSocket';

export const FEED_LIMIT = 200;

/** The admin live feed: newest first, bounded, duplicates (same eventId) dropped. */
export class EventFeed {
  private items: PushMessage[] = [];
  private readonly listeners = new Set<() => void>();

  add(message: PushMessage): void {
    if (message.type === 'error' || message.type === 'subscribed' || message.type === 'unsubscribed') return;
    if (message.eventId && this.items.some((m) => m.eventId === message.eventId)) return;
    this.items = [message, ...this.items].slice(0, FEED_LIMIT);
    this.listeners.forEach((l) => l());
  }

  snapshot = (): PushMessage[] => this.items;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  clear(): void {
    this.items = [];
    this.listeners.forEach((l) => l());
  }
}
