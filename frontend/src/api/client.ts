import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { networkError, toApiError } from './problem';

export type Api = ReturnType<typeof createApi>;

export function newCorrelationId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `c-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * The generated, typed client (paths from openapi.yaml): bearer token and X-Correlation-Id on every request,
 * and every non-2xx answer thrown as an ApiError (problem+json), so callers only see data or a problem.
 */
export function createApi(baseUrl: string, token: () => string | null, fetchImpl?: typeof fetch) {
  const client = createClient<paths>({ baseUrl, fetch: fetchImpl });
  const middleware: Middleware = {
    onRequest({ request }) {
      const t = token();
      if (t) request.headers.set('Authorization', `Bearer ${t}`);
      if (!request.headers.has('X-Correlation-Id')) request.headers.set('X-Correlation-Id', newCorrelationId());
      return request;
    },
    async onResponse({ response }) {
      if (response.ok) return response;
      let body: unknown = null;
      try {
        body = await response.clone().json();
      } catch {
        /* empty or non-JSON error body */
      }
      throw toApiError(response.status, body, response.headers.get('x-correlation-id'));
    },
    onError({ error }) {
      return networkError(error);
    },
  };
  client.use(middleware);
  return client;
}

/** Unwraps openapi-fetch's {data} (errors are already thrown by the middleware). */
export async function call<T>(promise: Promise<{ data?: T; error?: unknown }>): Promise<T> {
  const { data } = await promise;
  return data as T;
}
