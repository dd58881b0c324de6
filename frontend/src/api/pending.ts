import type { components, paths } from './schema';

/**
 * Routes the SPA already calls whose functions are being added to openapi.yaml, written the way openapi-typescript
 * generates them. Each entry stops counting by itself once the generated `paths` has the route (see `ApiPaths`),
 * so the generated contract always wins; delete an entry when it has arrived.
 */
export interface PendingPaths {
  '/admin/users/{id}/reactivate': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get?: never;
    put?: never;
    /** Reactivate a suspended user (admins only); emits user.reactivated */
    post: {
      parameters: {
        query?: never;
        header?: {
          'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
          'X-Correlation-Id'?: components['parameters']['CorrelationIdIn'];
        };
        path: { id: components['parameters']['UserId'] };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { 'X-Correlation-Id': components['headers']['CorrelationId']; [name: string]: unknown };
          content: { 'application/json': components['schemas']['AdminUser'] };
        };
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        default: components['responses']['Error'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}

export type ApiPaths = paths & Omit<PendingPaths, keyof paths>;
