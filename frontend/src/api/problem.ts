import type { components } from './schema';

export type Problem = components['schemas']['Problem'];
export type FieldError = components['schemas']['FieldError'];

/** A failed API call, carrying the RFC 9457 problem (or a synthesized one for gateway/network errors). */
export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }
  get status(): number {
    return this.problem.status;
  }
  /** The problem type's last segment, e.g. "validation-failed"; clients branch on it, never on text. */
  get code(): string {
    return this.problem.type.substring(this.problem.type.lastIndexOf('/') + 1);
  }
  /** field → message, for rendering next to form fields. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) out[e.field] = out[e.field] ? `${out[e.field]}; ${e.message}` : e.message;
    return out;
  }
}

const GATEWAY_TITLES: Record<number, string> = {
  401: 'Please sign in again',
  403: 'Not allowed',
  404: 'Not found',
  429: 'Too many requests',
  500: 'Server error',
  503: 'Service unavailable',
};

/** Builds an ApiError from any error body: problem+json, API Gateway's {"message"}, or nothing. */
export function toApiError(status: number, body: unknown, correlationId?: string | null): ApiError {
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof b.type === 'string' && typeof b.title === 'string') {
    return new ApiError({ ...(b as unknown as Problem), status: typeof b.status === 'number' ? b.status : status });
  }
  const message = typeof b.message === 'string' ? b.message : undefined;
  return new ApiError({
    type: `about:blank#${status}`,
    title: GATEWAY_TITLES[status] ?? `Request failed (${status})`,
    status,
    detail: message,
    correlationId: correlationId ?? undefined,
  });
}

export function networkError(cause: unknown): ApiError {
  return new ApiError({
    type: 'about:blank#network',
    title: 'Network error',
    status: 0,
    detail: cause instanceof Error ? cause.message : 'the API could not be reached',
  });
}
