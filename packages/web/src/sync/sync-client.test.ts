// The saving layer against a real server (the server's test harness, SQLite), reached through a
// TCP proxy that can cut the network or swallow answers, and with the real fetch.

import assert from 'node:assert/strict';
import { createServer, type Server, Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Op } from '@arbor/core';
import { sqliteTestDatabase, startTestApp, type TestApp } from '../../../server/src/http/testing.ts';
import { MemoryPendingStore } from './pending-store.ts';
import { type RemoteChange, type SaveStatus, SyncClient, type SyncError, type SyncOptions } from './sync-client.ts';

/**
 * A TCP proxy in front of the server: `cut()` is a network outage, `swallow` loses every answer,
 * `unavailable` answers 503 itself (as a reverse proxy does while the server restarts).
 */
class NetworkProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;
  swallow = false;
  unavailable = false;

  constructor(private readonly target: number) {}

  async listen(): Promise<void> {
    const server = createServer((client) => {
      const upstream = new Socket();
      this.sockets.add(client).add(upstream);
      const close = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
      upstream.connect(this.target, '127.0.0.1');
      client.on('data', (d) => {
        if (!this.unavailable) {
          upstream.write(d);
          return;
        }
        const body = JSON.stringify({ error: { code: 'unavailable', message: 'restarting' } });
        client.end(
          `HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nretry-after: 1\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
        );
      });
      upstream.on('data', (d) => {
        // The request reached the server (and was committed); its answer is lost on the way back.
        if (this.swallow) close();
        else client.write(d);
      });
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(this.port, '127.0.0.1', () => resolve()));
    const a = server.address();
    this.port = typeof a === 'object' && a ? a.port : 0;
    this.server = server;
  }

  /** The network goes away: open connections drop, new ones are refused. */
  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    const s = this.server;
    this.server = undefined;
    if (s) await new Promise<void>((r) => s.close(() => r()));
  }
}

// biome-ignore lint/suspicious/noExplicitAny: answers are read loosely in this test
type Json = any;

let t: TestApp;
let proxy: NetworkProxy;
/** The server itself (the test's own requests) and the proxy (the client's, as a browser's). */
let origin: string;
let proxyOrigin: string;
let cookie = '';
const password = 'long enough pw';
const email = `sync-${Date.now()}@example.org`;

/** The real fetch, with the session cookie and a same-origin Origin, as a browser sends them. */
function browserFetch(extra?: { onRequest?: (url: string, init?: RequestInit) => void; gateEvents?: Gate }): typeof fetch {
  return async (input, init) => {
    const url = String(input);
    extra?.onRequest?.(url, init);
    const res = await fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie, origin: proxyOrigin } });
    if (!extra?.gateEvents || !url.includes('/events') || !res.body) return res;
    return new Response(res.body.pipeThrough(extra.gateEvents.stream()), { status: res.status, headers: res.headers });
  };
}

/** Holds back the live events a client receives while closed. */
class Gate {
  private open = true;
  private waiting: (() => void)[] = [];
  close() {
    this.open = false;
  }
  release() {
    this.open = true;
    for (const w of this.waiting.splice(0)) w();
  }
  stream(): TransformStream<Uint8Array, Uint8Array> {
    return new TransformStream({
      transform: async (chunk, controller) => {
        if (!this.open) await new Promise<void>((r) => this.waiting.push(r));
        controller.enqueue(chunk);
      },
    });
  }
}

async function api(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${origin}${path}`, {
    method,
    headers: { origin, cookie, ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const set = res.headers.get('set-cookie');
  if (set?.startsWith('arbor_session=')) cookie = set.split(';')[0] ?? '';
  return { status: res.status, body: await res.json() };
}

async function newMap(): Promise<{ id: string; rootId: string; version: number }> {
  const id = (await api('POST', '/api/maps', { title: '同步' })).body.map.id as string;
  const got = (await api('GET', `/api/maps/${id}`)).body;
  return { id, rootId: got.doc.rootId, version: got.map.version };
}

const doc = async (id: string) => (await api('GET', `/api/maps/${id}`)).body;

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const create = (id: string, parentId: string, text: string): Op => ({ type: 'topic.create', parentId, topic: { id, text } }) as Op;
const setText = (id: string, text: string): Op => ({ type: 'topic.update', id, patch: { text } }) as Op;

interface Recorder {
  remote: RemoteChange[];
  rejected: { ops: Op[]; tag: unknown; error: SyncError }[];
  statuses: { status: SaveStatus; message?: string; pending: number }[];
  resets: number;
  opts: Pick<SyncOptions, 'onRemote' | 'onReset' | 'onRejected' | 'onStatus'>;
  last(): SaveStatus | undefined;
}

function recorder(): Recorder {
  const r: Recorder = {
    remote: [],
    rejected: [],
    statuses: [],
    resets: 0,
    opts: {
      onRemote: (c) => r.remote.push(c),
      onReset: () => r.resets++,
      onRejected: (b, error) => r.rejected.push({ ...b, error }),
      onStatus: (status, d) => r.statuses.push({ status, pending: d.pending, ...(d.message ? { message: d.message } : {}) }),
    },
    last: () => r.statuses.at(-1)?.status,
  };
  return r;
}

const clients: SyncClient[] = [];
function client(opts: Partial<SyncOptions> & Pick<SyncOptions, 'mapId' | 'baseVersion'>, rec: Recorder): SyncClient {
  const c = new SyncClient({
    apiBase: `http://127.0.0.1:${proxy.port}`,
    store: new MemoryPendingStore(),
    fetch: browserFetch(),
    ...rec.opts,
    ...opts,
  });
  clients.push(c);
  c.start();
  return c;
}

describe('SyncClient against a real server', () => {
  before(async () => {
    t = await startTestApp(sqliteTestDatabase());
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const a = t.app.server.address();
    const serverPort = typeof a === 'object' && a ? a.port : 0;
    proxy = new NetworkProxy(serverPort);
    await proxy.listen();
    origin = `http://127.0.0.1:${serverPort}`;
    proxyOrigin = `http://127.0.0.1:${proxy.port}`;
    const signup = await api('POST', '/api/auth/signup', { email, password, name: 'Sync' });
    assert.equal(signup.status, 201);
  });
  after(async () => {
    for (const c of clients) c.stop();
    await proxy?.cut();
    await t?.close();
  });

  test('pushes in quick succession go as one batch; the ack advances the version', async () => {
    const m = await newMap();
    const posts: Json[] = [];
    const rec = recorder();
    const store = new MemoryPendingStore();
    const fetchFn = browserFetch({ onRequest: (url, init) => url.endsWith('/ops') && posts.push(JSON.parse(String(init?.body))) });
    const c = client({ mapId: m.id, baseVersion: m.version, store, fetch: fetchFn }, rec);
    c.push([create('a', m.rootId, '甲')], 'step 1');
    c.push([setText('a', '甲乙')], 'step 2');
    c.push([create('b', m.rootId, '丙')], 'step 3');
    assert.equal(c.pending, 1);
    await new Promise((r) => setTimeout(r, 0));
    assert.equal((await store.list(m.id)).length, 1, 'the open batch is stored before anything is sent');
    await c.flush();
    assert.equal(posts.length, 1);
    assert.equal(posts[0].ops.length, 3);
    assert.equal(posts[0].baseVersion, 0);
    assert.equal(posts[0].clientId, c.clientId);
    assert.ok(posts[0].batchId);
    assert.equal(c.version, 1);
    assert.equal(c.pending, 0);
    await waitFor('the store to empty', async () => (await store.list(m.id)).length === 0);
    const got = await doc(m.id);
    assert.equal(got.map.version, 1);
    assert.equal(got.doc.topics.a.text, '甲乙');
    assert.deepEqual(
      rec.statuses.map((s) => s.status).filter((s, i, all) => s !== all[i - 1]),
      ['saved', 'saving', 'saved'],
    );
    // Its own echo never comes back as a remote change.
    await new Promise((r) => setTimeout(r, 150));
    assert.deepEqual(rec.remote, []);
  });

  test('an answer lost on the way back: the batch is sent again and saved once', async () => {
    const m = await newMap();
    const rec = recorder();
    const store = new MemoryPendingStore();
    const c = client({ mapId: m.id, baseVersion: m.version, store, live: false, debounceMs: 10 }, rec);
    proxy.swallow = true;
    c.push([create('once', m.rootId, '一次')]);
    await waitFor('the first answer to be lost', () => rec.last() === 'offline');
    assert.equal((await doc(m.id)).map.version, 1, 'the server committed the batch');
    assert.equal((await store.list(m.id)).length, 1, 'the client still keeps it');
    proxy.swallow = false;
    await c.flush();
    const got = await doc(m.id);
    assert.equal(got.map.version, 1, 'applied once');
    assert.equal(got.doc.topics.once.text, '一次');
    assert.equal(c.version, 1);
    assert.equal(rec.last(), 'saved');
    await waitFor('the store to empty', async () => (await store.list(m.id)).length === 0);
  });

  test('offline: edits wait, retries back off, and everything is saved when the network is back', async () => {
    const m = await newMap();
    const rec = recorder();
    const store = new MemoryPendingStore();
    const c = client({ mapId: m.id, baseVersion: m.version, store, debounceMs: 10 }, rec);
    await waitFor('the live stream', () => rec.statuses.length > 0);
    await proxy.cut();
    c.push([create('o1', m.rootId, '离线一')]);
    await waitFor('status offline', () => rec.last() === 'offline');
    c.push([setText('o1', '离线一改')]);
    c.push([create('o2', m.rootId, '离线二')]);
    await new Promise((r) => setTimeout(r, 700));
    assert.equal((await doc(m.id)).map.version, 0);
    assert.ok((await store.list(m.id)).length >= 1);
    assert.equal(rec.statuses.at(-1)?.message?.includes('离线'), true);
    await proxy.listen();
    await waitFor('saved', () => rec.last() === 'saved' && c.pending === 0, 20_000);
    const got = await doc(m.id);
    assert.equal(got.doc.topics.o1.text, '离线一改');
    assert.equal(got.doc.topics.o2.text, '离线二');
    assert.equal(c.version, got.map.version);
    assert.deepEqual(await store.list(m.id), []);
  });

  test('a 503 from the way in: status error with the retry time, then saved', async () => {
    const m = await newMap();
    const rec = recorder();
    const details: { retryInMs?: number }[] = [];
    const c = client(
      {
        mapId: m.id,
        baseVersion: m.version,
        debounceMs: 10,
        live: false,
        onStatus: (status, d) => {
          rec.opts.onStatus(status, d);
          details.push(d);
        },
      },
      rec,
    );
    proxy.unavailable = true;
    c.push([create('s', m.rootId, '稍后')]);
    await waitFor('status error', () => rec.last() === 'error');
    assert.match(rec.statuses.at(-1)?.message ?? '', /服务器出错/);
    const retry = details.at(-1)?.retryInMs ?? -1;
    assert.ok(retry > 0 && retry <= 1000, `retry in ${retry} ms, as Retry-After says`);
    proxy.unavailable = false;
    await waitFor('saved', () => rec.last() === 'saved' && c.pending === 0);
    assert.equal((await doc(m.id)).doc.topics.s.text, '稍后');
  });

  test('two clients see each other’s changes, in order, and never their own echo', async () => {
    const m = await newMap();
    const ra = recorder();
    const rb = recorder();
    const a = client({ mapId: m.id, baseVersion: m.version, debounceMs: 10 }, ra);
    const b = client({ mapId: m.id, baseVersion: m.version, debounceMs: 10 }, rb);
    await waitFor('both streams', () => ra.statuses.length > 0 && rb.statuses.length > 0);
    await new Promise((r) => setTimeout(r, 100));
    a.push([create('x', m.rootId, 'A 写的')]);
    await a.flush();
    await waitFor('B to get A’s change', () => rb.remote.length === 1);
    assert.deepEqual(rb.remote[0], { version: 1, ops: [create('x', m.rootId, 'A 写的')], actor: rb.remote[0]?.actor });
    b.push([setText('x', 'B 改的')]);
    await b.flush();
    await waitFor('A to get B’s change', () => ra.remote.length === 1);
    assert.equal(ra.remote[0]?.version, 2);
    assert.equal(a.version, 2);
    await waitFor('B at version 2', () => b.version === 2);
    for (let i = 0; i < 5; i++) {
      a.push([create(`a${i}`, m.rootId, `A${i}`)]);
      b.push([create(`b${i}`, m.rootId, `B${i}`)]);
      await new Promise((r) => setTimeout(r, 15));
    }
    await Promise.all([a.flush(), b.flush()]);
    const final = (await doc(m.id)).map.version;
    await waitFor('both at the final version', () => a.version === final && b.version === final);
    const versions = [...ra.remote, ...rb.remote].map((r) => r.version).sort((x, y) => x - y);
    assert.equal(new Set(versions).size, versions.length, 'each version handed out once');
    assert.deepEqual(
      ra.remote.map((r) => r.version),
      [...ra.remote.map((r) => r.version)].sort((x, y) => x - y),
    );
    assert.ok(
      ra.remote.every((r) => !r.ops.some((op) => op.type === 'topic.create' && op.topic.id.startsWith('a'))),
      'no own echo in A',
    );
    assert.ok(
      rb.remote.every((r) => !r.ops.some((op) => op.type === 'topic.create' && op.topic.id.startsWith('b'))),
      'no own echo in B',
    );
  });

  test('an ack that arrives before an earlier event: nothing is lost, and typing on is no conflict', async () => {
    const m = await newMap();
    const seed = await api('POST', `/api/maps/${m.id}/ops`, {
      baseVersion: 0,
      ops: [create('t', m.rootId, ''), create('u', m.rootId, 'U')],
    });
    assert.equal(seed.body.version, 1);
    const gate = new Gate();
    const rec = recorder();
    const c = client({ mapId: m.id, baseVersion: 1, debounceMs: 10, fetch: browserFetch({ gateEvents: gate }) }, rec);
    await waitFor('the live stream', () => rec.statuses.length > 0);
    await new Promise((r) => setTimeout(r, 100));
    gate.close();
    // Someone else changes u (version 2); this client does not hear of it yet.
    assert.equal(
      (await api('POST', `/api/maps/${m.id}/ops`, { baseVersion: 1, clientId: 'other', ops: [setText('u', '别人')] })).body.version,
      2,
    );
    c.push([setText('t', '我')]);
    await c.flush();
    assert.equal(c.version, 1, 'version 3 is ours, but 2 is missing');
    // It types on, still without version 2: based on 1, after its own 3.
    c.push([setText('t', '我们')]);
    await c.flush();
    assert.deepEqual(rec.rejected, []);
    assert.equal(c.version, 1);
    gate.release();
    await waitFor('version 4', () => c.version === 4);
    assert.deepEqual(
      rec.remote.map((r) => [r.version, r.ops]),
      [[2, [setText('u', '别人')]]],
    );
    assert.equal((await doc(m.id)).doc.topics.t.text, '我们');
  });

  test('a conflict is handed back for rollback, newest push first, and saving goes on', async () => {
    const m = await newMap();
    await api('POST', `/api/maps/${m.id}/ops`, { baseVersion: 0, ops: [create('k', m.rootId, 'K')] });
    const gate = new Gate();
    const rec = recorder();
    const c = client({ mapId: m.id, baseVersion: 1, debounceMs: 30, fetch: browserFetch({ gateEvents: gate }) }, rec);
    await waitFor('the live stream', () => rec.statuses.length > 0);
    await new Promise((r) => setTimeout(r, 100));
    gate.close();
    await api('POST', `/api/maps/${m.id}/ops`, { baseVersion: 1, clientId: 'other', ops: [setText('k', '先到')] });
    c.push([setText('k', '后')], 'first');
    c.push([create('n', m.rootId, 'new')], 'second');
    await c.flush();
    assert.deepEqual(
      rec.rejected.map((r) => [r.tag, r.error.status, r.error.code, r.ops]),
      [
        ['second', 409, 'conflict', [create('n', m.rootId, 'new')]],
        ['first', 409, 'conflict', [setText('k', '后')]],
      ],
    );
    gate.release();
    await waitFor('the other change', () => c.version === 2);
    c.push([create('later', m.rootId, '之后')], 'third');
    await c.flush();
    const got = await doc(m.id);
    assert.equal(got.doc.topics.k.text, '先到');
    assert.equal(got.doc.topics.later.text, '之后');
    assert.equal(got.doc.topics.n, undefined);
    assert.equal(rec.rejected.length, 2);
    // An invalid op is refused the same way.
    c.push([setText('nowhere', 'x')], 'bad');
    await c.flush();
    assert.deepEqual(
      rec.rejected.slice(2).map((r) => [r.tag, r.error.status, r.error.code]),
      [['bad', 400, 'invalid-op']],
    );
    assert.equal(rec.last(), 'saved');
  });

  test('later batches that build on a refused one are handed back before it; independent ones are saved', async () => {
    const m = await newMap();
    await api('POST', `/api/maps/${m.id}/ops`, { baseVersion: 0, ops: [create('k', m.rootId, 'K')] });
    const gate = new Gate();
    const rec = recorder();
    const c = client({ mapId: m.id, baseVersion: 1, debounceMs: 5, maxBatchOps: 1, fetch: browserFetch({ gateEvents: gate }) }, rec);
    await waitFor('the live stream', () => rec.statuses.length > 0);
    await new Promise((r) => setTimeout(r, 100));
    gate.close();
    await api('POST', `/api/maps/${m.id}/ops`, { baseVersion: 1, clientId: 'other', ops: [setText('k', '先到')] });
    c.push([setText('k', '后'), create('n', m.rootId, 'N')], 'first');
    c.push([create('z', m.rootId, 'Z')], 'independent');
    c.push([create('n2', 'n', '子')], 'child of n');
    c.push([setText('n2', '子改')], 'edit of the child');
    await c.flush();
    assert.deepEqual(
      rec.rejected.map((r) => [r.tag, r.error.code]),
      [
        ['edit of the child', 'depends-on-refused'],
        ['child of n', 'depends-on-refused'],
        ['first', 'conflict'],
      ],
    );
    gate.release();
    const got = await doc(m.id);
    assert.equal(got.doc.topics.z.text, 'Z');
    assert.equal(got.doc.topics.n, undefined);
    assert.equal(got.doc.topics.k.text, '先到');
    assert.equal(rec.last(), 'saved');
  });

  test('a session that expired keeps the ops (status error) until the user signs in again', async () => {
    const m = await newMap();
    const rec = recorder();
    const store = new MemoryPendingStore();
    const c = client({ mapId: m.id, baseVersion: m.version, store, debounceMs: 10, live: false }, rec);
    const oldCookie = cookie;
    await api('POST', '/api/auth/logout', {});
    cookie = oldCookie; // the browser still sends the dead session
    c.push([create('kept', m.rootId, '保留')], 'kept');
    await waitFor('status error', () => rec.last() === 'error');
    assert.match(rec.statuses.at(-1)?.message ?? '', /重新登录/);
    assert.equal(c.pending, 1);
    assert.equal((await store.list(m.id)).length, 1);
    assert.deepEqual(rec.rejected, []);
    cookie = '';
    assert.equal((await api('POST', '/api/auth/login', { email, password })).status, 200);
    c.retryNow();
    await c.flush();
    assert.equal(rec.last(), 'saved');
    assert.equal((await doc(m.id)).doc.topics.kept.text, '保留');
    assert.deepEqual(await store.list(m.id), []);
  });

  test('after a "reload", recover() sends what the previous page left, once', async () => {
    const m = await newMap();
    const store = new MemoryPendingStore();
    const rec = recorder();
    const c = client({ mapId: m.id, baseVersion: m.version, store, debounceMs: 5_000, live: false }, rec);
    c.push([create('r1', m.rootId, '刷新前')]);
    c.push([setText('r1', '刷新前打字')]);
    // The page goes away mid-typing, before the batch was even sealed.
    await new Promise((r) => setTimeout(r, 10));
    clients.splice(clients.indexOf(c), 1);
    c.stop();
    assert.equal((await doc(m.id)).map.version, 0);
    const left = await store.list(m.id);
    assert.equal(left.length, 1);
    assert.equal(left[0]?.ops.length, 2);
    const apiBase = `http://127.0.0.1:${proxy.port}`;
    const saved = await SyncClient.recover(m.id, { apiBase, store, fetch: browserFetch(), liveClients: async () => new Set() });
    assert.equal(saved, 1);
    assert.deepEqual(await store.list(m.id), []);
    const got = await doc(m.id);
    assert.equal(got.map.version, 1);
    assert.equal(got.doc.topics.r1.text, '刷新前打字');
    // A batch of a client still running is left alone, and one already saved is not applied again.
    await store.put({ ...(left[0] as (typeof left)[0]) });
    assert.equal(
      await SyncClient.recover(m.id, { apiBase, store, fetch: browserFetch(), liveClients: async () => new Set([c.clientId]) }),
      0,
    );
    assert.equal((await store.list(m.id)).length, 1);
    assert.equal(await SyncClient.recover(m.id, { apiBase, store, fetch: browserFetch(), liveClients: async () => new Set() }), 1);
    assert.equal((await doc(m.id)).map.version, 1);
  });

  test('a view-only share link gets a read-only client that refuses pushes', async () => {
    const m = await newMap();
    const share = (await api('POST', `/api/maps/${m.id}/shares`, { role: 'view' })).body.share.token as string;
    const rec = recorder();
    const anonymous: typeof fetch = (input, init) => fetch(input, init);
    const c = client({ mapId: m.id, baseVersion: m.version, share: { token: share }, fetch: anonymous }, rec);
    await waitFor('readonly', () => rec.last() === 'readonly');
    c.push([create('no', m.rootId, '不行')], 'refused');
    await waitFor('the refusal', () => rec.rejected.length === 1);
    assert.equal(rec.rejected[0]?.tag, 'refused');
    assert.equal(rec.rejected[0]?.error.code, 'read-only');
    assert.equal((await doc(m.id)).map.version, 0);
  });

  test('a remote change the editor cannot apply (its document drifted) asks for a reload', async () => {
    const m = await newMap();
    const rec = recorder();
    const c = client(
      {
        mapId: m.id,
        baseVersion: m.version,
        onRemote: () => {
          throw new Error('topic missing');
        },
      },
      rec,
    );
    await waitFor('the live stream', () => rec.statuses.length > 0);
    await new Promise((r) => setTimeout(r, 100));
    await api('POST', `/api/maps/${m.id}/ops`, { baseVersion: 0, clientId: 'other', ops: [create('d', m.rootId, 'D')] });
    await waitFor('reset', () => rec.resets === 1);
    assert.equal(c.version, 1);
  });

  test('a restore tells the client to reload; what it is handed afterwards waits for the next page', async () => {
    const m = await newMap();
    await api('POST', `/api/maps/${m.id}/ops`, { baseVersion: 0, ops: [create('v', m.rootId, 'V')] });
    const rec = recorder();
    const store = new MemoryPendingStore();
    const c = client({ mapId: m.id, baseVersion: 1, store }, rec);
    await waitFor('the live stream', () => rec.statuses.length > 0);
    await new Promise((r) => setTimeout(r, 100));
    await api('POST', `/api/maps/${m.id}/versions/0/restore`, {});
    await waitFor('reset', () => rec.resets === 1);
    c.push([create('w', m.rootId, 'W')]);
    await waitFor('the ops to be stored', async () => (await store.list(m.id)).length === 1);
    assert.equal((await doc(m.id)).map.version, 2);
  });
});
