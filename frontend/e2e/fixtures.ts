import { test as base, expect, type Browser, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { METRICS_FILE, RESULTS } from './paths';

export { expect };
export type User = 'alice' | 'bob' | 'carol' | 'admin';

const spa = () => {
  const url = process.env.E2E_SPA_URL;
  if (!url) throw new Error('E2E_SPA_URL is not set: global-setup.ts did not run');
  return url;
};

/** Budgets and timings measured by the journeys (reported, never asserted): test-results/metrics.json. */
export function recordMetric(name: string, value: number): void {
  mkdirSync(RESULTS, { recursive: true });
  const all = existsSync(METRICS_FILE) ? JSON.parse(readFileSync(METRICS_FILE, 'utf8')) as Record<string, number> : {};
  all[name] = Math.round(value);
  writeFileSync(METRICS_FILE, JSON.stringify(all, null, 2));
}

/**
 * axe on what is on screen: zero serious or critical violations (label-in-name included, it is off by default).
 * The rule pass rate per page goes to the metrics (lowest page wins).
 */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const score = (100 * results.passes.length) / Math.max(1, results.passes.length + results.violations.length);
  const all = existsSync(METRICS_FILE) ? JSON.parse(readFileSync(METRICS_FILE, 'utf8')) as Record<string, number> : {};
  if (all.axeLowestPassRatePercent === undefined || score < all.axeLowestPassRatePercent) recordMetric('axeLowestPassRatePercent', score);
  expect(bad.map((v) => `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
}

/** Signs in through the local OIDC provider's page (one button per seeded user) and waits for the live connection. */
export async function signIn(page: Page, user: User, path = '/overview'): Promise<void> {
  await page.goto(spa() + path);
  // protected pages go straight to the provider; public ones offer the header's Sign in
  const provider = page.getByRole('button', { name: new RegExp(`Sign in as ${user}\\b`) });
  if (path === '/' || path === '/cart' || path.startsWith('/u/')) await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await provider.click();
  await page.waitForURL((u) => u.href.startsWith(spa()) && !u.pathname.startsWith('/auth/'));
  await expect(page.getByRole('button', { name: /Sign out/ })).toBeVisible();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open', { timeout: 90_000 });
}

/** Every WebSocket frame the page receives, stamped with the page's clock (for push → DOM timings). */
function recordPushes() {
  const w = window as unknown as { __pushes: { t: number; data: string }[]; WebSocket: typeof WebSocket };
  w.__pushes = [];
  const Native = w.WebSocket;
  w.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      // registered before the app's onmessage handler, so it runs first
      this.addEventListener('message', (e) => w.__pushes.push({ t: performance.now(), data: String(e.data) }));
    }
  };
}

export async function newUserPage(browser: Browser, user: User, path?: string): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript(recordPushes);
  const page = await context.newPage();
  await signIn(page, user, path);
  return page;
}

export async function addToCart(page: Page, product: string): Promise<void> {
  await page.getByRole('button', { name: `Add to cart ${product}` }).click();
  await expect(page.getByTestId('toasts')).toContainText(`Added ${product} to your cart`);
}

/** Shop → cart → Place order; returns the order id from the URL once the order page shows it awaiting payment. */
export async function placeOrder(page: Page, product: string): Promise<string> {
  await page.goto(spa() + '/');
  await expect(page.locator('[data-product]').first()).toBeVisible({ timeout: 90_000 });
  await addToCart(page, product);
  await page.getByRole('link', { name: /^Cart \d+ items$/ }).click();
  await page.getByRole('button', { name: 'Place order' }).click();
  await page.waitForURL(/\/orders\/ord_[^/?]+$/);
  await expect(page.getByTestId('order-status')).toHaveText('Awaiting payment');
  return new URL(page.url()).pathname.split('/').pop()!;
}

/** On the order page: Pay now (or Retry payment) → the Stripe simulator → Pay → back on the order, paid. */
export async function payOrder(page: Page, button: 'Pay now' | 'Retry payment' = 'Pay now'): Promise<void> {
  const orderUrl = page.url().split('?')[0];
  await page.getByRole('button', { name: button }).click();
  await page.waitForURL((u) => !u.href.startsWith(spa()));
  await expect(page.getByRole('heading', { name: 'Checkout' })).toBeVisible();
  await page.locator('#pay').click();
  await page.waitForURL((u) => u.href.startsWith(orderUrl) && u.search.includes('checkout=success'));
  await expect(page.getByTestId('order-status')).toHaveText(/Paid|Fulfilled/, { timeout: 180_000 });
}

/** On the order page: Pay now → the Stripe simulator declines the card → back (as its back link would) on the order, still payable. */
export async function declineCard(page: Page, orderId: string): Promise<void> {
  await page.getByRole('button', { name: 'Pay now' }).click();
  await page.waitForURL((u) => !u.href.startsWith(spa()));
  await page.locator('#decline').click();
  await expect(page.getByRole('alert')).toHaveText('Your card was declined.');
  for (let i = 0; i < 3 && !page.url().startsWith(spa()); i++) await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/orders/${orderId}`));
  await expect(page.getByTestId('payment-declined').or(page.getByTestId('payment-incomplete'))).toBeVisible();
}

/** The signed-in tab's access token (sessionStorage), for a request the UI would not make (a JSON body when given). */
export async function apiAs(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: string }> {
  return page.evaluate(async ({ apiUrl, method, path, body }) => {
    const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'));
    const token = key ? (JSON.parse(sessionStorage.getItem(key)!) as { access_token: string }).access_token : '';
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(apiUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: r.status, body: await r.text() };
  }, { apiUrl: process.env.E2E_API_URL!, method, path, body });
}

/** No horizontal scrolling at the current viewport. */
export async function expectNoOverflow(page: Page, where: string): Promise<void> {
  const { scroll, width, culprits } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > width + 1 && getComputedStyle(e).position !== 'fixed')
      .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`);
    return { scroll: document.documentElement.scrollWidth, width, culprits };
  });
  expect(scroll, `${where} overflows ${width}px: ${culprits.join(', ')}`).toBeLessThanOrEqual(width);
}

export const test = base.extend<{ spaUrl: string }>({
  spaUrl: async ({}, use) => use(spa()),
});
