import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const frontend = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Screenshots, traces, devstack.log and metrics.json: the CI artifact folder. */
export const RESULTS = join(frontend, 'test-results');
export const METRICS_FILE = join(RESULTS, 'metrics.json');
/** The same numbers as a Markdown table. */
export const SUMMARY_FILE = join(RESULTS, 'budgets.md');
export const CHROMIUM = process.env.CHROMIUM ?? process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
