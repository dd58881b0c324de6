import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../api/problem';
import { Button } from './Button';

/** True once `ms` have passed while `active` (progress for anything over 300 ms, never a flash for fast answers). */
export function useDelay(active: boolean, ms: number): boolean {
  const [late, setLate] = useState(false);
  useEffect(() => {
    if (!active) {
      setLate(false);
      return;
    }
    const t = setTimeout(() => setLate(true), ms);
    return () => clearTimeout(t);
  }, [active, ms]);
  return late;
}

export function Spinner({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="state loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

/** Progress shown after 300 ms: a skeleton of what is coming and a status text for screen readers. */
export function Progress({ label = 'Loading…', skeleton = 'lines' }: { label?: string; skeleton?: 'lines' | 'cards' | 'none' }) {
  const visible = useDelay(true, 300);
  if (!visible) return <span className="sr-only" role="status">{label}</span>;
  return (
    <div role="status" aria-live="polite" aria-busy="true" data-testid="progress">
      <p className="state loading"><span className="spinner" aria-hidden="true" /> {label}</p>
      {skeleton === 'lines' && <Skeleton lines={4} />}
      {skeleton === 'cards' && (
        <div className="grid" aria-hidden="true">{[0, 1, 2, 3].map((i) => <div key={i} className="skeleton skeleton-card" />)}</div>
      )}
    </div>
  );
}

export function Skeleton({ lines = 3 }: { lines?: number }) {
  return (
    <div aria-hidden="true">
      {Array.from({ length: lines }, (_, i) => <div key={i} className="skeleton skeleton-line" style={{ width: `${90 - i * 12}%` }} />)}
    </div>
  );
}

export function EmptyState({ title, children, actions }: { title: string; children?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="empty" data-testid="empty-state">
      <strong>{title}</strong>
      {children && <p>{children}</p>}
      {actions && <div className="actions">{actions}</div>}
    </div>
  );
}

/** Kept for pages that only need a line of text. */
export function Empty({ children }: { children: ReactNode }) {
  return <p className="state empty">{children}</p>;
}

/** Renders a problem+json error: title, detail, field errors (when not shown next to fields) and correlation id. */
export function ProblemView({ error, showFields = true, onRetry }: { error: unknown; showFields?: boolean; onRetry?: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : null;
  const offline = problem?.status === 0;
  const title = offline ? 'Can’t reach Backplane' : problem?.title ?? 'Something went wrong';
  const detail = offline ? 'Check your connection, then try again.' : problem ? problem.detail : error instanceof Error ? error.message : String(error);
  return (
    <div className="problem" role="alert" tabIndex={-1} ref={ref} data-problem-type={problem?.type}>
      <strong>{title}</strong>
      {detail && <p>{detail}</p>}
      {showFields && problem?.errors && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((e) => (
            <li key={e.field + e.message}>
              <code>{e.field}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
      {problem?.correlationId && <p className="muted small">Reference: <code>{problem.correlationId}</code></p>}
      {onRetry && <div className="actions"><Button onClick={onRetry}>Try again</Button></div>}
    </div>
  );
}

interface QueryLike<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  fetchStatus: 'fetching' | 'paused' | 'idle';
  refetch: () => unknown;
}

/**
 * The four states of loaded data, none of them endless: progress (after 300 ms), offline (the request waits for
 * the network: say so and offer a retry), slow (over 10 s: say so, offer a retry), error (problem + retry).
 */
export function QueryState<T>({ query, label, skeleton, children }: {
  query: QueryLike<T>;
  label: string;
  skeleton?: 'lines' | 'cards' | 'none';
  children: (data: T) => ReactNode;
}) {
  const slow = useDelay(query.isPending && query.fetchStatus === 'fetching', 10_000);
  if (query.isPending && query.fetchStatus === 'paused') {
    return (
      <div className="callout tone-warning" role="alert" data-testid="offline-state">
        <strong>You’re offline</strong>
        <p>This loads as soon as your connection is back.</p>
        <div className="actions"><Button onClick={() => void query.refetch()}>Try again</Button></div>
      </div>
    );
  }
  if (query.isPending) {
    return (
      <>
        <Progress label={label} skeleton={skeleton} />
        {slow && (
          <div className="callout tone-info" role="status">
            <strong>Still working on it</strong>
            <p>This is taking longer than usual; services may be starting up.</p>
            <div className="actions"><Button onClick={() => void query.refetch()}>Try again</Button></div>
          </div>
        )}
      </>
    );
  }
  if (query.isError) return <ProblemView error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data as T)}</>;
}

/** A labelled input with its field error (from problem+json errors[]) wired via aria-describedby. */
export function Field({ id, label, error, children, hint }: { id: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <small id={`${id}-hint`} className="muted">{hint}</small>}
      {error && <small id={`${id}-error`} className="field-error" role="alert">{error}</small>}
    </div>
  );
}

export function fieldProps(id: string, error?: string, hint?: string) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return { id, name: id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy || undefined };
}
