import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyOps, asTopicId, DocBuilder, type Op, stateFromDoc } from '@arbor/core';
import fc from 'fast-check';
import { EVERYTHING, TouchedIndex, touchedKeys } from './conflicts.ts';

function sampleState() {
  const b = new DocBuilder({ title: 'T' });
  const a = b.add(b.rootId, { id: 'a', text: 'A' });
  b.add(a, { id: 'a1', text: 'A1' });
  b.add(b.rootId, { id: 'b', text: 'B' });
  return stateFromDoc(b.build());
}

const keysOf = (ops: Op[]) => touchedKeys(applyOps(sampleState(), ops).diff);

test('touched keys name records and fields', () => {
  assert.deepEqual(keysOf([{ type: 'topic.update', id: asTopicId('a'), patch: { text: 'x' } }]), ['t:a\u001ftext']);
  assert.deepEqual(keysOf([{ type: 'topic.create', parentId: asTopicId('b'), topic: { id: asTopicId('n'), text: 'n' } }]), ['t:n']);
  assert.deepEqual(keysOf([{ type: 'topic.delete', ids: [asTopicId('a')] }]).sort(), ['t:a', 't:a1']);
  assert.deepEqual(keysOf([{ type: 'doc.update', patch: { title: 'new' } }]), ['d\u001ftitle']);
  const moved = keysOf([{ type: 'topic.move', ids: [asTopicId('b')], parentId: asTopicId('a') }]);
  assert.ok(moved.includes('t:b\u001fparentId'));
});

test('conflicts: same field, or a field of a record created/deleted by the other side', () => {
  const index = new TouchedIndex();
  index.add(['t:a\u001ftext', 't:gone', 'd\u001ftitle']);
  assert.equal(index.conflict(['t:a\u001ftext']), 't:a\u001ftext');
  assert.equal(index.conflict(['t:a\u001fnote']), undefined, 'another field of the same topic rebases');
  assert.equal(index.conflict(['t:b\u001ftext']), undefined);
  assert.equal(index.conflict(['t:gone\u001ftext']), 't:gone\u001ftext');
  assert.equal(index.conflict(['t:a']), 't:a', 'deleting a topic the other side edited');
  assert.equal(index.conflict(['d\u001ftitle']), 'd\u001ftitle');
  assert.equal(index.conflict(['d\u001ftheme']), undefined);
  assert.equal(index.conflict([EVERYTHING]), EVERYTHING);
  const restored = new TouchedIndex();
  restored.add([EVERYTHING]);
  assert.equal(restored.conflict(['t:z\u001ftext']), 't:z\u001ftext');
});

test('conflict detection is symmetric for random key sets', () => {
  const key = fc.oneof(
    fc.constantFrom('t:a', 't:b', 't:c', 'r:x'),
    fc
      .tuple(fc.constantFrom('t:a', 't:b', 't:c', 'r:x', 'd'), fc.constantFrom('text', 'note', 'parentId'))
      .map(([r, f]) => `${r}\u001f${f}`),
  );
  fc.assert(
    fc.property(fc.array(key, { maxLength: 6 }), fc.array(key, { maxLength: 6 }), (left, right) => {
      const l = new TouchedIndex();
      l.add(left);
      const r = new TouchedIndex();
      r.add(right);
      assert.equal(l.conflict(right) !== undefined, r.conflict(left) !== undefined);
    }),
  );
});
