import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import { createApi, call } from './client';
import { ApiError, toApiError } from './problem';
import { ServicesContext } from '../services';
import { ProfileForm } from '../pages/Profile';
import { parseConfig } from '../config';
import { timeline } from '../pages/OrderPage';

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type, 'x-correlation-id': 'corr-1' } });

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

describe('ProfileForm', () => {
  it('shows a server field error next to its field', async () => {
    const api = createApi('http://api.test', () => 't',
      (async () => json(422, validation, 'application/problem+json')) as unknown as typeof fetch);
    const config = parseConfig({ apiUrl: 'http://api.test', oidc: { issuer: 'http://idp', clientId: 'c' } });
    render(
      <MemoryRouter>
        <QueryClientProvider client={new QueryClient()}>
          <ServicesContext.Provider value={{ config, api }}>
            <ProfileForm me={{ id: 'alice', handle: 'alice', roles: ['user'], email: 'alice@example.com' }} />
          </ServicesContext.Provider>
        </QueryClientProvider>
      </MemoryRouter>,
    );
    const handle = screen.getByLabelText('Handle');
    await userEvent.clear(handle);
    await userEvent.type(handle, 'X');
    await userEvent.click(screen.getByRole('button', { name: 'Save profile' }));
    const message = await screen.findByText('3-30 characters of a-z, 0-9 and _');
    expect(handle.getAttribute('aria-invalid')).toBe('true');
    expect(handle.getAttribute('aria-describedby')).toContain(message.id);
  });
});

describe('config', () => {
  it('requires the API and OIDC settings', () => {
    expect(() => parseConfig({})).toThrow('apiUrl');
    expect(parseConfig({ apiUrl: 'http://a/', wsUrl: '', oidc: { issuer: 'http://i/', clientId: 'c' } }))
      .toEqual({ apiUrl: 'http://a', wsUrl: null, oidc: { issuer: 'http://i', clientId: 'c', scope: 'openid profile email' } });
  });
});

describe('order timeline', () => {
  it('shows what happened, then the steps ahead', () => {
    const steps = timeline({
      id: 'o', status: 'PAID', lines: [], total: 0, currency: 'EUR', createdAt: 'a', updatedAt: 'b',
      history: [{ status: 'PENDING_PAYMENT', at: 't1' }, { status: 'PAID', at: 't2' }],
    });
    expect(steps.map((s) => [s.status, s.done, s.current])).toEqual([
      ['PENDING_PAYMENT', true, false], ['PAID', true, true], ['FULFILLED', false, false],
    ]);
  });
});
