import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DocBuilder } from '../builder.ts';
import { asTopicId as T, type TopicId } from '../model.ts';
import { checkInvariants } from '../schema/invariants.ts';
import { attachedChildren, type DocState, docFromState, stateFromDoc } from '../store.ts';
import { applyOp, applyOps } from './apply.ts';
import { invertDiff } from './changes.ts';
import { applyDiff } from './diff-apply.ts';
import { type Op, OpError, type OpErrorCode } from './types.ts';

/** root → a, b, c, d; a → a1, a2; summary s over b…c; boundary bd over c…d; relationship r a1 → d. */
function sample(): { state: DocState; ids: Record<string, TopicId> } {
  const b = new DocBuilder({ title: 'T' });
  const ids: Record<string, TopicId> = { root: b.rootId };
  for (const n of ['a', 'b', 'c', 'd']) ids[n] = b.add(b.rootId, { id: n, text: n.toUpperCase() });
  ids.a1 = b.add(T('a'), { id: 'a1', text: 'A1' });
  ids.a2 = b.add(T('a'), { id: 'a2', text: 'A2' });
  ids.st = b.addSummary(b.rootId, T('b'), T('c'), { id: 'st', text: '概要' }, 's').topicId;
  b.addBoundary({ id: 'bd', parentId: b.rootId, fromId: T('c'), toId: T('d') });
  b.addRelationship({ id: 'r', from: T('a1'), to: T('d') });
  return { state: stateFromDoc(b.build()), ids };
}

const texts = (state: DocState, id: TopicId) => attachedChildren(state, id).map((c) => state.topics.get(c)?.text);

function refuses(state: DocState, op: Op, code: OpErrorCode): void {
  const before = JSON.parse(JSON.stringify(docFromState(state)));
  const version = state.version;
  assert.throws(
    () => applyOp(state, op),
    (e: unknown) => e instanceof OpError && e.code === code,
  );
  assert.deepEqual(docFromState(state), before, 'a refused op changes nothing');
  assert.equal(state.version, version);
}

describe('topic.create', () => {
  test('appends, inserts by index, before and after, with a whole subtree', () => {
    const { state, ids } = sample();
    applyOp(state, { type: 'topic.create', parentId: ids.root, topic: { id: T('e'), text: 'E' } });
    applyOp(state, { type: 'topic.create', parentId: ids.root, index: 0, topic: { id: T('z'), text: 'Z' } });
    applyOp(state, { type: 'topic.create', before: T('c'), topic: { id: T('x'), text: 'X' } });
    const { diff } = applyOp(state, {
      type: 'topic.create',
      after: T('c'),
      topic: {
        id: T('y'),
        text: 'Y',
        children: [
          { id: T('y1'), text: 'Y1', children: [{ id: T('y11'), text: 'Y11' }] },
          { id: T('y2'), text: 'Y2' },
        ],
      },
    });
    assert.deepEqual(texts(state, ids.root), ['Z', 'A', 'B', 'X', 'C', 'Y', 'D', 'E']);
    assert.deepEqual(texts(state, T('y')), ['Y1', 'Y2']);
    assert.deepEqual(texts(state, T('y1')), ['Y11']);
    assert.deepEqual(diff.topics.added.map((t) => t.id).sort(), ['y', 'y1', 'y11', 'y2']);
    assert.deepEqual(checkInvariants(state), []);
    assert.equal(state.version, 4);
  });

  test('refuses duplicate ids, unknown parents, bad fields and summaryId', () => {
    const { state, ids } = sample();
    refuses(state, { type: 'topic.create', parentId: ids.root, topic: { id: T('a'), text: 'dup' } }, 'duplicate-id');
    refuses(state, { type: 'topic.create', parentId: ids.root, topic: { id: T('n'), children: [{ id: T('n') }] } }, 'duplicate-id');
    refuses(state, { type: 'topic.create', parentId: T('nope'), topic: { id: T('n') } }, 'unknown-topic');
    refuses(state, { type: 'topic.create', parentId: ids.root, topic: { id: T('n'), text: 5 as never } }, 'invalid-field');
    refuses(state, { type: 'topic.create', parentId: ids.root, topic: { id: T('n'), colour: 'red' } as never }, 'invalid-field');
    refuses(state, { type: 'topic.create', parentId: ids.root, topic: { id: T('n'), summaryId: 's' } as never }, 'invalid-field');
    refuses(state, { type: 'topic.create', parentId: ids.root, topic: { id: T('n'), parentId: T('a') } as never }, 'invalid-field');
    refuses(state, { type: 'topic.create', before: T('st'), topic: { id: T('n') } }, 'invalid-position');
    refuses(state, { type: 'topic.create', parentId: T('a'), before: T('c'), topic: { id: T('n') } }, 'invalid-position');
    refuses(state, { type: 'topic.create', parentId: ids.root, index: -1, topic: { id: T('n') } }, 'invalid-op');
  });
});

