// The saving layer's figures (packages/web/src/sync):
// 1. the cost of push() per keystroke, with the memory store and with IndexedDB (fake-indexeddb,
//    an in-memory implementation: a browser's disk-backed one is slower, but off the main thread);
// 2. typing against a real server (SQLite in a temp dir, real HTTP): batches sent, the time from a
//    keystroke to its acknowledgement, and from the last keystroke to "saved";
// 3. two clients: the time from a push in one to onRemote in the other.
// Prints figures; never fails on time.

import { loadavg } from 'node:os';
import type { Op } from '@arbor/core';
import { IDBFactory } from 'fake-indexeddb';
import { sqliteTestDatabase, startTestApp } from '../../server/src/http/testing.ts';
import { IndexedDbPendingStore, MemoryPendingStore, type PendingStore } from '../src/sync/pending-store.ts';
import { SyncClient, type SyncOptions } from '../src/sync/sync-client.ts';

const RUNS = 3;
const quiet: Pick<SyncOptions, 'onRemote' | 'onReset' | 'onRejected' | 'onStatus'> = {
  onRemote: () => {},
  onReset: () => {},
  onRejected: () => {},
  onStatus: () => {},
};

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
}
const fmt = (n: number, digits = 1) => n.toFixed(digits);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const setText = (id: string, text: string): Op => ({ type: 'topic.update', id, patch: { text } }) as Op;

console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}; ${RUNS} runs each`,
);

// ---- 1. push() -------------------------------------------------------------------------------
// Each push timed alone, one push per turn of the event loop (as keystrokes come), default batch
// settings, nothing sent (no live stream, and an API address that refuses connections: the
// retries run in the background, as when offline).
async function pushCost(name: string, makeStore: () => PendingStore): Promise<void> {
  const p50: number[] = [];
  const p99: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const store = makeStore();
    const c = new SyncClient({ mapId: 'bench', baseVersion: 0, store, live: false, apiBase: 'http://127.0.0.1:9', ...quiet });
    c.start();
    const n = 2000;
    const times: number[] = [];
    let text = '';
    for (let i = 0; i < n; i++) {
      text += '字';
      const op = setText('typing', text.slice(-40));
      const t0 = performance.now();
      c.push([op]);
      times.push((performance.now() - t0) * 1000);
      await new Promise((r) => setImmediate(r));
    }
    c.stop();
    p50.push(pct(times, 50));
    p99.push(pct(times, 99));
  }
  console.log(
    `push() of one keystroke, ${name}: p50 ${p50.map((x) => fmt(x, 1)).join(' / ')} µs, p99 ${p99.map((x) => fmt(x, 1)).join(' / ')} µs (per run)`,
  );
}
await pushCost('memory store', () => new MemoryPendingStore());
await pushCost('IndexedDB store (fake-indexeddb)', () => new IndexedDbPendingStore(new IDBFactory()));

// ---- 2 and 3: a real server --------------------------------------------------------------------
const t = await startTestApp(sqliteTestDatabase());
await t.app.listen({ port: 0, host: '127.0.0.1' });
const a = t.app.server.address();
const origin = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
let cookie = '';
async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${origin}${path}`, {
    method,
    headers: { origin, cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const set = res.headers.get('set-cookie');
  if (set?.startsWith('arbor_session=')) cookie = set.split(';')[0] ?? '';
  // biome-ignore lint/suspicious/noExplicitAny: a loose answer
  return (await res.json()) as any;
}
const browserFetch: typeof fetch = (input, init) =>
  fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie, origin } });
await api('POST', '/api/auth/signup', { email: 'sync-bench@example.org', password: 'long enough pw', name: 'Bench' });

async function newMap() {
  const id = (await api('POST', '/api/maps', { title: 'bench' })).map.id as string;
  const got = await api('GET', `/api/maps/${id}`);
  const rootId = got.doc.rootId as string;
  const seeded = await api('POST', `/api/maps/${id}/ops`, {
    baseVersion: 0,
    ops: [{ type: 'topic.create', parentId: rootId, topic: { id: 'typing', text: '' } }],
  });
  if (typeof seeded.version !== 'number') throw new Error(`seeding failed: ${JSON.stringify(seeded)}`);
  return { id, version: seeded.version as number };
}

