// Runs the peer benchmark of ../shared/bench/peers with Arbor's adapter added, on a copy of the
// harness (../shared may be read-only). Needs Debian's chromium (and fonts-noto-cjk for real CJK
// glyphs); the harness installs its own npm dependencies (the peers) into the copy.
//   node packages/web/bench/peers/run-peers.mjs [run.mjs options…]
// e.g. --libs arbor,markmap,mind-elixir --sizes 1000,20000 --shapes balanced --runs 3
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../../..');
const harness = resolve(repo, '../shared/bench/peers');
if (!existsSync(join(harness, 'run.mjs'))) {
  console.error(`the peer benchmark is not at ${harness}`);
  process.exit(2);
}
if (!existsSync('/usr/bin/chromium')) {
  console.error('Chromium is missing: apt-get install -y chromium fonts-noto-cjk');
  process.exit(2);
}
const work = join(tmpdir(), 'arbor-peers');
cpSync(harness, work, { recursive: true, filter: (p) => !/\/(node_modules|dist|\.build|results)(\/|$)/.test(p.slice(harness.length)) });
// The copy keeps the modes of a read-only ../shared: make it writable.
execFileSync('chmod', ['-R', 'u+w', work]);
const adapter = readFileSync(join(here, 'arbor.mjs'), 'utf8').replaceAll('__ARBOR__', repo);
writeFileSync(join(work, 'adapters', 'arbor.mjs'), adapter);
if (!existsSync(join(work, 'node_modules'))) execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: work, stdio: 'inherit' });
const args = process.argv.slice(2);
const out = join(work, 'results', 'arbor-run.json');
execFileSync(process.execPath, ['run.mjs', ...args, '--out', out], { cwd: work, stdio: 'inherit' });
execFileSync(process.execPath, ['table.mjs', out], { cwd: work, stdio: 'inherit' });