describe('topic.update', () => {
  test('null and undefined clear optional fields; an unchanged patch gives an empty diff', () => {
    const { state } = sample();
    applyOp(state, { type: 'topic.update', id: T('a'), patch: { note: 'n', href: 'https://x.org', folded: true } });
    applyOp(state, { type: 'topic.update', id: T('a'), patch: { note: null, href: undefined } });
    assert.deepEqual(state.topics.get(T('a')), {
      id: 'a',
      parentId: state.rootId,
      index: state.topics.get(T('a'))?.index,
      text: 'A',
      folded: true,
    });
    const { diff } = applyOp(state, { type: 'topic.update', id: T('a'), patch: { folded: true } });
    assert.equal(diff.topics.updated.length, 0);
  });

  test('refuses structural fields, clearing text, and floating the root', () => {
    const { state, ids } = sample();
    refuses(state, { type: 'topic.update', id: T('a'), patch: { parentId: T('b') } as never }, 'invalid-field');
    refuses(state, { type: 'topic.update', id: T('a'), patch: { text: null } }, 'invalid-field');
    refuses(state, { type: 'topic.update', id: T('a'), patch: { style: { fontSize: 'big' } } as never }, 'invalid-field');
    refuses(state, { type: 'topic.update', id: ids.root, patch: { detached: true } }, 'root-protected');
    refuses(state, { type: 'topic.update', id: T('st'), patch: { detached: true } }, 'summary-topic');
    refuses(state, { type: 'topic.update', id: T('gone'), patch: { text: 'x' } }, 'unknown-topic');
  });
});

