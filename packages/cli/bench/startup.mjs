// `npm run bench -- cli`: start-up of the `arbor` command, spawned as people run it.
//   1. `arbor --version`                       (target ≤ 150 ms wall)
//   2. 民法典 (the eight files of corpus/laws/民法典 joined) → tree-json   (target ≤ 300 ms wall)
//   3. `arbor serve` on an existing data dir → first 200 from /healthz     (target ≤ 1 s)
// Each from the bundle (packages/cli/dist, built first when stale) and, for comparison, from the
// TypeScript sources through tsx. Wall time and CPU time (user + system of the child, from
// /proc/self/stat) are printed: on a machine shared with other work the wall time waits for a core,
// the CPU time does not. Figures only; nothing here passes or fails on time.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'packages/cli/bin/arbor.js');
const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'laws', '民法典');
const TICK_MS = 10; // USER_HZ = 100 on Linux

/** CPU time of this process's waited-for children, in ms (Linux), or NaN. */
function childCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * TICK_MS; // cutime, cstime
  } catch {
    return Number.NaN;
  }
}

function run(args, env = {}) {
  const cpu0 = childCpuMs();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`arbor ${args.join(' ')} failed: ${r.stderr}`);
  return { wall, cpu: childCpuMs() - cpu0 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const min = (xs) => Math.min(...xs);
function measure(label, n, fn, target) {
  const runs = [];
  for (let i = 0; i < n; i++) runs.push(fn());
  const walls = runs.map((r) => r.wall);
  const cpus = runs.map((r) => r.cpu);
  console.log(
    `${label.padEnd(44)} wall median ${median(walls).toFixed(0).padStart(5)} ms, min ${min(walls).toFixed(0).padStart(5)} ms;` +
      ` CPU median ${median(cpus).toFixed(0).padStart(4)} ms (n=${n})${target ? `  (target ≤ ${target} ms wall)` : ''}`,
  );
}

console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on this machine; node ${process.version}`);
const build = spawnSync(process.execPath, [join(ROOT, 'packages/cli/scripts/build.mjs'), '--quiet'], { stdio: 'inherit' });
if (build.status !== 0) console.log('bundle: not built; the bundle figures below run the sources');
const SOURCE = { ARBOR_CLI_SOURCE: '1' };
const BUNDLE = { ARBOR_CLI_SOURCE: '' };

measure('node -e 0 (the floor)', 10, () => {
  const cpu0 = childCpuMs();
  const t0 = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  return { wall: performance.now() - t0, cpu: childCpuMs() - cpu0 };
});
measure('arbor --version (bundle)', 10, () => run(['--version'], BUNDLE), 150);
measure('arbor --version (sources through tsx)', 3, () => run(['--version'], SOURCE));

const dir = mkdtempSync(join(tmpdir(), 'arbor-bench-cli-'));
try {
  if (existsSync(CORPUS)) {
    const files = readdirSync(CORPUS)
      .filter((f) => f.endsWith('.md'))
      .sort();
    const law = join(dir, '民法典.md');
    writeFileSync(law, files.map((f) => readFileSync(join(CORPUS, f), 'utf8')).join('\n\n'));
    const size = readFileSync(law).length;
    const args = ['convert', law, join(dir, 'out.json'), '--to', 'tree-json'];
    measure(`民法典 (${(size / 1024).toFixed(0)} KB) → tree-json (bundle)`, 7, () => run(args, BUNDLE), 300);
    measure('民法典 → tree-json (bundle, --jieba)', 3, () => run([...args, '--jieba'], BUNDLE));
    measure('民法典 → tree-json (sources through tsx)', 3, () => run(args, SOURCE));
  } else console.log(`民法典: skipped, corpus not found at ${CORPUS}`);

  // The server on an existing data dir: the first start creates it (migrations, demo library).
  const dataDir = join(dir, 'data');
  const serve = async () => {
    const cpu0 = childCpuMs();
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1'], {
      cwd: ROOT,
      env: { ...process.env, ...BUNDLE, DATA_DIR: dataDir, ARBOR_SKIP_WEB_BUILD: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const port = await new Promise((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        const m = /http:\/\/[^:]+:(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', (code) => reject(new Error(`arbor serve exited ${code}: ${err.trim()}`)));
      setTimeout(() => reject(new Error('arbor serve did not start within 120 s')), 120_000).unref();
    });
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const wall = performance.now() - t0;
    const closed = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await closed;
    // CPU of the whole run (start, the health checks and shutdown), an upper bound of the start's.
    return { wall, cpu: childCpuMs() - cpu0 };
  };
  const first = await serve();
  console.log(`arbor serve, new data dir → /healthz: ${first.wall.toFixed(0)} ms wall (creates the database)`);
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await serve());
  console.log(
    `${'arbor serve, existing data dir → /healthz'.padEnd(44)} wall median ${median(runs.map((r) => r.wall)).toFixed(0).padStart(5)} ms,` +
      ` min ${min(runs.map((r) => r.wall)).toFixed(0).padStart(5)} ms; CPU median ${median(runs.map((r) => r.cpu)).toFixed(0)} ms to the stop (n=3)  (target ≤ 1000 ms)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
