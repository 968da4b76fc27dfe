import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApproxMeasurer, applyOps, DocBuilder, docFromState, type Op, stateFromDoc, type TopicId } from '@arbor/core';
import { Editor } from './editor.ts';
import { addChild, addParent, addSibling, deleteSelection, expandToLevel, reorder, toggleFold } from './topic-actions.ts';

function setup() {
  const b = new DocBuilder({ title: '测试', rootText: '中心主题' });
  const a = b.add(b.rootId, { text: 'A' });
  b.add(a, { text: 'A1' });
  b.add(a, { text: 'A2' });
  b.add(b.rootId, { text: 'B' });
  const doc = b.build();
  const editor = new Editor({ doc, measure: new ApproxMeasurer() });
  // What the server would hold: every emitted op applied to a copy.
  const server = stateFromDoc(JSON.parse(JSON.stringify(doc)));
  const sent: Op[][] = [];
  editor.on('ops', ({ ops }) => {
    sent.push(ops);
    applyOps(server, ops);
  });
  const texts = (s = editor.state) => {
    const out: string[] = [];
    const walk = (id: TopicId, depth: number) => {
      out.push(`${'  '.repeat(depth)}${s.topics.get(id)?.text}`);
      for (const c of s.children.get(id)) walk(c, depth + 1);
    };
    walk(s.rootId, 0);
    return out.join('\n');
  };
  return { editor, server, sent, texts, doc };
}

test('opening selects the central topic; structure actions build what XMind builds', () => {
  const { editor, texts, server } = setup();
  assert.equal(editor.primary, editor.state.rootId);
  const edits: string[] = [];
  editor.on('edit', ({ id, selectAll }) => edits.push(`${editor.state.topics.get(id)?.text}:${selectAll}`));
  addChild(editor);
  assert.deepEqual(edits, ['分支主题:true'], 'a new topic opens for typing with its default text selected');
  addSibling(editor, false);
  addSibling(editor, true);
  addParent(editor);
  assert.equal(texts(), texts(server));
  // Child, sibling after it, a sibling before that one, then a parent around the last.
  assert.match(texts(), /B\n {2}分支主题\n {2}分支主题\n {4}分支主题\n {2}分支主题$/);
});

test('delete selects the next sibling; reorder and fold; undo and redo replay on the server', () => {
  const { editor, texts, server, doc } = setup();
  const [a] = editor.state.children.get(editor.state.rootId) as TopicId[];
  const [a1] = editor.state.children.get(a as TopicId) as TopicId[];
  editor.select([a1 as TopicId]);
  reorder(editor, 1);
  assert.match(texts(), /A2\n {4}A1/);
  toggleFold(editor, [a as TopicId]);
  assert.equal(editor.isVisible(a1 as TopicId), false);
  expandToLevel(editor, 0);
  assert.equal(editor.isVisible(a1 as TopicId), true);
  editor.select([a as TopicId]);
  deleteSelection(editor);
  assert.equal(editor.state.topics.get(editor.primary as TopicId)?.text, 'B');
  assert.equal(texts(), texts(server));
  while (editor.undo()) assert.equal(texts(), texts(server));
  assert.equal(texts(), texts(stateFromDoc(doc)));
  while (editor.redo()) assert.equal(texts(), texts(server));
  assert.equal(docFromState(server).topics[a as string], undefined);
});

test('typing is a preview saved as it goes, one undo step when committed, no trace when cancelled', () => {
  const { editor, server, sent } = setup();
  const root = editor.state.rootId;
  for (const t of ['中', '中文', '中文标题'])
    editor.applyPreview({ type: 'topic.update', id: root, patch: { text: t } }, `text:${root}`, { save: true });
  assert.equal(server.topics.get(root)?.text, '中文标题', 'each keystroke reached the saving queue');
  editor.commitPreview();
  assert.equal(editor.history.undoDepth, 1, 'one undo step for the whole edit');
  editor.undo();
  assert.equal(editor.state.topics.get(root)?.text, '中心主题');
  assert.equal(server.topics.get(root)?.text, '中心主题');
  // A composition in progress is not sent; cancelling reverts what was sent.
  const before = sent.length;
  editor.applyPreview({ type: 'topic.update', id: root, patch: { text: 'zhong' } }, `text:${root}`, { save: false });
  assert.equal(sent.length, before, 'letters still being composed stay in the tab');
  editor.applyPreview({ type: 'topic.update', id: root, patch: { text: '中' } }, `text:${root}`, { save: true });
  editor.cancelPreview();
  assert.equal(editor.state.topics.get(root)?.text, '中心主题');
  assert.equal(server.topics.get(root)?.text, '中心主题');
  assert.equal(editor.history.canRedo, true, 'a cancelled edit leaves history as it was');
});

test('remote changes are applied but never undone by this tab', () => {
  const { editor } = setup();
  const root = editor.state.rootId;
  editor.applyRemote([{ type: 'topic.create', parentId: root, topic: { id: 'remote1' as TopicId, text: '别人加的' } }]);
  assert.ok(editor.state.topics.has('remote1' as TopicId));
  assert.equal(editor.history.canUndo, false);
  addChild(editor);
  editor.undo();
  assert.ok(editor.state.topics.has('remote1' as TopicId), 'undo took back only this tab’s change');
});

test('a read-only editor refuses every change', () => {
  const b = new DocBuilder({ rootText: '只读' });
  const editor = new Editor({ doc: b.build(), measure: new ApproxMeasurer(), readonly: true });
  let sent = 0;
  editor.on('ops', () => sent++);
  addChild(editor);
  editor.applyPreview({ type: 'topic.update', id: editor.state.rootId, patch: { text: 'x' } }, 'k', { save: true });
  editor.commitPreview();
  assert.equal(editor.state.topics.size, 1);
  assert.equal(sent, 0);
});