describe('topic.move', () => {
  test('moves several topics keeping their document order', () => {
    const { state } = sample();
    applyOp(state, { type: 'topic.move', ids: [T('a2'), T('d'), T('a1')], parentId: T('b') });
    assert.deepEqual(texts(state, T('b')), ['A1', 'A2', 'D']);
    applyOp(state, { type: 'topic.move', ids: [T('a1')], parentId: T('b'), index: 2 });
    assert.deepEqual(texts(state, T('b')), ['A2', 'D', 'A1']);
    assert.deepEqual(checkInvariants(state), []);
  });

  test('a topic moved with its ancestor travels with it', () => {
    const { state } = sample();
    applyOp(state, { type: 'topic.move', ids: [T('a1'), T('a')], parentId: T('d') });
    assert.deepEqual(texts(state, T('d')), ['A']);
    assert.deepEqual(texts(state, T('a')), ['A1', 'A2']);
  });

  test('a summary dropped with its last topics takes the ranges in its subtree along', () => {
    // s over b…c goes when both leave; a summary s2 inside its topic's subtree, whose range the
    // same move broke, must go with it rather than be narrowed (it would hang off a removed topic).
    const b = new DocBuilder();
    for (const n of ['a', 'b', 'c']) b.add(b.rootId, { id: n, text: n });
    b.addSummary(b.rootId, T('b'), T('c'), { id: 'st', text: '概要' }, 's');
    b.add(T('st'), { id: 'n', text: 'n' });
    for (const n of ['n1', 'n2']) b.add(T('n'), { id: n, text: n });
    b.addSummary(T('n'), T('n1'), T('n2'), { id: 'st2', text: '概要 2' }, 's2');
    const state = stateFromDoc(b.build());
    const { diff } = applyOp(state, { type: 'topic.move', ids: [T('b'), T('c'), T('n2')], parentId: T('a') });
    assert.deepEqual(diff.summaries.removed.map((x) => x.id).sort(), ['s', 's2']);
    assert.deepEqual([...state.summaries.keys()], []);
    assert.deepEqual(checkInvariants(state), []);
  });

  test('refuses cycles, the root, summary topics and bad anchors', () => {
    const { state, ids } = sample();
    refuses(state, { type: 'topic.move', ids: [T('a')], parentId: T('a1') }, 'cycle');
    refuses(state, { type: 'topic.move', ids: [T('a')], parentId: T('a') }, 'cycle');
    refuses(state, { type: 'topic.move', ids: [ids.root], parentId: T('a') }, 'root-protected');
    refuses(state, { type: 'topic.move', ids: [T('st')], parentId: T('a') }, 'summary-topic');
    refuses(state, { type: 'topic.move', ids: [T('b')], before: T('b') }, 'invalid-position');
    refuses(state, { type: 'topic.move', ids: [], parentId: T('a') }, 'invalid-op');
    refuses(state, { type: 'topic.move', ids: [T('b')], parentId: T('a'), before: T('c') }, 'invalid-position');
  });

  test('moving a range end out narrows the summary and boundary; undo restores them', () => {
    const { state } = sample();
    const before = JSON.parse(JSON.stringify(docFromState(state)));
    const { diff } = applyOp(state, { type: 'topic.move', ids: [T('c')], parentId: T('a') });
    assert.deepEqual(state.summaries.get('s'), { id: 's', parentId: state.rootId, fromId: 'b', toId: 'b', topicId: 'st' });
    assert.equal(state.boundaries.get('bd')?.fromId, 'd');
    assert.equal(diff.summaries.updated.length, 1);
    assert.deepEqual(checkInvariants(state), []);
    applyDiff(state, invertDiff(diff));
    assert.deepEqual(docFromState(state), before);
  });

  test('dropping a floating topic onto a parent attaches it', () => {
    const { state } = sample();
    applyOp(state, { type: 'topic.update', id: T('d'), patch: { detached: true, position: { x: 300, y: 40 } } });
    assert.equal(state.boundaries.get('bd')?.toId, 'c', 'floating d leaves the boundary');
    applyOp(state, { type: 'topic.move', ids: [T('d')], parentId: T('a'), index: 0 });
    assert.deepEqual(texts(state, T('a')), ['D', 'A1', 'A2']);
    assert.equal(state.topics.get(T('d'))?.position, undefined);
  });
});

describe('topic.delete', () => {
  test('deletes subtrees with the records that would dangle, and undo restores everything', () => {
    const { state } = sample();
    const before = JSON.parse(JSON.stringify(docFromState(state)));
    const { diff } = applyOp(state, { type: 'topic.delete', ids: [T('a'), T('b'), T('c')] });
    assert.deepEqual(diff.topics.removed.map((t) => t.id).sort(), ['a', 'a1', 'a2', 'b', 'c', 'st']);
    assert.deepEqual(
      diff.relationships.removed.map((r) => r.id),
      ['r'],
    );
    assert.deepEqual(
      diff.summaries.removed.map((s) => s.id),
      ['s'],
    );
    assert.deepEqual(
      diff.boundaries.updated.map(([, b]) => [b.fromId, b.toId]),
      [['d', 'd']],
    );
    assert.deepEqual(checkInvariants(state), []);
    applyDiff(state, invertDiff(diff));
    assert.deepEqual(docFromState(state), before);
  });

  test('deleting the summary topic deletes the summary; the root cannot be deleted', () => {
    const { state, ids } = sample();
    const { diff } = applyOp(state, { type: 'topic.delete', ids: [T('st')] });
    assert.deepEqual(
      diff.summaries.removed.map((s) => s.id),
      ['s'],
    );
    refuses(state, { type: 'topic.delete', ids: [ids.root] }, 'root-protected');
    refuses(state, { type: 'topic.delete', ids: [T('ghost')] }, 'unknown-topic');
  });
});

