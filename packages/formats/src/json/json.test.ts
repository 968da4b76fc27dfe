import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { asTopicId, DocBuilder, docToTitleTree, type MindDoc } from '@arbor/core';
import { crossLinks, findTopic, fixture, topicCount } from '../../test/helpers.ts';
import { ImportError } from '../errors.ts';
import { parseJson, serializeJson } from './index.ts';

const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

function sample(): MindDoc {
  const b = new DocBuilder({ title: 'Sample', rootText: '中心主题', structure: 'logic-right' });
  const a = b.add(b.rootId, { text: 'A', note: 'note', href: 'https://a.org', markers: ['priority-1'], labels: ['l'], side: 'left' });
  const a1 = b.add(a, { text: 'A1', task: { done: true }, style: { bold: true, fill: '#fff' } });
  const a2 = b.add(a, { text: 'A2', folded: true, image: { src: 'data:image/png;base64,AA==', width: 10 } });
  b.add(b.rootId, { text: 'free', detached: true, position: { x: 100, y: -50 } });
  b.addSummary(a, a1, a2, { text: 'sum' });
  b.addBoundary({ parentId: a, fromId: a1, toId: a2, label: 'box' });
  b.addRelationship({
    from: a1,
    to: a2,
    label: 'rel',
    controlPoints: [
      { x: 1, y: 2 },
      { x: 3, y: 4 },
    ],
  });
  return b.build();
}

describe('native JSON', () => {
  test('writes a versioned envelope and reads it back unchanged', () => {
    const doc = sample();
    const bytes = serializeJson(doc);
    const parsed = JSON.parse(new TextDecoder().decode(bytes));
    assert.equal(parsed.format, 'arbor');
    assert.equal(parsed.version, 1);
    assert.deepEqual(parseJson(bytes).doc, doc);
  });

  test('reads a bare MindDoc', () => {
    const doc = sample();
    assert.deepEqual(parseJson(enc(doc)).doc, doc);
  });

  test('repairs orphans, cycles and dangling references, and reports them', () => {
    const doc = sample();
    const topics: Record<string, unknown> = { ...doc.topics };
    topics.x1 = { id: 'x1', parentId: 'nowhere', index: 'a0', text: 'orphan' };
    topics.c1 = { id: 'c1', parentId: 'c2', index: 'a0', text: 'cycle 1' };
    topics.c2 = { id: 'c2', parentId: 'c1', index: 'a0', text: 'cycle 2' };
    topics.bad = 'not a topic';
    const broken = {
      ...doc,
      topics,
      relationships: { ...doc.relationships, r9: { id: 'r9', from: 'x1', to: 'gone' } },
      structure: 'no-such-structure',
    };
    const { doc: fixed, report } = parseJson(enc(broken));
    assert.equal(fixed.topics[asTopicId('x1')]?.parentId, fixed.rootId);
    assert.equal(fixed.structure, 'mindmap');
    assert.ok(!fixed.relationships.r9);
    assert.deepEqual(report.map((r) => r.kind).sort(), ['cycle', 'dangling-relationship', 'invalid-record', 'orphan', 'unknown-structure']);
    assert.equal(report.find((r) => r.kind === 'orphan')?.message, '1 topics without a parent attached to the central topic');
    const cycle = [fixed.topics[asTopicId('c1')], fixed.topics[asTopicId('c2')]];
    assert.ok(
      cycle.some((t) => t?.parentId === fixed.rootId),
      'the cycle is broken at the root',
    );
  });

  test('refuses what it cannot read, clearly', () => {
    const reject = (bytes: Uint8Array, re: RegExp) =>
      assert.throws(
        () => parseJson(bytes),
        (e: unknown) => e instanceof ImportError && re.test(e.message),
      );
    reject(new TextEncoder().encode('{"a":'), /not valid JSON/);
    reject(enc({ format: 'arbor', version: 99, doc: {} }), /newer Arbor/);
    reject(enc({ rootId: 'r', topics: [] }), /not an Arbor map/);
    reject(enc({ format: 'arbor', version: 1, doc: { schema: 7, rootId: 'r', topics: {} } }), /newer Arbor \(schema 7/);
    reject(enc({ hello: 'world' }), /not a mind map Arbor knows/);
    reject(enc([1, 2, 3]), /not a mind map Arbor knows/);
  });
});

describe('JSON of other apps', () => {
  test('simple-mind-map full export: rich text, generalization', () => {
    const { doc } = parseJson(fixture('json/simple-mind-map-export-full.json'));
    assert.equal(topicCount(doc), 6);
    assert.equal(doc.structure, 'logic-right');
    assert.deepEqual(docToTitleTree(doc), {
      title: '根节点',
      children: [{ title: '二级节点', children: [{ title: '分支主题' }, { title: '分支主题' }, { title: '思绪思维导图' }] }],
    });
    assert.equal(findTopic(doc, '思绪思维导图')?.href, 'https://sxmind.cn/');
    assert.deepEqual(crossLinks(doc).summaries, ['根节点: 二级节点..二级节点 = 概要']);
  });

  test('Mind Elixir nodeData', () => {
    const { doc } = parseJson(fixture('json/mind-elixir-sample-cjk.json'));
    assert.equal(topicCount(doc), 12);
    assert.equal(doc.topics[doc.rootId]?.text, '无头思维导图');
    assert.ok(findTopic(doc, 'Playwright 无头加载'));
    assert.equal(doc.structure, 'mindmap-right');
  });

  test('Mind Elixir arrows and summaries', () => {
    const data = {
      nodeData: {
        id: 'r',
        topic: 'R',
        children: [
          { id: 'a', topic: 'A', tags: ['t'] },
          { id: 'b', topic: 'B', expanded: false, children: [{ id: 'c', topic: 'C' }] },
        ],
      },
      arrows: [{ id: 'x', label: 'A to C', from: 'a', to: 'c' }],
      summaries: [{ id: 's', label: 'both', parent: 'r', start: 0, end: 1 }],
    };
    const { doc } = parseJson(enc(data));
    assert.deepEqual(crossLinks(doc), { relationships: ['A -> C [A to C]'], summaries: ['R: A..B = both'], boundaries: [] });
    assert.equal(findTopic(doc, 'B')?.folded, true);
    assert.deepEqual(findTopic(doc, 'A')?.labels, ['t']);
  });
});
