import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocBuilder, restore } from '@arbor/core';
import { DIFF_STYLE, diffDoc, diffVersions } from './version-diff.ts';

function versions() {
  const a = new DocBuilder({ title: 'v1', rootText: '中心' });
  const x = a.add(a.rootId, { id: 'x', text: '甲' });
  const y = a.add(a.rootId, { id: 'y', text: '乙' });
  a.add(x, { id: 'x1', text: '甲一' });
  a.add(y, { id: 'gone', text: '将被删除' });
  const from = a.build();
  const b = new DocBuilder({ title: 'v2', rootText: '中心' });
  const x2 = b.add(b.rootId, { id: 'x', text: '甲（改）' });
  const y2 = b.add(b.rootId, { id: 'y', text: '乙', folded: true });
  b.add(y2, { id: 'x1', text: '甲一' }); // moved from x to y
  b.add(x2, { id: 'new', text: '新主题' });
  return { from, to: b.build() };
}

test('diffVersions finds added, removed, moved and changed topics', () => {
  const { from, to } = versions();
  const d = diffVersions(from, to);
  assert.deepEqual(d.added, ['new']);
  assert.deepEqual(d.removed, ['gone']);
  assert.ok(d.moved.includes('x1'));
  assert.deepEqual(d.changed, ['x']);
});

test('diffDoc puts removed topics back, colours each kind and unfolds their branches', () => {
  const { from, to } = versions();
  const doc = restore(diffDoc(from, to)).doc;
  assert.equal(doc.topics.gone?.parentId, 'y');
  assert.equal(doc.topics.gone?.style?.fill, DIFF_STYLE.removed.fill);
  assert.equal(doc.topics.new?.style?.fill, DIFF_STYLE.added.fill);
  assert.equal(doc.topics.x?.style?.fill, DIFF_STYLE.changed.fill);
  assert.equal(doc.topics.x1?.style?.fill, DIFF_STYLE.moved.fill);
  assert.notEqual(doc.topics.y?.folded, true);
  // The newer version itself is untouched.
  assert.equal(to.topics.gone, undefined);
});
