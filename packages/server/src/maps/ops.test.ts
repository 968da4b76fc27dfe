import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../app.ts';
import { startTestApp, type TestApp, TestClient, type TestDatabase, testDatabases } from '../http/testing.ts';

async function newMap(c: TestClient, title = 'Plan') {
  const res = await c.post('/api/maps', { title });
  assert.equal(res.statusCode, 201, res.body);
  const id = res.json().map.id as string;
  const map = (await c.get(`/api/maps/${id}`)).json();
  return { id, rootId: map.doc.rootId as string, version: map.map.version as number };
}

const create = (id: string, parentId: string, text: string) => ({ type: 'topic.create', parentId, topic: { id, text } });
const setText = (id: string, text: string) => ({ type: 'topic.update', id, patch: { text } });

for (const { name, make, skip } of await testDatabases()) {
  describe(`saving and history (${name})`, { skip }, () => {
    let t: TestApp;
    let c: TestClient;
    let tdb: TestDatabase;
    before(async () => {
      tdb = make();
      t = await startTestApp(tdb, { snapshotEvery: 5 });
      c = new TestClient(t.app);
      await c.signup('Owner');
    });
    after(async () => t?.close());

    test('ops are applied, versioned and read back', async () => {
      const m = await newMap(c);
      assert.equal(m.version, 0);
      const r1 = await c.post(`/api/maps/${m.id}/ops`, { baseVersion: 0, ops: [create('a', m.rootId, 'A'), create('b', m.rootId, 'B')] });
      assert.equal(r1.statusCode, 200, r1.body);
      assert.equal(r1.json().version, 1);
      const r2 = await c.post(`/api/maps/${m.id}/ops`, { baseVersion: 1, ops: [setText('a', 'A2')] });
      assert.equal(r2.json().version, 2);
      const got = (await c.get(`/api/maps/${m.id}`)).json();
      assert.equal(got.map.version, 2);
      assert.equal(got.doc.topics.a.text, 'A2');
      assert.equal(got.doc.topics.b.text, 'B');
    });

    test('a stale batch touching other records is rebased; one touching the same field gets 409', async () => {
      const m = await newMap(c);
      await c.post(`/api/maps/${m.id}/ops`, { baseVersion: 0, ops: [create('a', m.rootId, 'A'), create('b', m.rootId, 'B')] });
      assert.equal((await c.post(`/api/maps/${m.id}/ops`, { baseVersion: 1, ops: [setText('a', 'from one')] })).json().version, 2);
      const rebased = await c.post(`/api/maps/${m.id}/ops`, { baseVersion: 1, ops: [setText('b', 'from two')] });
      assert.equal(rebased.statusCode, 200, rebased.body);
      assert.deepEqual(rebased.json(), { version: 3, rebased: true });
      const clash = await c.post(`/api/maps/${m.id}/ops`, { baseVersion: 1, ops: [setText('a', 'lost?')] });
      assert.equal(clash.statusCode, 409);
      assert.equal(clash.json().error.code, 'conflict');
      assert.equal(clash.json().version, 3);
      const doc = (await c.get(`/api/maps/${m.id}`)).json().doc;
      assert.equal(doc.topics.a.text, 'from one');
      assert.equal(doc.topics.b.text, 'from two');
      // An edit of a topic deleted meanwhile is a conflict too, and changes nothing.
      await c.post(`/api/maps/${m.id}/ops`, { baseVersion: 3, ops: [{ type: 'topic.delete', ids: ['b'] }] });
      const gone = await c.post(`/api/maps/${m.id}/ops`, { baseVersion: 3, ops: [setText('b', 'ghost')] });
      assert.equal(gone.statusCode, 409);
      assert.equal((await c.get(`/api/maps/${m.id}`)).json().map.version, 4);
    });

    test('invalid ops get 400 and change nothing', async () => {
      const m = await newMap(c);
      const cases: unknown[] = [
        { baseVersion: 0, ops: [setText('nope', 'x')] },
        { baseVersion: 0, ops: [{ type: 'topic.explode' }] },
        { baseVersion: 0, ops: [] },
        { baseVersion: -1, ops: [setText(m.rootId, 'x')] },
        { baseVersion: '0', ops: [setText(m.rootId, 'x')] },
        { baseVersion: 0 },
        { baseVersion: 7, ops: [setText(m.rootId, 'x')] },
        { baseVersion: 0, ops: [create('x', m.rootId, 'X'), { type: 'topic.move', ids: [m.rootId], parentId: 'x' }] },
      ];
      for (const body of cases) {
        const res = await c.post(`/api/maps/${m.id}/ops`, body);
        assert.equal(res.statusCode, 400, `${JSON.stringify(body)} → ${res.body}`);
        assert.ok(res.json().error.code);
      }
      const got = (await c.get(`/api/maps/${m.id}`)).json();
      assert.equal(got.map.version, 0);
      assert.deepEqual(Object.keys(got.doc.topics), [m.rootId]);
    });

    test('history lists versions, shows one and restores one as a new version', async () => {
      const m = await newMap(c);
      let v = 0;
      for (let i = 1; i <= 12; i++) {
        const ops = i === 1 ? [create('a', m.rootId, 'v1')] : [setText('a', `v${i}`)];
        v = (await c.post(`/api/maps/${m.id}/ops`, { baseVersion: v, ops })).json().version;
      }
      assert.equal(v, 12);
      await t.app.maps.drain();
      const snaps = await t.app.db.selectFrom('map_snapshots').select('version').where('map_id', '=', m.id).execute();
      assert.ok(snaps.length >= 3, `snapshots compacted from the log (${snaps.map((s) => s.version)})`);
      const list = (await c.get(`/api/maps/${m.id}/versions`)).json();
      assert.deepEqual(
        list.items.map((x: { version: number }) => x.version),
        [12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
      );
      const v7 = (await c.get(`/api/maps/${m.id}/versions/7`)).json();
      assert.equal(v7.doc.topics.a.text, 'v7');
      assert.equal((await c.get(`/api/maps/${m.id}/versions/99`)).statusCode, 404);
      const restored = await c.post(`/api/maps/${m.id}/versions/7/restore`);
      assert.equal(restored.statusCode, 200, restored.body);
      assert.equal(restored.json().version, 13);
      const now = (await c.get(`/api/maps/${m.id}`)).json();
      assert.equal(now.doc.topics.a.text, 'v7');
      assert.equal(now.map.version, 13);
      // Editing goes on from the restored version; a batch based before the restore conflicts.
      assert.equal((await c.post(`/api/maps/${m.id}/ops`, { baseVersion: 12, ops: [setText(m.rootId, 'x')] })).statusCode, 409);
      assert.equal((await c.post(`/api/maps/${m.id}/ops`, { baseVersion: 13, ops: [setText('a', 'after')] })).json().version, 14);
      // A cold load (no cache) replays snapshot + log to the same document.
      t.app.maps.evict(m.id);
      assert.equal((await c.get(`/api/maps/${m.id}`)).json().doc.topics.a.text, 'after');
      assert.equal((await c.get(`/api/maps/${m.id}/versions/12`)).json().doc.topics.a.text, 'v12');
    });

    test('a resent batch (same batchId) answers its version and is not applied twice', async () => {
      const m = await newMap(c);
      const body = { baseVersion: 0, batchId: 'tab1-0001', ops: [create('once', m.rootId, 'once')] };
      const first = await c.post(`/api/maps/${m.id}/ops`, body);
      assert.deepEqual(first.json(), { version: 1, rebased: false });
      await c.post(`/api/maps/${m.id}/ops`, { baseVersion: 1, ops: [setText('once', 'edited')] });
      const again = await c.post(`/api/maps/${m.id}/ops`, body);
      assert.equal(again.statusCode, 200);
      assert.deepEqual(again.json(), { version: 1, rebased: false, duplicate: true });
      const got = (await c.get(`/api/maps/${m.id}`)).json();
      assert.equal(got.map.version, 2);
      assert.equal(got.doc.topics.once.text, 'edited');
      // The same batch id on another map is a different batch.
      const other = await newMap(c);
      const elsewhere = await c.post(`/api/maps/${other.id}/ops`, { ...body, ops: [create('once', other.rootId, 'once')] });
      assert.deepEqual(elsewhere.json(), { version: 1, rebased: false });
    });

    test('concurrent batches on one map are serialized', async () => {
      const m = await newMap(c);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          c.post(`/api/maps/${m.id}/ops`, { baseVersion: 0, ops: [create(`n${i}`, m.rootId, `N${i}`)] }),
        ),
      );
      assert.ok(results.every((r) => r.statusCode === 200));
      assert.deepEqual(
        results.map((r) => r.json().version).sort((a, b) => a - b),
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
      const doc = (await c.get(`/api/maps/${m.id}`)).json().doc;
      assert.equal(Object.keys(doc.topics).length, 21);
    });

    test('two server instances on one database sequence writes to the same map', async () => {
      const second = await buildApp(tdb.config({ snapshotEvery: 5 }));
      try {
        const c2 = new TestClient(second);
        c2.cookie = c.cookie;
        const m = await newMap(c);
        await c2.get(`/api/maps/${m.id}`); // both instances have the map cached at version 0
        const results = await Promise.all(
          Array.from({ length: 16 }, (_, i) =>
            (i % 2 ? c : c2).post(`/api/maps/${m.id}/ops`, { baseVersion: 0, ops: [create(`p${i}`, m.rootId, `P${i}`)] }),
          ),
        );
        assert.deepEqual(
          results.map((r) => r.statusCode),
          results.map(() => 200),
          results.map((r) => r.body).join('\n'),
        );
        assert.deepEqual(
          results.map((r) => r.json().version).sort((a, b) => a - b),
          Array.from({ length: 16 }, (_, i) => i + 1),
        );
        for (const client of [c, c2]) {
          const doc = (await client.get(`/api/maps/${m.id}`)).json();
          assert.equal(doc.map.version, 16);
          assert.equal(Object.keys(doc.doc.topics).length, 17);
        }
      } finally {
        await second.close();
      }
    });
  });
}
