import type { components } from '../../api/schema';

type EventEnvelope = components['schemas']['EventEnvelope'];

interface Span {
  kind: string;
  name: string;
  eventType: string | null;
  eventId: string | null;
  detail: string | null;
  startMs: number;
  durationMs: number;
}

/** One bar of the waterfall: absolute times in epoch ms, position in percent of the whole trace. */
export interface WaterfallRow extends Span {
  key: string;
  /** Since the trace's first moment. */
  offsetMs: number;
  offsetPct: number;
  widthPct: number;
}

export interface Waterfall {
  startMs: number;
  totalMs: number;
  /** `hops` when the response records them, else `events` (each event's bar runs from the event that caused it). */
  source: 'hops' | 'events';
  rows: WaterfallRow[];
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function epoch(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v !== 'string') return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
}

/**
 * A recorded hop in either shape the trace API has had: `{name, kind, startedAt, durationMs, eventId}` (a span) or
 * `{at, kind, service, eventType, eventId, detail, afterMs}` (a moment, `afterMs` after the previous hop of its path,
 * drawn as the bar that ends at `at`). Anything without a time is dropped rather than drawn at 0.
 */
export function hopSpan(raw: unknown): Span | null {
  if (!raw || typeof raw !== 'object') return null;
  const h = raw as Record<string, unknown>;
  const kind = str(h.kind) ?? 'hop';
  const base = {
    kind,
    name: str(h.name) ?? str(h.service) ?? str(h.function) ?? kind,
    eventType: str(h.eventType) ?? str(h.type),
    eventId: str(h.eventId),
    detail: str(h.detail),
  };
  const started = epoch(h.startedAt);
  if (started !== null) return { ...base, startMs: started, durationMs: Math.max(0, num(h.durationMs) ?? 0) };
  const at = epoch(h.at);
  if (at === null) return null;
  const after = Math.max(0, num(h.afterMs) ?? num(h.durationMs) ?? 0);
  return { ...base, startMs: at - after, durationMs: after };
}

/** Without recorded hops: one bar per event, from the moment its cause occurred (when that is in the chain). */
export function eventSpans(events: EventEnvelope[]): Span[] {
  const byId = new Map(events.map((e) => [e.id, e]));
  return events.flatMap((e) => {
    const at = epoch(e.occurredAt);
    if (at === null) return [];
    const cause = e.causationId ? byId.get(e.causationId) : undefined;
    const causeAt = cause ? epoch(cause.occurredAt) : null;
    const startMs = causeAt !== null && causeAt <= at ? causeAt : at;
    return [{
      kind: cause ? 'consumer' : 'request',
      name: e.source.replace(/^backplane\./, ''),
      eventType: e.type,
      eventId: e.id,
      detail: cause ? `handled ${cause.type}` : null,
      startMs,
      durationMs: at - startMs,
    }];
  });
}

/** Lays spans out on one time axis: sorted by start (then end), offsets and widths in percent, clamped to 100. */
export function layout(spans: Span[], source: Waterfall['source']): Waterfall {
  if (spans.length === 0) return { startMs: 0, totalMs: 0, source, rows: [] };
  const sorted = spans
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.startMs - b.s.startMs || a.s.startMs + a.s.durationMs - (b.s.startMs + b.s.durationMs) || a.i - b.i)
    .map(({ s }) => s);
  const startMs = sorted[0].startMs;
  const endMs = Math.max(...sorted.map((s) => s.startMs + s.durationMs));
  const totalMs = endMs - startMs;
  const scale = totalMs > 0 ? 100 / totalMs : 0;
  const rows = sorted.map((s, i) => {
    const offsetMs = s.startMs - startMs;
    const offsetPct = Math.min(100, offsetMs * scale);
    return {
      ...s,
      key: `${i}-${s.kind}-${s.eventId ?? ''}`,
      offsetMs,
      offsetPct,
      widthPct: Math.min(100 - offsetPct, s.durationMs * scale),
    };
  });
  return { startMs, totalMs, source, rows };
}

/** The trace response today (`events`, optionally `hops`) or with recorded hops: hops win when there are any. */
export function waterfall(trace: { events?: EventEnvelope[]; hops?: unknown }): Waterfall {
  const hops = Array.isArray(trace.hops) ? trace.hops.map(hopSpan).filter((h): h is Span => h !== null) : [];
  if (hops.length > 0) return layout(hops, 'hops');
  return layout(eventSpans(trace.events ?? []), 'events');
}

/** "+1.25 s", "+340 ms": offsets and durations on the axis. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
