// Search My files by content: one user with 1,000 maps made from the bundled laws (Markdown →
// map), searched over real HTTP on SQLite. Prints the list without a query (reference), a search
// that matches text inside maps, a search that matches nothing, and a search right after 20 maps
// were edited (their text is brought up to date before the query runs).

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMarkdown } from '@arbor/formats';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { listMaps } from '../src/maps/files.ts';

const MAPS = 1000;
const RUNS = 15;
const LAWS = new URL('../seed/laws', import.meta.url).pathname;

function markdownFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) markdownFiles(p, out);
    else if (name.endsWith('.md') && name !== 'README.md') out.push(p);
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'arbor-bench-search-'));
const app = await buildApp(
  loadConfig({ NODE_ENV: 'test' }, { dataDir: dir, seedDemo: false, logger: false, scryptLogN: 10, sqliteSync: 'normal' }),
);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

async function call(method: string, path: string, body?: unknown, cookie = '') {
  const res = await fetch(`${origin}${path}`, {
    method,
    headers: { origin, cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '', json: (await res.json()) as never };
}

const cookie = (await call('POST', '/api/auth/signup', { email: 'search@example.org', password: 'long enough pw', name: 'S' })).cookie;
const files = markdownFiles(LAWS);
const docs = files.map((f) => parseMarkdown(new Uint8Array(readFileSync(f))).doc);
let topics = 0;
const ids: { id: string; rootId: string }[] = [];
const t0 = performance.now();
for (let i = 0; i < MAPS; i++) {
  const doc = docs[i % docs.length] as (typeof docs)[number];
  topics += Object.keys(doc.topics).length;
  const res = await call('POST', '/api/maps', { doc, title: `${doc.title} #${i}` }, cookie);
  if (res.status !== 201) throw new Error(`create failed: ${res.status}`);
  const map = (res.json as { map: { id: string } }).map;
  ids.push({ id: map.id, rootId: doc.rootId });
}
console.log(
  `made ${MAPS} maps (${(topics / MAPS).toFixed(0)} topics each on average, from ${docs.length} laws) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

async function timed(path: string): Promise<{ ms: number; total: number }> {
  const t = performance.now();
  const res = await call('GET', path, undefined, cookie);
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  return { ms, total: (res.json as { total: number }).total };
}

async function measure(label: string, path: string) {
  await timed(path);
  const times: number[] = [];
  let total = 0;
  for (let r = 0; r < RUNS; r++) {
    const got = await timed(path);
    times.push(got.ms);
    total = got.total;
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label}: median ${times[RUNS >> 1]?.toFixed(1)} ms, max ${times[RUNS - 1]?.toFixed(1)} ms (${total} maps match, first 50 answered)`,
  );
}

await measure('list, no query', '/api/maps?view=all&limit=50');
await measure('search text inside maps "正当防卫"', `/api/maps?view=all&limit=50&q=${encodeURIComponent('正当防卫')}`);
await measure('search two words "罚金 没收"', `/api/maps?view=all&limit=50&q=${encodeURIComponent('罚金 没收')}`);
await measure('search with no match', `/api/maps?view=all&limit=50&q=${encodeURIComponent('量子纠缠态')}`);

// Where the time goes, in process: the stale-text check, then the query itself.
{
  const user = await app.db.selectFrom('users').select('id').executeTakeFirstOrThrow();
  const parts = { catchUp: [] as number[], query: [] as number[] };
  for (let r = 0; r < RUNS; r++) {
    let t = performance.now();
    await app.contentIndex.catchUp(user.id);
    parts.catchUp.push(performance.now() - t);
    t = performance.now();
    await listMaps(app.db, user.id, { view: 'all', q: '正当防卫', dialect: app.dialect, limit: 50, offset: 0 });
    parts.query.push(performance.now() - t);
  }
  const med = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]?.toFixed(1);
  console.log(`  of which: stale-text check ${med(parts.catchUp)} ms, query ${med(parts.query)} ms (medians)`);
  const size = await app.db
    .selectFrom('map_text')
    .select((eb) => eb.fn.sum<number>(eb.fn('length', ['text'])).as('chars'))
    .executeTakeFirstOrThrow();
  console.log(`  text searched: ${(Number(size.chars) / 1e6).toFixed(1)} M characters in ${MAPS} maps`);
}

// 20 maps edited just now: the search takes their new text first.
const edited: number[] = [];
for (let round = 0; round < 5; round++) {
  for (let i = 0; i < 20; i++) {
    const m = ids[round * 20 + i] as { id: string; rootId: string };
    const v = (await call('GET', `/api/maps/${m.id}`, undefined, cookie)).json as { map: { version: number } };
    const ops = [{ type: 'topic.create', parentId: m.rootId, topic: { id: `fresh${round}`, text: `新词${round}号` } }];
    const res = await call('POST', `/api/maps/${m.id}/ops`, { baseVersion: v.map.version, ops }, cookie);
    if (res.status !== 200) throw new Error(`edit failed: ${res.status}`);
  }
  const got = await timed(`/api/maps?view=all&limit=50&q=${encodeURIComponent(`新词${round}号`)}`);
  if (got.total !== 20) throw new Error(`expected 20 fresh matches, got ${got.total}`);
  edited.push(got.ms);
}
edited.sort((a, b) => a - b);
console.log(
  `search right after 20 maps were edited (their text re-read first): median ${edited[2]?.toFixed(1)} ms, max ${edited[4]?.toFixed(1)} ms`,
);
console.log(`load average ${loadavg()[0]?.toFixed(1)}`);
await app.close();
rmSync(dir, { recursive: true, force: true });
