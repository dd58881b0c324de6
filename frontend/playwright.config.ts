import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './e2e/paths';

/**
 * Browser journeys against a real devstack (started once by e2e/global-setup.ts), in Debian's Chromium.
 * One worker: the journeys share one devstack on a small machine, and some watch what others cause.
 * On failure: screenshot, trace and video-free DOM snapshots in test-results/, the HTML report in playwright-report/.
 */
export default defineConfig({
  testDir: './e2e',
  testMatch: '*.spec.ts',
  globalSetup: './e2e/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 300_000,
  expect: { timeout: 60_000 },
  outputDir: './test-results',
  reporter: [['dot'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'UTC',
    actionTimeout: 60_000,
    navigationTimeout: 90_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    },
  },
});
