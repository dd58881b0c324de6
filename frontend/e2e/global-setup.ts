import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePortBlock, seedCatalog, startDevstack, warmUp } from './devstack';
import { CHROMIUM, METRICS_FILE, RESULTS, SUMMARY_FILE } from './paths';

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
  // this run's numbers only; the initial JS the build measured is the first of them
  rmSync(METRICS_FILE, { force: true });
  mkdirSync(RESULTS, { recursive: true });
  const budget = JSON.parse(readFileSync(join(frontend, 'dist/budget.json'), 'utf8')) as { initialJsGzipBytes: number };
  writeFileSync(METRICS_FILE, JSON.stringify({ initialJsGzipBytes: budget.initialJsGzipBytes }, null, 2));
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
    if (existsSync(METRICS_FILE)) {
      const metrics = JSON.parse(readFileSync(METRICS_FILE, 'utf8')) as Record<string, number>;
      const summary = summarise(metrics);
      writeFileSync(SUMMARY_FILE, summary);
      console.log('[e2e] budgets (measured, not asserted; ' + SUMMARY_FILE + ')\n' + summary);
    }
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

const BUDGETS: [string, string, string][] = [
  ['initialJsGzipBytes', 'initial JS (gzip)', '≤ 200 KB'],
  ['loginClickToCatalogMs', 'login click → catalog visible', '≤ 1 s warm'],
  ['pushToDomMs', 'push frame → DOM (page clock)', '≤ 100 ms'],
  ['eventToDomMs', 'server push time → DOM (wall clock, same host)', '≤ 100 ms'],
  ['onlineToLiveMs', 'online → Live', ''],
  ['axeLowestPassRatePercent', 'axe pass rate, worst page', '≥ 95 %'],
];

/** The measured budgets as a Markdown table (test-results/budgets.md), the way docs/frontend.md quotes them. */
function summarise(metrics: Record<string, number>): string {
  const value = (k: string) => metrics[k] === undefined ? 'not measured (journey did not reach it)'
    : k.endsWith('Bytes') ? `${(metrics[k] / 1024).toFixed(1)} KB` : k.endsWith('Percent') ? `${metrics[k]} %` : `${metrics[k]} ms`;
  const rows = BUDGETS.map(([k, label, target]) => `| ${label} | ${target} | ${value(k)} |`);
  return ['| budget | target | measured |', '|---|---|---|', ...rows, ''].join('\n');
}