const KEYS = 200;
const KEY_MS = 30; // a fast typist: 33 characters a second
for (let run = 0; run < RUNS; run++) {
  const m = await newMap();
  let posts = 0;
  const countingFetch: typeof fetch = (input, init) => {
    if (String(input).endsWith('/ops')) posts++;
    return browserFetch(input, init);
  };
  const pushedAt: number[] = [];
  const ackLatency: number[] = [];
  let savedAt = 0;
  const c = new SyncClient({
    mapId: m.id,
    baseVersion: m.version,
    apiBase: origin,
    store: new MemoryPendingStore(),
    fetch: countingFetch,
    live: false,
    ...quiet,
    onStatus: (status, d) => {
      if (status === 'saved' && d.pending === 0 && pushedAt.length === KEYS) savedAt = performance.now();
    },
  });
  c.start();
  let text = '';
  for (let i = 0; i < KEYS; i++) {
    text += i % 2 ? '图' : '导';
    pushedAt.push(performance.now());
    c.push([setText('typing', text)]);
    await sleep(KEY_MS);
  }
  const last = performance.now();
  await c.flush();
  c.stop();
  // Keystroke → committed, from the commit time the server records for each batch (same clock).
  const ops = await api('GET', `/api/maps/${m.id}/versions?limit=500`);
  const batches = (ops.items as { version: number; opCount: number; createdAt: number }[])
    .filter((x) => x.version > m.version)
    .sort((x, y) => x.version - y.version);
  let k = 0;
  const epochOffset = Date.now() - performance.now();
  for (const b of batches) {
    for (let j = 0; j < b.opCount && k < pushedAt.length; j++, k++) ackLatency.push(b.createdAt - (pushedAt[k] as number) - epochOffset);
  }
  const saved = (await api('GET', `/api/maps/${m.id}`)).doc.topics.typing.text === text;
  console.log(
    `typing ${KEYS} characters at ${KEY_MS} ms: ${posts} POSTs in ${batches.length} versions, ` +
      `${fmt(KEYS / Math.max(1, batches.length))} keystrokes per batch; keystroke → committed p50 ${fmt(pct(ackLatency, 50), 0)} ms, ` +
      `p95 ${fmt(pct(ackLatency, 95), 0)} ms; last keystroke → "saved" ${fmt((savedAt || performance.now()) - last, 0)} ms; all saved: ${saved}`,
  );
}

for (let run = 0; run < RUNS; run++) {
  const m = await newMap();
  const sentAt = new Map<string, number>();
  const lag: number[] = [];
  const common = { mapId: m.id, baseVersion: m.version, apiBase: origin, fetch: browserFetch, ...quiet };
  const reader = new SyncClient({
    ...common,
    store: new MemoryPendingStore(),
    onRemote: (ch) => {
      const op = ch.ops[ch.ops.length - 1] as { patch?: { text?: string } };
      const at = sentAt.get(op.patch?.text ?? '');
      if (at !== undefined) lag.push(performance.now() - at);
    },
  });
  const writer = new SyncClient({ ...common, store: new MemoryPendingStore(), debounceMs: 0 });
  reader.start();
  writer.start();
  await sleep(200);
  for (let i = 0; i < 100; i++) {
    const text = `v${i}`;
    sentAt.set(text, performance.now());
    writer.push([setText('typing', text)]);
    await sleep(50);
  }
  await writer.flush();
  await sleep(300);
  reader.stop();
  writer.stop();
  console.log(
    `two clients, 100 edits 50 ms apart: push → onRemote in the other p50 ${fmt(pct(lag, 50), 0)} ms, p95 ${fmt(pct(lag, 95), 0)} ms (${lag.length} received)`,
  );
}
await t.close();
