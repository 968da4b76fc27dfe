// Live edits: Server-Sent Events to other sessions, catch-up with ?since=, and fan-out between two
// server instances over Redis (with the second instance catching up from the shared database).

import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { buildApp } from '../app.ts';
import { type TestDatabase, testDatabases } from '../http/testing.ts';

// biome-ignore lint/suspicious/noExplicitAny: answers are read loosely in this test
type Json = any;

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisUnavailable(): Promise<string | false> {
  const r = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await r.connect();
    await r.ping();
    return false;
  } catch (err) {
    return `Redis at ${REDIS_URL} unreachable (${(err as Error).message}); skipping cross-process fan-out`;
  } finally {
    r.disconnect();
  }
}

interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** Opens an SSE stream and returns a reader that waits for events. */
async function openEvents(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const queue: SseEvent[] = [];
  const pump = async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let i: number;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) queue.push({ event, data: JSON.parse(data) });
      }
    }
  };
  const pumping = pump().catch(() => {});
  return {
    async next(predicate: (e: SseEvent) => boolean = () => true, timeoutMs = 10_000): Promise<SseEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const idx = queue.findIndex(predicate);
        if (idx >= 0) return queue.splice(idx, 1)[0] as SseEvent;
        if (Date.now() > deadline) throw new Error(`no matching event within ${timeoutMs} ms (have ${JSON.stringify(queue)})`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      controller.abort();
      await pumping;
    },
  };
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const a = app.server.address();
  return `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
}

async function json(origin: string, cookie: string, method: string, path: string, body?: unknown, extra: Record<string, string> = {}) {
  const res = await fetch(`${origin}${path}`, {
    method,
    headers: { origin, cookie, ...extra, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '', body: (await res.json()) as Json };
}

const redisSkip = await redisUnavailable();

for (const { name, make, skip } of await testDatabases()) {
  describe(`live events (${name})`, { skip }, () => {
    const apps: FastifyInstance[] = [];
    let tdb: TestDatabase;
    after(async () => {
      for (const a of apps) await a.close();
      await tdb?.cleanup();
    });

    test('other sessions receive edits; ?since= replays what was missed', async () => {
      tdb = make();
      const app = await buildApp(tdb.config());
      apps.push(app);
      const origin = await listen(app);
      const { cookie } = await json(origin, '', 'POST', '/api/auth/signup', {
        email: 'live@example.org',
        password: 'long enough pw',
        name: 'Live',
      });
      const mapId = (await json(origin, cookie, 'POST', '/api/maps', { title: 'live' })).body.map.id as string;
      const rootId = (await json(origin, cookie, 'GET', `/api/maps/${mapId}`)).body.doc.rootId as string;
      const share = (await json(origin, cookie, 'POST', `/api/maps/${mapId}/shares`, { role: 'edit' })).body.share.token as string;

      const guest = await openEvents(`${origin}/api/maps/${mapId}/events?share=${share}`, {});
      const hello = await guest.next((e) => e.event === 'hello');
      assert.deepEqual(hello.data, { version: 0, role: 'edit' });
      const saved = await json(origin, cookie, 'POST', `/api/maps/${mapId}/ops`, {
        baseVersion: 0,
        clientId: 'owner-tab',
        ops: [{ type: 'topic.create', parentId: rootId, topic: { id: 'x1', text: '实时' } }],
      });
      assert.equal(saved.status, 200);
      const ev = await guest.next((e) => e.event === 'ops');
      assert.equal(ev.data.version, 1);
      assert.equal(ev.data.clientId, 'owner-tab');
      assert.deepEqual((ev.data.ops as { topic: { id: string } }[])[0]?.topic.id, 'x1');

      // The guest edits through its link; the owner's stream sees it.
      const owner = await openEvents(`${origin}/api/maps/${mapId}/events`, { cookie });
      await owner.next((e) => e.event === 'hello');
      const byGuest = await json(
        origin,
        '',
        'POST',
        `/api/maps/${mapId}/ops`,
        { baseVersion: 1, ops: [{ type: 'topic.update', id: 'x1', patch: { text: '访客改' } }] },
        { 'x-share-token': share },
      );
      assert.equal(byGuest.status, 200);
      const seen = await owner.next((e) => e.event === 'ops' && e.data.version === 2);
      assert.match(String(seen.data.actor), /^share:/);
      await owner.close();

      // A client that was away catches up from its last version.
      const late = await openEvents(`${origin}/api/maps/${mapId}/events?since=0`, { cookie });
      assert.equal((await late.next((e) => e.event === 'ops')).data.version, 1);
      assert.equal((await late.next((e) => e.event === 'ops')).data.version, 2);
      await json(origin, cookie, 'POST', `/api/maps/${mapId}/versions/1/restore`);
      assert.equal((await late.next((e) => e.event === 'reset')).data.version, 3);
      await late.close();
      await guest.close();

      // Strangers get no stream.
      const stranger = await fetch(`${origin}/api/maps/${mapId}/events`);
      assert.equal(stranger.status, 401);
      await stranger.body?.cancel();
    });

    test('two server instances share edits through Redis and the database', { skip: redisSkip }, async () => {
      tdb ??= make();
      const a = await buildApp(tdb.config({ redisUrl: REDIS_URL }));
      const b = await buildApp(tdb.config({ redisUrl: REDIS_URL }));
      apps.push(a, b);
      const originA = await listen(a);
      const originB = await listen(b);
      const { cookie } = await json(originA, '', 'POST', '/api/auth/signup', {
        email: `two-${Date.now()}@example.org`,
        password: 'long enough pw',
        name: 'Two',
      });
      const mapId = (await json(originA, cookie, 'POST', '/api/maps', { title: 'two' })).body.map.id as string;
      const rootId = (await json(originB, cookie, 'GET', `/api/maps/${mapId}`)).body.doc.rootId as string;
      const onB = await openEvents(`${originB}/api/maps/${mapId}/events`, { cookie });
      await onB.next((e) => e.event === 'hello');
      const v1 = await json(originA, cookie, 'POST', `/api/maps/${mapId}/ops`, {
        baseVersion: 0,
        ops: [{ type: 'topic.create', parentId: rootId, topic: { id: 'a1', text: 'from A' } }],
      });
      assert.equal(v1.body.version, 1);
      const relayed = await onB.next((e) => e.event === 'ops');
      assert.equal(relayed.data.version, 1);
      // B had the map cached at version 0: it catches up from the database before sequencing.
      const v2 = await json(originB, cookie, 'POST', `/api/maps/${mapId}/ops`, {
        baseVersion: 1,
        ops: [{ type: 'topic.update', id: 'a1', patch: { text: 'then B' } }],
      });
      assert.equal(v2.status, 200, JSON.stringify(v2.body));
      assert.equal(v2.body.version, 2);
      // A stale batch sent to A, touching the same field, conflicts even though B made the change.
      const clash = await json(originA, cookie, 'POST', `/api/maps/${mapId}/ops`, {
        baseVersion: 1,
        ops: [{ type: 'topic.update', id: 'a1', patch: { text: 'A again' } }],
      });
      assert.equal(clash.status, 409);
      const docA = (await json(originA, cookie, 'GET', `/api/maps/${mapId}`)).body;
      assert.equal(docA.map.version, 2);
      assert.equal(docA.doc.topics.a1.text, 'then B');
      await onB.close();
    });
  });
}
