// Browser end-to-end test against a real devstack: starts `infra/devstack/devstack.sh run` on free ports, seeds the
// catalog, writes dist/config.json for that devstack, drives Debian's Chromium with playwright-core, and stops
// devstack. Screenshots + traces of every browser context go to frontend/test-results/ when a step fails.
//   npm run e2e                      (needs a built SPA: npm run build; and built function jars)
//   E2E_CHROMIUM=/path/to/chrome     (default /usr/bin/chromium)
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const frontend = resolve(here, '..');
const repo = resolve(frontend, '..');
const results = join(frontend, 'test-results');
const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const STEP_TIMEOUT = 60_000;

const log = (...a) => console.log('[e2e]', ...a);
const metrics = {};
const skipped = [];

async function freePortBlock(size) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 30000);
    const ok = await Promise.all([...Array(size).keys()].map((i) => portFree(base + i)));
    if (ok.every(Boolean)) return base;
  }
  throw new Error('no free block of ports');
}
function portFree(port) {
  return new Promise((res) => {
    const s = createServer().once('error', () => res(false)).once('listening', () => s.close(() => res(true)));
    s.listen(port, '127.0.0.1');
  });
}

function startDevstack(port) {
  const spa = port + 5;
  const args = ['run', '--port', String(port), '--no-schedules',
    '--param', `CheckoutSuccessUrl=http://localhost:${spa}/orders?paid=1`,
    '--param', `CheckoutCancelUrl=http://localhost:${spa}/orders?cancelled=1`];
  log('starting devstack', args.join(' '));
  const child = spawn(join(repo, 'infra/devstack/devstack.sh'), args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const lines = [];
  const urls = {};
  const ready = new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error('devstack did not start within 240 s:\n' + lines.slice(-40).join('\n'))), 240_000);
    const onLine = (line) => {
      lines.push(line);
      if (lines.length > 2000) lines.shift();
      const m = line.match(/^\s{2}([A-Za-z@][A-Za-z @]*?)\s{2,}(\S+:\/\/\S+)/);
      if (m) urls[m[1].trim()] = m[2];
      if (process.env.E2E_VERBOSE) console.log('  [devstack]', line);
      if (line.startsWith('Ctrl-C stops everything')) { clearTimeout(timer); res(urls); }
    };
    for (const stream of [child.stdout, child.stderr]) {
      let buf = '';
      stream.on('data', (d) => {
        buf += d;
        let i;
        while ((i = buf.indexOf('\n')) >= 0) { onLine(buf.slice(0, i)); buf = buf.slice(i + 1); }
      });
    }
    child.on('exit', (code) => { clearTimeout(timer); rej(new Error(`devstack exited (${code}):\n` + lines.slice(-40).join('\n'))); });
  });
  const stop = () => { try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ } };
  return { ready, stop, lines };
}

function seedCatalog(port) {
  // the same JDK 25 the devstack launcher picks (scripts/jdk25.sh)
  const r = spawnSync('bash', ['-c', 'source scripts/jdk25.sh && exec "$JAVA_HOME/bin/java" -cp functions/orders/target/orders-lambda.jar '
    + 'dev.backplane.orders.store.CatalogSeeder infra/seed/products.json'], {
    cwd: repo, encoding: 'utf8',
    env: { ...process.env, TABLE_NAME: 'AppTable', AWS_ENDPOINT_URL_DYNAMODB: `http://localhost:${port + 1}`, AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'devstack', AWS_SECRET_ACCESS_KEY: 'devstack' },
  });
  if (r.status !== 0) throw new Error('catalog seeding failed:\n' + r.stdout + r.stderr);
}

/**
 * Cold function JVMs on 2 shared cores can outlast devstack's authorizer timeout, and a failed authorization is
 * cached per token: warm the authorizer and the first routes with a throwaway client_credentials token first.
 */
