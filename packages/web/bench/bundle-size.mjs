// `npm run bench -- bundle-size`: the JavaScript (and CSS) a first visit of the editor downloads, raw,
// gzipped and brotli-compressed, against the budget of 300 KB gzipped (issue 14). It builds the app
// first when the build is missing or stale, then follows Vite's manifest: the entry picks a screen
// from the URL and imports it, so a visit loads the entry, that screen's chunk and their static
// imports (transitively). My files' first visit is printed too; chunks loaded later (documents,
// PDF, AI…) are listed apart. Prints figures; never fails on size.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const BUDGET_GZ = 300 * 1024;
const root = new URL('../../..', import.meta.url).pathname;
const dist = join(root, 'packages/web/dist');

const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--quiet'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) {
  console.error('bundle-size: the web app did not build');
  process.exit(1);
}

const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
const entries = Object.entries(manifest).filter(([, c]) => c.isEntry);
if (entries.length === 0) throw new Error('no entry in dist/.vite/manifest.json');

/** Files loaded for these chunks: each, its static imports (transitively), and their CSS. */
function loadedFor(keys) {
  const out = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || out.has(chunk.file)) return;
    out.add(chunk.file);
    for (const css of chunk.css ?? []) out.add(css);
    for (const k of chunk.imports ?? []) visit(k);
  };
  for (const k of keys) visit(k);
  return out;
}
const entryKeys = entries.map(([key]) => key);
const screen = (name) => Object.keys(manifest).find((k) => k.endsWith(`src/app/${name}`));
const first = loadedFor([...entryKeys, screen('editor-screen.tsx')].filter(Boolean));
const filesVisit = loadedFor([...entryKeys, screen('files-screen.tsx')].filter(Boolean));
const later = new Set(
  Object.values(manifest)
    .flatMap((c) => [c.file, ...(c.css ?? [])])
    .filter((f) => !first.has(f) && !filesVisit.has(f) && /\.(?:js|css)$/.test(f)),
);

const kb = (n) => `${(n / 1024).toFixed(1).padStart(8)} KB`;
function measure(files) {
  const rows = [...files].sort().map((f) => {
    const data = readFileSync(join(dist, f));
    return { file: f, raw: data.length, gz: gzipSync(data, { level: 9 }).length, br: brotliCompressSync(data).length };
  });
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gz: t.gz + r.gz, br: t.br + r.br }), { raw: 0, gz: 0, br: 0 });
  return { rows, total };
}

const print = (title, { rows, total }) => {
  console.log(title);
  console.log(`  ${'file'.padEnd(44)}${'raw'.padStart(11)}${'gzip -9'.padStart(11)}${'brotli'.padStart(11)}`);
  for (const r of rows) console.log(`  ${r.file.padEnd(44)}${kb(r.raw)}${kb(r.gz)}${kb(r.br)}`);
  console.log(`  ${'total'.padEnd(44)}${kb(total.raw)}${kb(total.gz)}${kb(total.br)}`);
};

const firstVisit = measure(first);
const js = firstVisit.rows.filter((r) => r.file.endsWith('.js')).reduce((n, r) => n + r.gz, 0);
print('first visit of the editor (entry + editor screen + static imports + CSS):', firstVisit);
print('first visit of My files (entry + files screen + static imports + CSS):', measure(filesVisit));
if (later.size) print('loaded later (dynamic imports):', measure(later));

// Where the first visit's bytes come from: modules grouped by package (web by folder), before minifying.
const group = (id) => {
  const path = id.replace(/^\0/, '').split('?')[0];
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (nm) return nm[1];
  const web = /^packages\/web\/src\/([^/]+)\//.exec(path);
  if (web) return `@arbor/web/${web[1]}`;
  const ws = /^packages\/([^/]+)\//.exec(path);
  return ws ? `@arbor/${ws[1]}` : path.startsWith('vite/') ? 'vite runtime' : path;
};
try {
  const modules = JSON.parse(readFileSync(join(dist, '.vite/modules.json'), 'utf8'));
  const byGroup = new Map();
  let all = 0;
  for (const file of first) {
    for (const [id, size] of Object.entries(modules[file] ?? {})) {
      byGroup.set(group(id), (byGroup.get(group(id)) ?? 0) + size);
      all += size;
    }
  }
  console.log('first-visit JavaScript by source (before minifying):');
  for (const [name, size] of [...byGroup].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`  ${name.padEnd(44)}${kb(size)}  ${((100 * size) / all).toFixed(1).padStart(5)} %`);
  }
} catch {
  console.log('(no dist/.vite/modules.json: sizes by source unavailable)');
}
console.log(
  `first-visit JavaScript: ${(js / 1024).toFixed(1)} KB gzipped of a ${BUDGET_GZ / 1024} KB budget (${((100 * js) / BUDGET_GZ).toFixed(0)} %)${js > BUDGET_GZ ? ' — OVER BUDGET' : ''}`,
);
