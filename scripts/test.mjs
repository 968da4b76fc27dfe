// Runs every *.test.ts / *.test.tsx under packages/ with Node's test runner (through tsx).
// Usage: npm test [-- <path filter>…]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts') || name.endsWith('.test.tsx')) out.push(relative(root, p));
  }
  return out;
}

// scripts/ holds the build script's own tests.
const files = [...walk(join(root, 'packages'), []), ...walk(join(root, 'scripts'), [])].filter(
  (f) => filters.length === 0 || filters.some((x) => f.includes(x)),
);
files.sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
// Typecheck and lint first on a full run, so a red check fails CI like a red test.
if (filters.length === 0 && !process.env.ARBOR_SKIP_CHECK) {
  for (const [cmd, args] of [
    ['tsc', ['-p', 'tsconfig.json', '--noEmit']],
    ['biome', ['check', '.']],
  ]) {
    console.log(`> ${cmd} ${args.join(' ')}`);
    const r = spawnSync(join(root, 'node_modules/.bin', cmd), args, { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) {
      console.error(`${cmd} failed`);
      process.exit(1);
    }
  }
}
const res = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'test' },
});
process.exit(res.status ?? 1);
