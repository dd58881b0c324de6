import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from './config';

describe('config', () => {
  it('requires the API and OIDC settings', () => {
    expect(() => parseConfig({})).toThrow('apiUrl');
    expect(parseConfig({ apiUrl: 'http://a/', wsUrl: '', oidc: { issuer: 'http://i/', clientId: 'c' } }))
      .toEqual({ apiUrl: 'http://a', wsUrl: null, oidc: { issuer: 'http://i', clientId: 'c', scope: 'openid profile email' } });
  });

  it('says which site is misconfigured when /config.json is missing', async () => {
    await expect(loadConfig((async () => new Response('', { status: 404 })) as unknown as typeof fetch)).rejects.toThrow('404');
  });
});
