// `npm run bench [-- name…]`: runs each package's benchmark scripts (bench/*.bench.ts, bench/*.mjs) and prints figures.
// Benchmarks print numbers; they never pass or fail on time.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);
const scripts = [];
for (const pkg of readdirSync(join(root, 'packages')).sort()) {
  const dir = join(root, 'packages', pkg, 'bench');
  if (!existsSync(dir)) continue;
  // *.bench.ts run through tsx; plain *.mjs scripts (e.g. web/bench/bundle-size.mjs) run as they are.
  for (const f of readdirSync(dir).sort())
    if (f.endsWith('.bench.ts') || f.endsWith('.mjs')) scripts.push(join('packages', pkg, 'bench', f));
}
let failed = 0;
for (const s of scripts) {
  if (filters.length && !filters.some((x) => s.includes(x))) continue;
  console.log(`\n=== ${s}`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', s], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
