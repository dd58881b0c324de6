import { useEffect, useRef, type ReactNode } from 'react';
import { ApiError } from '../api/problem';

export function Spinner({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="state loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state empty">{children}</p>;
}

/** Renders a problem+json error: title, detail, field errors (when not shown next to fields) and correlation id. */
export function ProblemView({ error, showFields = true, onRetry }: { error: unknown; showFields?: boolean; onRetry?: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [error]);
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : null;
  const title = problem?.title ?? 'Something went wrong';
  const detail = problem ? problem.detail : error instanceof Error ? error.message : String(error);
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
      {onRetry && <button type="button" onClick={onRetry}>Try again</button>}
    </div>
  );
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
