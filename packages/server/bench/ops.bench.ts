// Op round trip: POST /api/maps/:id/ops over real HTTP against a listening server on SQLite
// (temp dir, synchronous=FULL, or NORMAL with SQLITE_SYNC=normal), one client editing sequentially.
// Prints p50/p95/p99 over several runs, and the fsync cost of this disk for reference.

import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

const RUNS = 5;
const EDITS_PER_RUN = 400;
const WARMUP = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

const sqliteSync = process.env.SQLITE_SYNC === 'normal' ? 'normal' : 'full';
const dir = mkdtempSync(join(tmpdir(), 'arbor-bench-'));
const app = await buildApp(loadConfig({ NODE_ENV: 'test' }, { dataDir: dir, seedDemo: false, logger: false, scryptLogN: 10, sqliteSync }));
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

async function post(path: string, body: unknown, cookie = '') {
  const res = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { origin, cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
    json: (await res.json()) as Record<string, never>,
  };
}

const signup = await post('/api/auth/signup', { email: 'bench@example.org', password: 'long enough pw', name: 'Bench' });
const cookie = signup.cookie;
const mapId = ((await post('/api/maps', { title: 'bench' }, cookie)).json.map as { id: string }).id;
const rootId = ((await (await fetch(`${origin}/api/maps/${mapId}`, { headers: { cookie } })).json()) as { doc: { rootId: string } }).doc
  .rootId;

let version = 0;
let n = 0;
async function edit(): Promise<number> {
  const id = `b${n++}`;
  const ops =
    n % 2
      ? [{ type: 'topic.create', parentId: rootId, topic: { id, text: `topic ${id}` } }]
      : [{ type: 'topic.update', id: rootId, patch: { text: `root ${n}` } }];
  const t0 = performance.now();
  const res = await post(`/api/maps/${mapId}/ops`, { baseVersion: version, ops }, cookie);
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`edit failed: ${res.status} ${JSON.stringify(res.json)}`);
  version = res.json.version as number;
  return ms;
}

for (let i = 0; i < WARMUP; i++) await edit();
const all: number[] = [];
const medians: number[] = [];
for (let r = 0; r < RUNS; r++) {
  const times: number[] = [];
  for (let i = 0; i < EDITS_PER_RUN; i++) times.push(await edit());
  times.sort((a, b) => a - b);
  medians.push(percentile(times, 50));
  all.push(...times);
  console.log(
    `run ${r + 1}: p50 ${percentile(times, 50).toFixed(2)} ms  p95 ${percentile(times, 95).toFixed(2)} ms  p99 ${percentile(times, 99).toFixed(2)} ms`,
  );
}
all.sort((a, b) => a - b);
console.log(
  `op round trip (POST /api/maps/:id/ops, SQLite synchronous=${sqliteSync}, ${RUNS}×${EDITS_PER_RUN} sequential edits): ` +
    `p50 ${percentile(all, 50).toFixed(2)} ms, p95 ${percentile(all, 95).toFixed(2)} ms, p99 ${percentile(all, 99).toFixed(2)} ms; ` +
    `run medians ${Math.min(...medians).toFixed(2)}–${Math.max(...medians).toFixed(2)} ms; final version ${version}`,
);
await app.close();

// Reference: the cost of one bare committed SQLite write on this disk at the same setting.
const raw = new SQLite(join(dir, 'raw.sqlite'));
raw.pragma('journal_mode = WAL');
raw.pragma(`synchronous = ${sqliteSync === 'normal' ? 'NORMAL' : 'FULL'}`);
raw.exec('CREATE TABLE t (a INTEGER, b TEXT)');
const insert = raw.prepare('INSERT INTO t VALUES (?, ?)');
const commits: number[] = [];
for (let i = 0; i < 300; i++) {
  const t0 = performance.now();
  insert.run(i, 'x'.repeat(200));
  commits.push(performance.now() - t0);
}
raw.close();
commits.sort((a, b) => a - b);
console.log(
  `reference: one bare SQLite commit (synchronous=${sqliteSync}) p50 ${percentile(commits, 50).toFixed(2)} ms, p95 ${percentile(commits, 95).toFixed(2)} ms; ` +
    `load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
);
rmSync(dir, { recursive: true, force: true });