describe('relationships, summaries, boundaries, document', () => {
  test('create, update and delete, refusing unknown topics and bad ranges', () => {
    const { state, ids } = sample();
    applyOp(state, { type: 'relationship.create', relationship: { id: 'r2', from: T('b'), to: T('c'), label: '因果' } });
    applyOp(state, {
      type: 'relationship.update',
      id: 'r2',
      patch: {
        label: null,
        controlPoints: [
          { x: 1, y: 2 },
          { x: 3, y: 4 },
        ],
      },
    });
    assert.deepEqual(state.relationships.get('r2'), {
      id: 'r2',
      from: 'b',
      to: 'c',
      controlPoints: [
        { x: 1, y: 2 },
        { x: 3, y: 4 },
      ],
    });
    refuses(state, { type: 'relationship.create', relationship: { id: 'r3', from: T('b'), to: T('nope') } }, 'unknown-topic');
    refuses(state, { type: 'relationship.update', id: 'r2', patch: { to: T('nope') } }, 'unknown-topic');
    refuses(state, { type: 'relationship.delete', id: 'nope' }, 'unknown-relationship');

    const sum = {
      type: 'summary.create',
      summary: { id: 's2', parentId: ids.root, fromId: T('a'), toId: T('c') },
      topic: { id: T('st2'), text: '总结' },
    } as const;
    refuses(state, { ...sum, summary: { ...sum.summary, fromId: T('c'), toId: T('a') } }, 'invalid-range');
    refuses(state, { ...sum, summary: { ...sum.summary, toId: T('a1') } }, 'invalid-range');
    refuses(state, { ...sum, summary: { ...sum.summary, toId: T('st') } }, 'invalid-range');
    refuses(state, { ...sum, topic: { id: T('a'), text: 'dup' } }, 'duplicate-id');
    applyOp(state, sum);
    assert.equal(state.topics.get(T('st2'))?.summaryId, 's2');
    applyOp(state, { type: 'summary.update', id: 's2', patch: { toId: T('a') } });
    refuses(state, { type: 'summary.update', id: 's2', patch: { topicId: T('a') } as never }, 'invalid-field');
    const { diff } = applyOp(state, { type: 'summary.delete', id: 's2' });
    assert.deepEqual(
      diff.topics.removed.map((t) => t.id),
      ['st2'],
    );

    refuses(state, { type: 'boundary.create', boundary: { id: 'b2', parentId: T('a'), fromId: T('a2'), toId: T('a1') } }, 'invalid-range');
    applyOp(state, { type: 'boundary.create', boundary: { id: 'b2', parentId: T('a'), fromId: T('a1'), toId: T('a2') } });
    refuses(state, { type: 'boundary.create', boundary: { id: 'b2', parentId: T('a'), fromId: T('a1'), toId: T('a1') } }, 'duplicate-id');
    applyOp(state, { type: 'boundary.update', id: 'b2', patch: { label: '范围', toId: T('a1') } });
    applyOp(state, { type: 'boundary.delete', id: 'b2' });
    assert.deepEqual(checkInvariants(state), []);
  });

  test('doc.update changes fields and refuses unknown names', () => {
    const { state } = sample();
    const { diff } = applyOp(state, {
      type: 'doc.update',
      patch: { title: '新标题', structure: 'org-down', meta: { sourceName: 'x.docx' } },
    });
    assert.deepEqual(diff.doc, {
      before: { title: 'T', structure: 'mindmap', meta: null },
      after: { title: '新标题', structure: 'org-down', meta: { sourceName: 'x.docx' } },
    });
    refuses(state, { type: 'doc.update', patch: { structure: 'spiral' as never } }, 'invalid-field');
    refuses(state, { type: 'doc.update', patch: { theme: { name: 'no-such-theme' } } }, 'invalid-field');
    refuses(state, { type: 'doc.update', patch: { title: null } }, 'invalid-field');
    refuses(state, { type: 'doc.update', patch: { rootId: 'a' } as never }, 'invalid-field');
    applyOp(state, { type: 'doc.update', patch: { meta: null } });
    assert.equal(state.meta, undefined);
  });

  test('unknown op types and non-objects are refused', () => {
    const { state } = sample();
    refuses(state, { type: 'topic.explode' } as never, 'invalid-op');
    refuses(state, null as never, 'invalid-op');
  });
});

