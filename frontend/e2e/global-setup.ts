import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePortBlock, seedCatalog, startDevstack, warmUp } from './devstack';
import { CHROMIUM, METRICS_FILE, RESULTS } from './paths';

const frontend = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repo = resolve(frontend, '..');

/**
 * Starts the whole system once for every journey: devstack on free ports serving frontend/dist with a config.json
 * for it, the catalog seeded, the first routes warm. The URLs reach the tests through the environment.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(join(frontend, 'dist/index.html'))) throw new Error('frontend/dist is missing: run npm run build first');
  if (!existsSync(join(repo, 'functions/orders/target/orders-lambda.jar'))) {
    throw new Error('function jars are missing: run mvn -B -q -ntp package -DskipTests in the repository root first');
  }
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM)`);
  const port = await freePortBlock(6);
  const config = { apiUrl: `http://localhost:${port}`, wsUrl: `ws://localhost:${port}/dev`,
    oidc: { issuer: `http://localhost:${port + 4}/backplane`, clientId: 'backplane-spa' } };
  writeFileSync(join(frontend, 'dist/config.json'), JSON.stringify(config, null, 2));
  const started = Date.now();
  const devstack = await startDevstack(repo, port, !!process.env.E2E_VERBOSE);
  const teardown = async () => {
    await devstack.stop();
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, 'devstack.log'), devstack.lines.join('\n'));
    if (existsSync(METRICS_FILE)) console.log('[e2e] metrics', readFileSync(METRICS_FILE, 'utf8'));
  };
  try {
    const spaUrl = devstack.urls.SPA;
    if (!spaUrl) throw new Error('devstack did not serve the SPA (no "SPA" URL printed)');
    seedCatalog(repo, port);
    const warm = await warmUp(config.apiUrl, config.oidc.issuer);
    console.log(`[e2e] devstack up in ${Date.now() - started} ms (warm-up ${warm} ms): SPA ${spaUrl}, API ${config.apiUrl}`);
    process.env.E2E_SPA_URL = spaUrl;
    process.env.E2E_API_URL = config.apiUrl;
  } catch (e) {
    await teardown();
    throw e;
  }
  return teardown;
}
