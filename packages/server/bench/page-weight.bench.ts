// Page weight with the web font: a template page (the smallest, median and largest of the demo
// library, and the home page) as a browser fetches it — the HTML (brotli), the font stylesheet
// (brotli) and the WOFF2 files its text needs (the common slices plus the page's own subset) —
// against the 400 KB budget. Also the cost of making a slice on first use and of compressing a
// page per response. Prints figures; asserts nothing.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { slicedBundledFont, slicesFor, visibleText } from '../src/fonts/slices.ts';
import { compressFast } from '../src/pages/encoding.ts';

const BUDGET_KB = 400;
const dir = mkdtempSync(join(tmpdir(), 'arbor-weight-'));
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

try {
  const t0 = performance.now();
  const app = await buildApp(loadConfig({ NODE_ENV: 'production' }, { dataDir: dir, seedDemo: true, logger: false }));
  console.log(`seeded the demo library in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br', host: 'localhost' } });

  const rows = await app.db
    .selectFrom('templates')
    .select(['file_id', 'title', 'topic_count'])
    .orderBy('topic_count')
    .orderBy('id')
    .execute();
  const picks: [string, string][] = [
    ['home page', '/'],
    [`smallest template (${rows[0]!.topic_count} topics)`, `/templates/${rows[0]!.file_id}`],
    [`median template (${rows[rows.length >> 1]!.topic_count} topics)`, `/templates/${rows[rows.length >> 1]!.file_id}`],
    [`largest template (${rows.at(-1)!.topic_count} topics: ${rows.at(-1)!.title})`, `/templates/${rows.at(-1)!.file_id}`],
  ];

  const shared = slicedBundledFont(join(dir, 'fonts'));
  const css = await get('/fonts/noto-sans-sc.css');
  console.log(`font stylesheet: ${kb(css.rawPayload.length)} brotli (${shared.slices.length} slices)`);
  const fileSizes = new Map<string, number>();
  const fetchFont = async (url: string) => {
    const cached = fileSizes.get(url);
    if (cached !== undefined) return cached;
    const t = performance.now();
    const res = await get(url);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
    const ms = performance.now() - t;
    fileSizes.set(url, res.rawPayload.length);
    if (ms > 50) buildTimes.push(ms);
    return res.rawPayload.length;
  };
  const buildTimes: number[] = [];

  console.log(`\n${'page'.padEnd(64)} html(br)  fonts  files  total   budget`);
  for (const [label, url] of picks) {
    const page = await get(url);
    const markup = (await app.inject({ method: 'GET', url, headers: { host: 'localhost' } })).body;
    const own = /<style>(@font-face\{[^}]*\})<\/style>/.exec(markup);
    const ownUrl = own ? /url\(([^)]+)\)/.exec(own[1]!)![1]! : undefined;
    const ownChars = new Set<number>();
    if (own)
      for (const m of own[1]!.matchAll(/U\+([0-9A-F]+)(?:-([0-9A-F]+))?/g)) {
        const a = Number.parseInt(m[1]!, 16);
        const b = m[2] ? Number.parseInt(m[2], 16) : a;
        for (let cp = a; cp <= b; cp++) ownChars.add(cp);
      }
    const text = [...visibleText(markup)].filter((ch) => !ownChars.has(ch.codePointAt(0)!)).join('');
    const urls = slicesFor(shared, text).map((s) => `/fonts/noto-sans-sc/${shared.version}/${s.id}.woff2`);
    if (ownUrl) urls.push(ownUrl);
    let fonts = 0;
    for (const u of urls) fonts += await fetchFont(u);
    const total = page.rawPayload.length + css.rawPayload.length + fonts;
    console.log(
      `${label.slice(0, 63).padEnd(64)} ${kb(page.rawPayload.length).padStart(8)} ${kb(fonts).padStart(9)} ${String(urls.length).padStart(4)} ${kb(total).padStart(9)}  ${total / 1024 <= BUDGET_KB ? 'within' : 'OVER'} ${BUDGET_KB} KB`,
    );
  }
  if (buildTimes.length)
    console.log(
      `\nfirst request of a font file (subset made, written to DATA_DIR/fonts): median ${buildTimes.sort((a, b) => a - b)[buildTimes.length >> 1]!.toFixed(0)} ms over ${buildTimes.length}`,
    );

  const largest = Buffer.from((await app.inject({ method: 'GET', url: picks[3]![1], headers: { host: 'localhost' } })).body);
  for (const enc of ['br', 'gzip'] as const) {
    const n = 30;
    compressFast(largest, enc);
    const t = performance.now();
    let out = 0;
    for (let i = 0; i < n; i++) out = compressFast(largest, enc).length;
    console.log(
      `compressing the largest page per response (${enc}): ${kb(largest.length)} → ${kb(out)} in ${((performance.now() - t) / n).toFixed(2)} ms`,
    );
  }
  await app.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
