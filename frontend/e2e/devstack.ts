// Starting the system under test: devstack (infra/devstack) on a free block of ports, serving the built SPA, with
// the catalog seeded and the first routes warmed. Used by global-setup.ts.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface RunningDevstack {
  urls: Record<string, string>;
  lines: string[];
  stop: () => Promise<void>;
}

export async function freePortBlock(size: number): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 30000);
    const ok = await Promise.all([...Array(size).keys()].map((i) => portFree(base + i)));
    if (ok.every(Boolean)) return base;
  }
  throw new Error('no free block of ports');
}

function portFree(port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = createServer().once('error', () => res(false)).once('listening', () => s.close(() => res(true)));
    s.listen(port, '127.0.0.1');
  });
}

/** `devstack.sh run` on `port` (SPA on port + 5), Stripe returning to the SPA; resolves once it prints its URLs. */
export async function startDevstack(repo: string, port: number, verbose = false): Promise<RunningDevstack> {
  const spa = port + 5;
  // the journeys touch most functions: keep them warm for the whole run instead of the laptop defaults
  // (16 JVMs, 3 min idle stop), whose evictions turn into repeated cold starts on a small CI machine
  const args = ['run', '--port', String(port), '--no-schedules', '--max-jvms', '64', '--idle-stop', '3600',
    '--param', `CheckoutSuccessUrl=http://localhost:${spa}/orders?paid=1`,
    '--param', `CheckoutCancelUrl=http://localhost:${spa}/orders?cancelled=1`];
  const child: ChildProcess = spawn(join(repo, 'infra/devstack/devstack.sh'), args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const lines: string[] = [];
  const urls: Record<string, string> = {};
  let exited = false;
  const gone = new Promise<void>((res) => child.once('exit', () => { exited = true; res(); }));
  const stop = async () => {
    if (exited) return;
    try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* already gone */ }
    await Promise.race([gone, new Promise((r) => setTimeout(r, 15_000))]);
    if (!exited) try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ }
  };
  const ready = new Promise<void>((res, rej) => {
    const timer = setTimeout(() => rej(new Error('devstack did not start within 240 s:\n' + lines.slice(-40).join('\n'))), 240_000);
    const onLine = (line: string) => {
      lines.push(line);
      if (lines.length > 5000) lines.shift();
      const m = line.match(/^\s{2}([A-Za-z@][A-Za-z @]*?)\s{2,}(\S+:\/\/\S+)/);
      if (m) urls[m[1].trim()] = m[2];
      if (verbose) console.log('  [devstack]', line);
      if (line.startsWith('Ctrl-C stops everything')) { clearTimeout(timer); res(); }
    };
    for (const stream of [child.stdout!, child.stderr!]) {
      let buf = '';
      stream.on('data', (d: Buffer) => {
        buf += d.toString();
        let i;
        while ((i = buf.indexOf('\n')) >= 0) { onLine(buf.slice(0, i)); buf = buf.slice(i + 1); }
      });
    }
    child.once('exit', (code) => { clearTimeout(timer); rej(new Error(`devstack exited (${code}):\n` + lines.slice(-40).join('\n'))); });
  });
  try {
    await ready;
  } catch (e) {
    await stop();
    throw e;
  }
  return { urls, lines, stop };
}

/** The catalog, with the same JDK 25 the devstack launcher picks (scripts/jdk25.sh). */
export function seedCatalog(repo: string, port: number): void {
  const r = spawnSync('bash', ['-c', 'source scripts/jdk25.sh && exec "$JAVA_HOME/bin/java" -cp functions/orders/target/orders-lambda.jar '
    + 'dev.backplane.orders.store.CatalogSeeder infra/seed/products.json'], {
    cwd: repo, encoding: 'utf8',
    env: { ...process.env, TABLE_NAME: 'AppTable', AWS_ENDPOINT_URL_DYNAMODB: `http://localhost:${port + 1}`, AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'devstack', AWS_SECRET_ACCESS_KEY: 'devstack' },
  });
  if (r.status !== 0) throw new Error('catalog seeding failed:\n' + r.stdout + r.stderr);
}

/**
 * Cold function JVMs on a busy machine can outlast devstack's invoke and authorizer timeouts (a 503, and a failed
 * authorization is cached per token): start every function the journeys call, reads and writes, with a throwaway
 * client_credentials token. 4xx answers count — the function behind the route ran; nothing is created.
 */
export async function warmUp(apiUrl: string, issuer: string): Promise<number> {
  const started = Date.now();
  const tokenResponse = await fetch(`${issuer}/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=password&username=admin&password=devstack&client_id=backplane-spa&scope=openid',
  });
  const token = ((await tokenResponse.json()) as { access_token: string }).access_token;
  const calls: [string, string, unknown?][] = [
    ['GET', '/products'], ['GET', '/orders'], ['GET', '/orders/warm-up'], ['GET', '/me'], ['GET', '/me/settings'],
    ['GET', '/billing/balance'], ['GET', '/users/warm-up'], ['GET', '/admin/users'], ['GET', '/admin/traces/warm-up'],
    ['POST', '/orders', { lines: [] }], ['POST', '/orders/warm-up/cancel'], ['POST', '/orders/warm-up/checkout'],
    ['PUT', '/me/settings', {}], ['POST', '/admin/users/warm-up/roles', { roles: [] }],
    ['POST', '/admin/users/warm-up/suspend', { reason: '' }],
    // chat, notifications, fraud review, event store and traces (their own functions)
    ['GET', '/conversations'], ['GET', '/me/usage'], ['GET', '/notifications'], ['GET', '/me/notification-preferences'],
    ['GET', '/admin/orders/flagged'], ['POST', '/admin/orders/warm-up/review', {}], ['GET', '/admin/events?type=warm.up'],
    ['POST', '/billing/credit-packs/warm-up/checkout'], ['POST', '/conversations', { title: 42 }],
    ['POST', '/conversations/warm-up/messages', { text: '' }], ['POST', '/notifications/warm-up/read'],
    ['POST', '/notifications/read-all'], ['PUT', '/me/notification-preferences', { preferences: { 'no.such': { email: 1 } } }],
    // the operations console: health, dead-letter queues, replay (an unknown field is refused: nothing replays)
    ['GET', '/admin/health'], ['GET', '/admin/dlq'], ['POST', '/admin/replay', { nope: 1 }],
  ];
  const call = async ([method, path, body]: [string, string, unknown?]) => {
    for (let i = 0; i < 10; i++) {
      const r = await fetch(apiUrl + path, {
        method, headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).catch(() => null);
      if (r && r.status < 500) return;
      await new Promise((res) => setTimeout(res, 2000));
    }
  };
  // a few at a time: every cold function is a JVM starting on a small machine. Three workers take the next call as
  // soon as theirs is answered, rather than batches of three that each wait for their slowest cold start.
  const queue = [...calls];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await call(next);
  };
  await Promise.all([worker(), worker(), worker()]);
  return Date.now() - started;
}
