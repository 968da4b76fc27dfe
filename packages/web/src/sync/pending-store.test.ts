import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IDBFactory } from 'fake-indexeddb';
import { IndexedDbPendingStore, MemoryPendingStore, type PendingStore, type StoredBatch } from './pending-store.ts';

const batch = (batchId: string, mapId: string, clientId: string, createdAt: number, seq: number, text = batchId): StoredBatch => ({
  batchId,
  mapId,
  clientId,
  baseVersion: 3,
  ops: [{ type: 'topic.update', id: 't1', patch: { text } }] as StoredBatch['ops'],
  createdAt,
  seq,
  sealed: true,
});

async function exercise(store: PendingStore) {
  await store.put(batch('b2', 'm1', 'tab-a', 100, 2));
  await store.put(batch('b1', 'm1', 'tab-a', 100, 1));
  await store.put(batch('c1', 'm1', 'tab-b', 50, 9));
  await store.put(batch('x1', 'm2', 'tab-a', 10, 1));
  assert.deepEqual(
    (await store.list('m1')).map((b) => b.batchId),
    ['c1', 'b1', 'b2'],
  );
  // Putting a batch again replaces it (an open batch growing).
  await store.put(batch('b1', 'm1', 'tab-a', 100, 1, '你好'));
  const b1 = (await store.list('m1')).find((b) => b.batchId === 'b1');
  assert.deepEqual(b1?.ops, [{ type: 'topic.update', id: 't1', patch: { text: '你好' } }]);
  await store.delete('c1');
  await store.delete('missing');
  assert.deepEqual(
    (await store.list('m1')).map((b) => b.batchId),
    ['b1', 'b2'],
  );
  assert.deepEqual(
    (await store.list('m2')).map((b) => b.batchId),
    ['x1'],
  );
  assert.deepEqual(await store.list('none'), []);
}

test('the memory store keeps batches per map in sending order, as copies', async () => {
  const store = new MemoryPendingStore();
  await exercise(store);
  const listed = await store.list('m2');
  (listed[0] as StoredBatch).ops.length = 0;
  assert.equal((await store.list('m2'))[0]?.ops.length, 1);
});

test('the IndexedDB store does the same, and a new page (a new store on the same database) finds the batches', async () => {
  const factory = new IDBFactory();
  const first = new IndexedDbPendingStore(factory);
  await exercise(first);
  first.close();
  const afterReload = new IndexedDbPendingStore(factory);
  assert.deepEqual(
    (await afterReload.list('m1')).map((b) => [b.batchId, b.ops[0]]),
    [
      ['b1', { type: 'topic.update', id: 't1', patch: { text: '你好' } }],
      ['b2', { type: 'topic.update', id: 't1', patch: { text: 'b2' } }],
    ],
  );
  afterReload.close();
});

test('without IndexedDB the store says so', () => {
  assert.throws(() => new IndexedDbPendingStore(null as unknown as IDBFactory), /IndexedDB is not available/);
});
