// Initial-JS budget: gzip size of the scripts index.html loads up front (entry + modulepreloads). Fails the build
// above the budget and writes dist/budget.json (docs/benchmarks.md "SPA" quotes it).
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const BUDGET = 200 * 1024;
const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const files = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/?([^"]+\.js)"/g)].map((m) => m[1]);
const sizes = files.map((f) => {
  const bytes = readFileSync(join(dist, f));
  return { file: f, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
const total = sizes.reduce((n, s) => n + s.gzip, 0);
writeFileSync(join(dist, 'budget.json'), JSON.stringify({ initialJsGzipBytes: total, budgetBytes: BUDGET, files: sizes }, null, 2));
for (const s of sizes) console.log(`  ${s.file}  ${(s.raw / 1024).toFixed(1)} KB raw, ${(s.gzip / 1024).toFixed(1)} KB gzip`);
console.log(`initial JS: ${(total / 1024).toFixed(1)} KB gzip (budget ${BUDGET / 1024} KB)`);
if (files.length === 0) { console.error('budget: no scripts found in dist/index.html'); process.exit(1); }
if (total > BUDGET) { console.error('budget: initial JS over budget'); process.exit(1); }
