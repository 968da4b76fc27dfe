import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocBuilder, restore } from '@arbor/core';
import { branchDoc } from './branch.ts';

test('a branch becomes a map of its own with only its topics', () => {
  const b = new DocBuilder({ title: '全图', rootText: '中心' });
  const a = b.add(b.rootId, { id: 'a', text: '第一章\n说明' });
  b.add(a, { id: 'a1', text: '第一节' });
  b.add(b.rootId, { id: 'c', text: '第二章' });
  const doc = branchDoc(b.build(), 'a');
  const restored = restore(doc).doc;
  assert.equal(restored.rootId, 'a');
  assert.equal(restored.title, '第一章');
  assert.deepEqual(Object.keys(restored.topics).sort(), ['a', 'a1']);
  assert.equal(restored.topics.a?.parentId, null);
  assert.throws(() => branchDoc(b.build(), 'nope'));
});
