import { describe, expect, it, vi } from 'vitest';
import { createApi, call } from './client';
import { ApiError, toApiError } from './problem';
import { json } from '../test/render';

const validation = {
  type: 'https://backplane.dev/problems/validation-failed', title: 'Validation failed', status: 422,
  detail: '1 invalid field', correlationId: 'corr-1',
  errors: [{ field: 'handle', message: '3-30 characters of a-z, 0-9 and _' }],
};

describe('generated API client', () => {
  it('sends the bearer token and a correlation id', async () => {
    const fetchImpl = vi.fn(async (_r: Request) => json(200, { items: [], nextCursor: null }));
    const api = createApi('http://api.test', () => 'abc', fetchImpl as unknown as typeof fetch);
    await call(api.GET('/orders', { params: { query: { limit: 5 } } }));
    const request = fetchImpl.mock.calls[0][0];
    expect(request.url).toBe('http://api.test/orders?limit=5');
    expect(request.headers.get('authorization')).toBe('Bearer abc');
    expect(request.headers.get('x-correlation-id')).toMatch(/.+/);
  });

  it('throws problem+json answers as ApiError with field errors', async () => {
    const api = createApi('http://api.test', () => null,
      (async () => json(422, validation, 'application/problem+json')) as unknown as typeof fetch);
    const error = await call(api.PATCH('/me', { body: { handle: 'X' } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('validation-failed');
    expect((error as ApiError).fieldErrors()).toEqual({ handle: '3-30 characters of a-z, 0-9 and _' });
  });

  it('turns API Gateway messages and network failures into problems', async () => {
    expect(toApiError(401, { message: 'Unauthorized' }).problem).toMatchObject({ status: 401, title: 'Please sign in again' });
    const api = createApi('http://api.test', () => null, (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch);
    const error = await call(api.GET('/products')).catch((e: unknown) => e);
    expect((error as ApiError).problem).toMatchObject({ status: 0, title: 'Network error', detail: 'Failed to fetch' });
  });
});