describe('applyOps and applyDiff', () => {
  test('a transaction rolls back on the first refusal', () => {
    const { state } = sample();
    const before = JSON.parse(JSON.stringify(docFromState(state)));
    assert.throws(
      () =>
        applyOps(state, [
          { type: 'topic.create', parentId: T('a'), topic: { id: T('n1') } },
          { type: 'topic.move', ids: [T('b')], parentId: T('n1') },
          { type: 'topic.delete', ids: [T('nope')] },
        ]),
      OpError,
    );
    assert.deepEqual(docFromState(state), before);
    assert.equal(state.version, 0);
    const { diff } = applyOps(state, [
      { type: 'topic.create', parentId: T('a'), topic: { id: T('n1') } },
      { type: 'topic.update', id: T('n1'), patch: { text: 'later' } },
    ]);
    assert.deepEqual(
      diff.topics.added.map((t) => t.text),
      ['later'],
      'a create then update composes into one added record',
    );
    assert.equal(state.version, 1);
  });

  test('applyDiff refuses diffs that do not fit the document', () => {
    const { state } = sample();
    const { diff } = applyOp(state, { type: 'topic.create', parentId: T('a'), topic: { id: T('n1') } });
    const code = (d: unknown) => {
      const before = JSON.parse(JSON.stringify(docFromState(state)));
      assert.throws(
        () => applyDiff(state, d as never),
        (e: unknown) => e instanceof OpError && (e.code === 'conflict' || e.code === 'invalid-field'),
      );
      assert.deepEqual(docFromState(state), before);
    };
    code(diff); // n1 exists already
    const a = state.topics.get(T('a'));
    code({ ...invertDiff(diff), topics: { added: [], updated: [], removed: [a] } }); // would orphan a1, a2
    const a1 = state.topics.get(T('a1'));
    code({ ...invertDiff(diff), topics: { added: [], updated: [[a, { ...a, parentId: 'a1' }]], removed: [] } }); // cycle
    code({ ...invertDiff(diff), topics: { added: [{ ...a1, id: 'n2', index: a1?.index }], updated: [], removed: [] } }); // same index as a1
    code({ ...invertDiff(diff), topics: { added: [{ id: 'n3', parentId: 'a', index: 'a9', text: 7 }], updated: [], removed: [] } });
    code({ nonsense: true });
  });
});

test('applyDiff refuses a topic that names a summary not owning it', () => {
  const { state } = sample();
  const a = state.topics.get(T('a'));
  assert.ok(a);
  const before = JSON.parse(JSON.stringify(docFromState(state)));
  const diff = {
    ...invertDiff(applyOp(state, { type: 'doc.update', patch: {} }).diff),
    topics: { added: [], updated: [[a, { ...a, summaryId: 's' }]], removed: [] },
  };
  assert.throws(
    () => applyDiff(state, diff as never),
    (e: unknown) => e instanceof OpError && e.code === 'conflict',
  );
  assert.deepEqual(docFromState(state), before);
});

test('records never hold undefined fields, so diffs survive JSON unchanged', () => {
  const { state } = sample();
  const { diff } = applyOps(state, [
    {
      type: 'topic.create',
      parentId: state.rootId,
      topic: { id: T('u'), text: 'u', note: undefined, style: { fill: '#fff', color: undefined } },
    },
    { type: 'topic.update', id: T('a'), patch: { image: { src: 'data:image/png;base64,AA', alt: undefined } } },
    {
      type: 'relationship.create',
      relationship: { id: 'r9', from: T('a'), to: T('b'), label: undefined, style: { dashed: true, color: undefined } },
    },
  ]);
  assert.deepEqual(JSON.parse(JSON.stringify(diff)), diff);
});