async function warmUp(config) {
  const started = Date.now();
  const tokenResponse = await fetch(`${config.oidc.issuer}/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=e2e-warmup&client_secret=x&scope=openid',
  });
  const token = (await tokenResponse.json()).access_token;
  for (const path of ['/orders', '/me/settings', '/products']) {
    for (let i = 0; i < 6; i++) {
      const r = await fetch(config.apiUrl + path, { headers: { Authorization: `Bearer ${token}-${i}x`.replace(/-\d+x$/, '') } }).catch(() => null);
      if (r && r.status < 500) break;
      await new Promise((res) => setTimeout(res, 2000));
    }
  }
  log(`warm-up done in ${Date.now() - started} ms`);
}

// ---------- browser helpers ----------
const contexts = [];
async function newUser(browser, name) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  await context.tracing.start({ screenshots: true, snapshots: true });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  page.on('pageerror', (e) => log(`[${name}] page error:`, e.message));
  contexts.push({ name, context, page });
  return { context, page };
}

/** Signs in through the local OIDC provider's page (one button per seeded user). */
async function signIn(page, spaUrl, user, path = '/orders') {
  await page.goto(spaUrl + path);
  await page.getByRole('button', { name: new RegExp(`Sign in as ${user}\\b`) }).click();
  await page.waitForURL((u) => u.href.startsWith(spaUrl) && !u.pathname.startsWith('/auth/'));
  await page.getByRole('button', { name: /Sign out/ }).waitFor();
  await page.getByTestId('connection-status').and(page.locator('[data-status="open"]')).waitFor({ timeout: 30_000 })
    .catch(() => log(`[${user}] live connection not open (realtime functions missing?)`));
}

async function placeOrder(page, spaUrl, productName) {
  await page.goto(spaUrl + '/');
  await page.getByRole('button', { name: `Add ${productName} to cart` }).click();
  await page.getByRole('link', { name: /Cart, 1 items/ }).click();
  await page.getByRole('button', { name: 'Place order' }).click();
  await page.waitForURL(/\/orders\/[^/]+$/);
  await page.getByTestId('order-status').getByText('Awaiting payment').waitFor();
  return page.url().split('/orders/')[1];
}

// ---------- the scenario ----------
async function scenario(browser, spaUrl, apiUrl) {
  // first meaningful render: navigation start → product grid visible (anonymous, warm functions after the first run)
  const { page: anon } = await newUser(browser, 'anonymous');
  await anon.goto(spaUrl + '/');
  await anon.locator('[data-product]').first().waitFor({ timeout: 90_000 }); // cold start of the catalog function
  const fmr = [];
  for (let i = 0; i < 3; i++) {
    await anon.goto(spaUrl + '/?r=' + i);
    await anon.locator('[data-product]').first().waitFor();
    fmr.push(await anon.evaluate(() => performance.now()));
  }
  metrics.firstMeaningfulRenderMs = Math.round(fmr.sort((a, b) => a - b)[1]);
  log('first meaningful render (median of 3, warm):', metrics.firstMeaningfulRenderMs, 'ms');

  const alice = await newUser(browser, 'alice');
  await signIn(alice.page, spaUrl, 'alice');
  const orderId = await placeOrder(alice.page, spaUrl, 'Burr grinder');
  log('alice placed order', orderId);

  // bob, in a separate browser context, sees none of it
  const bob = await newUser(browser, 'bob');
  await signIn(bob.page, spaUrl, 'bob');
  await bob.page.getByRole('heading', { name: 'My orders' }).waitFor();
  await bob.page.locator('.state, table.orders').first().waitFor();
  if (await bob.page.locator(`[data-order="${orderId}"]`).count()) throw new Error("bob's order list shows alice's order");
  await bob.page.goto(`${spaUrl}/orders/${orderId}`);
  await bob.page.getByRole('alert').getByText(/Not found/i).first().waitFor();
  log("bob cannot see alice's order");

  // the admin sees the order.placed event with its correlation id in the live feed
  const admin = await newUser(browser, 'admin');
  await signIn(admin.page, spaUrl, 'admin', '/admin/feed');
  await admin.page.getByRole('heading', { name: 'Live feed' }).waitFor();

  // payment: a second tab of alice pays while the first one watches the order page
  const checkout = await alice.page.evaluate(async ({ apiUrl, orderId }) => {
    const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'));
    const token = key ? JSON.parse(sessionStorage.getItem(key)).access_token : null;
    const r = await fetch(`${apiUrl}/orders/${orderId}/checkout`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    return { status: r.status, body: await r.text() };
  }, { apiUrl, orderId });
  if (checkout.status === 404 || checkout.status >= 500) {
    // billing (functions/billing jar, devstack's Stripe simulator) not there yet: say so, don't fake a payment
    skipped.push(`payment, paid-without-reload and declined-card steps: POST /orders/{id}/checkout answered ${checkout.status} `
      + `(billing function or Stripe simulator not available on this devstack): ${checkout.body.slice(0, 300)}`);
  } else if (checkout.status !== 200) {
    throw new Error(`checkout failed: ${checkout.status} ${checkout.body}`);
  } else {
    const session = JSON.parse(checkout.body);
    const payer = await alice.context.newPage();
    payer.setDefaultTimeout(STEP_TIMEOUT);
    // a declined card: the simulator says so, the order stays payable
    await payer.goto(session.url);
    await payer.locator('#decline').click();
    await payer.getByText(/declined/i).first().waitFor();
    log('declined payment shows:', (await payer.getByText(/declined/i).first().textContent()).trim());
    // pay for real; watch the untouched first tab turn PAID through the WebSocket push
    const watch = alice.page.evaluate(() => new Promise((resolve) => {
      const el = document.querySelector('[data-testid="order-status"]');
      const start = performance.now();
      const obs = new MutationObserver(() => {
        if (el.textContent.includes('Paid')) { obs.disconnect(); resolve({ at: Date.now(), waited: performance.now() - start }); }
      });
      obs.observe(el, { childList: true, characterData: true, subtree: true });
    }));
    const navigations = [];
    alice.page.on('framenavigated', (f) => { if (f === alice.page.mainFrame()) navigations.push(f.url()); });
    await payer.locator('#pay').click();
    await payer.waitForURL(/\/orders\?paid=1/);
    const seen = await Promise.race([watch, new Promise((_, rej) => setTimeout(() => rej(new Error('order did not turn paid within 60 s')), 60_000))]);
    if (navigations.length) throw new Error('the order page reloaded: ' + navigations.join(', '));
    await alice.page.getByTestId('timeline').getByText('Paid').waitFor();
    log('order turned paid without reload');
    metrics.payToPaidVisibleMs = Math.round(seen.waited);
  }

  // alice's order.placed happened before the admin connected; the admin sees the events that follow (paid or, below,
  // a cancellation) live, each with its correlation id
  const row = admin.page.locator('tr[data-event-type^="order."]').first();
  const fresh = placeOrder(bob.page, spaUrl, 'Ceramic dripper');
  const bobOrder = await fresh;
  await admin.page.locator(`tr[data-event-type="order.placed"]`).filter({ hasText: bobOrder }).first().waitFor({ timeout: 60_000 });
  const correlation = await row.getAttribute('data-correlation-id');
  if (!correlation) throw new Error('feed row has no correlation id');
  log('admin feed shows', await row.getAttribute('data-event-type'), 'with correlation id', correlation);

  // push → visible DOM update: time from the push frame arriving to the status text changing (in-page clock)
  metrics.pushToDomMs = await measurePushToDom(alice.page, spaUrl, apiUrl);
}

/**
 * push → visible DOM update: a fresh order is cancelled through the API (not the page's button), so the page can
 * only change through the WebSocket push. Frame arrival is taken from Chromium's WebSocket events (wall clock), the
 * DOM change from a MutationObserver in the page (wall clock, same machine).
 */
async function measurePushToDom(page, spaUrl, apiUrl) {
  const orderId = await placeOrder(page, spaUrl, 'Brew scale');
  await page.waitForTimeout(500); // let the order:{id} subscription settle
  let frameAt = null;
  const sockets = [];
  const onSocket = (ws) => {
    sockets.push(ws);
    ws.on('framereceived', (f) => {
      const text = typeof f.payload === 'string' ? f.payload : f.payload.toString();
      if (frameAt === null && text.includes('order.cancelled') && text.includes(orderId)) frameAt = Date.now();
    });
  };
  page.on('websocket', onSocket);
  // the socket already exists: reconnecting would skew the number, so we need it observed from the start
  if (!sockets.length) {
    await page.reload();
    await page.getByTestId('connection-status').and(page.locator('[data-status="open"]')).waitFor({ timeout: 30_000 });
    await page.getByTestId('order-status').getByText('Awaiting payment').waitFor();
    await page.waitForTimeout(500);
  }
  const visible = page.evaluate(() => new Promise((resolve) => {
    const el = document.querySelector('[data-testid="order-status"]');
    const obs = new MutationObserver(() => {
      if (el.textContent.includes('Cancelled')) { obs.disconnect(); resolve(Date.now()); }
    });
    obs.observe(el, { childList: true, characterData: true, subtree: true });
  }));
  const sentAt = Date.now();
  await page.evaluate(async ({ apiUrl, orderId }) => {
    const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'));
    const token = JSON.parse(sessionStorage.getItem(key)).access_token;
    const r = await fetch(`${apiUrl}/orders/${orderId}/cancel`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    if (!r.ok) throw new Error('cancel failed: ' + r.status);
  }, { apiUrl, orderId });
  const domAt = await Promise.race([visible, new Promise((_, rej) => setTimeout(() => rej(new Error('cancel push did not reach the page')), 60_000))]);
  page.off('websocket', onSocket);
  metrics.cancelRequestToVisibleMs = domAt - sentAt;
  log(`cancel request → status visible on the page: ${domAt - sentAt} ms; frame → DOM: ${frameAt ? domAt - frameAt : 'n/a'} ms`);
  return frameAt ? domAt - frameAt : null;
}

async function main() {
  if (!existsSync(join(frontend, 'dist/index.html'))) throw new Error('frontend/dist is missing: run npm run build first');
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set E2E_CHROMIUM)`);
  rmSync(results, { recursive: true, force: true });
  const port = await freePortBlock(6);
  // the SPA's runtime configuration for this devstack (devstack serves dist/ as it is)
  const config = { apiUrl: `http://localhost:${port}`, wsUrl: `ws://localhost:${port}/dev`,
    oidc: { issuer: `http://localhost:${port + 4}/backplane`, clientId: 'backplane-spa' } };
  writeFileSync(join(frontend, 'dist/config.json'), JSON.stringify(config, null, 2));
  const devstack = startDevstack(port);
  let browser;
  let failed = null;
  try {
    const urls = await devstack.ready;
    log('devstack is up:', JSON.stringify(urls));
    const spaUrl = urls.SPA;
    if (!spaUrl) throw new Error('devstack did not serve the SPA (no "SPA" URL printed)');
    seedCatalog(port);
    log('catalog seeded');
    await warmUp(config);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    await scenario(browser, spaUrl, config.apiUrl);
  } catch (e) {
    failed = e;
  } finally {
    for (const { name, context, page } of contexts) {
      if (failed) {
        mkdirSync(results, { recursive: true });
        await page.screenshot({ path: join(results, `${name}.png`), fullPage: true }).catch(() => {});
        await context.tracing.stop({ path: join(results, `${name}-trace.zip`) }).catch(() => {});
      } else await context.tracing.stop().catch(() => {});
    }
    await browser?.close().catch(() => {});
    devstack.stop();
    if (failed) {
      mkdirSync(results, { recursive: true });
      writeFileSync(join(results, 'devstack.log'), devstack.lines.join('\n'));
    }
  }
  for (const s of skipped) log('SKIPPED:', s);
  log('metrics', JSON.stringify(metrics));
  mkdirSync(results, { recursive: true });
  writeFileSync(join(results, 'metrics.json'), JSON.stringify({ ...metrics, skipped }, null, 2));
  if (failed) {
    console.error('[e2e] FAILED:', failed.stack ?? failed);
    console.error(`[e2e] screenshots, traces (npx playwright show-trace …) and devstack.log in ${results}`);
    process.exit(1);
  }
  log('PASSED');
  process.exit(0); // pending race timers and the stopped devstack's pipes would keep node alive for a minute
}

main().catch((e) => { console.error(e); process.exit(1); });
