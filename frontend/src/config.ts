/** Runtime configuration, fetched from /config.json so one build runs on devstack and on AWS. */
export interface AppConfig {
  apiUrl: string;
  wsUrl: string | null;
  oidc: { issuer: string; clientId: string; scope: string };
}

export class ConfigError extends Error {}

export function parseConfig(raw: unknown): AppConfig {
  const o = (raw ?? {}) as Record<string, unknown>;
  const oidc = (o.oidc ?? {}) as Record<string, unknown>;
  const need = (value: unknown, name: string): string => {
    if (typeof value !== 'string' || value.length === 0) throw new ConfigError(`config.json: "${name}" is required`);
    return value;
  };
  return {
    apiUrl: need(o.apiUrl, 'apiUrl').replace(/\/+$/, ''),
    wsUrl: typeof o.wsUrl === 'string' && o.wsUrl ? o.wsUrl : null,
    oidc: {
      issuer: need(oidc.issuer, 'oidc.issuer').replace(/\/+$/, ''),
      clientId: need(oidc.clientId, 'oidc.clientId'),
      scope: typeof oidc.scope === 'string' && oidc.scope ? oidc.scope : 'openid profile email',
    },
  };
}

export async function loadConfig(fetchImpl: typeof fetch = fetch): Promise<AppConfig> {
  const response = await fetchImpl('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new ConfigError(`/config.json answered ${response.status}; is the API configured for this site?`);
  return parseConfig(await response.json());
}
