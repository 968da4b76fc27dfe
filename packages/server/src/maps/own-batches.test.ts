// A tab's own batches: a tab that types on while its previous batch is being saved bases the next
// batch on the last version it has seen in full, which may be older than its own previous batch.
// Those batches of its own are not conflicts; other tabs' batches still are. Events replayed with
// ?since= say which tab sent each batch.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp, TestClient, type TestDatabase, testDatabases } from '../http/testing.ts';

const setText = (id: string, text: string) => ({ type: 'topic.update', id, patch: { text } });

/** Reads an SSE stream until `count` `ops` events arrived (or 10 s passed). */
async function readOpsEvents(url: string, headers: Record<string, string>, count: number) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 10_000);
  const res = await fetch(url, { headers, signal: controller.signal });
  assert.equal(res.status, 200);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  const events: { version: number; clientId?: string }[] = [];
  try {
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      let i: number;
      while ((i = text.indexOf('\n\n')) >= 0) {
        const block = text.slice(0, i);
        text = text.slice(i + 2);
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (/^event: ops$/m.test(block) && data) events.push(JSON.parse(data));
      }
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

for (const { name, make, skip } of await testDatabases()) {
  describe(`a tab's own batches (${name})`, { skip }, () => {
    let t: TestApp;
    let c: TestClient;
    let tdb: TestDatabase;
    before(async () => {
      tdb = make();
      t = await startTestApp(tdb);
      c = new TestClient(t.app);
      await c.signup('Typist');
    });
    after(async () => t?.close());

    test('a batch based before its own tab’s previous batch is not a conflict; another tab’s is', async () => {
      const created = (await c.post('/api/maps', { title: 'typing' })).json();
      const id = created.map.id as string;
      const rootId = (await c.get(`/api/maps/${id}`)).json().doc.rootId as string;
      const ops = (body: Record<string, unknown>) => c.post(`/api/maps/${id}/ops`, body);
      const v1 = await ops({
        baseVersion: 0,
        clientId: 'tab-a',
        ops: [
          { type: 'topic.create', parentId: rootId, topic: { id: 'a', text: '' } },
          { type: 'topic.create', parentId: rootId, topic: { id: 'b', text: 'B' } },
        ],
      });
      assert.equal(v1.json().version, 1);
      // Another tab changes topic b (version 2); tab A has not seen it yet and types into a.
      assert.equal((await ops({ baseVersion: 1, clientId: 'tab-b', ops: [setText('b', 'B2')] })).json().version, 2);
      const typed1 = await ops({ baseVersion: 1, clientId: 'tab-a', ops: [setText('a', '你')] });
      assert.deepEqual(typed1.json(), { version: 3, rebased: true });
      // Still without version 2, tab A goes on typing into the same field it changed at version 3.
      const typed2 = await ops({ baseVersion: 1, clientId: 'tab-a', batchId: 'a-2', ops: [setText('a', '你好')] });
      assert.equal(typed2.statusCode, 200, typed2.body);
      assert.deepEqual(typed2.json(), { version: 4, rebased: true });
      // Tab B, based on version 2, has not seen tab A's text: that is a conflict.
      const clash = await ops({ baseVersion: 2, clientId: 'tab-b', ops: [setText('a', 'mine')] });
      assert.equal(clash.statusCode, 409);
      assert.equal(clash.json().error.code, 'conflict');
      // So is a batch sent without a client id, and one from tab A touching what tab B changed.
      assert.equal((await ops({ baseVersion: 1, ops: [setText('a', 'anon')] })).statusCode, 409);
      assert.equal((await ops({ baseVersion: 1, clientId: 'tab-a', ops: [setText('b', 'A on b')] })).statusCode, 409);
      const doc = (await c.get(`/api/maps/${id}`)).json().doc;
      assert.equal(doc.topics.a.text, '你好');
      assert.equal(doc.topics.b.text, 'B2');
      // A batch that changes nothing makes no version, and says so: the version it answers is not its own.
      assert.deepEqual((await ops({ baseVersion: 4, clientId: 'tab-a', ops: [setText('a', '你好')] })).json(), {
        version: 4,
        rebased: false,
        unchanged: true,
      });
      // The resent batch is still recognised.
      const again = await ops({ baseVersion: 1, clientId: 'tab-a', batchId: 'a-2', ops: [setText('a', '你好')] });
      assert.deepEqual(again.json(), { version: 4, rebased: false, duplicate: true });

      // Replayed events carry the sending tab.
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const addr = t.app.server.address();
      const origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
      const events = await readOpsEvents(`${origin}/api/maps/${id}/events?since=0`, { cookie: c.cookie ?? '' }, 4);
      assert.deepEqual(
        events.map((e) => [e.version, e.clientId]),
        [
          [1, 'tab-a'],
          [2, 'tab-b'],
          [3, 'tab-a'],
          [4, 'tab-a'],
        ],
      );
    });

    test('with an evicted cache the op log answers the same', async () => {
      const id = (await c.post('/api/maps', { title: 'cold' })).json().map.id as string;
      const rootId = (await c.get(`/api/maps/${id}`)).json().doc.rootId as string;
      const ops = (body: Record<string, unknown>) => c.post(`/api/maps/${id}/ops`, body);
      await ops({ baseVersion: 0, clientId: 'tab-a', ops: [{ type: 'topic.create', parentId: rootId, topic: { id: 'a', text: 'A' } }] });
      await ops({ baseVersion: 1, clientId: 'tab-b', ops: [{ type: 'topic.create', parentId: rootId, topic: { id: 'b', text: 'B' } }] });
      await ops({ baseVersion: 1, clientId: 'tab-a', ops: [setText('a', 'A1')] });
      t.app.maps.evict(id);
      const typed = await ops({ baseVersion: 1, clientId: 'tab-a', ops: [setText('a', 'A12')] });
      assert.equal(typed.statusCode, 200, typed.body);
      assert.equal(typed.json().version, 4);
      t.app.maps.evict(id);
      assert.equal((await ops({ baseVersion: 2, clientId: 'tab-b', ops: [setText('a', 'B on a')] })).statusCode, 409);
    });
  });
}
