import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  applyOp,
  asTopicId,
  checkInvariants,
  DocBuilder,
  type DocState,
  type NewTopic,
  type Op,
  stateFromDoc,
  type Topic,
  type TopicId,
} from '@arbor/core';
import { type ClipboardData, copySubtrees, readClipboard as readWithParser } from './clipboard.ts';
import { parse5HtmlParser } from './html-parse5.ts';
import { ARBOR_MIME, MAX_PAYLOAD_TOPICS, readPayload, safeColor, safeImageSrc } from './payload.ts';

/** readClipboard with parse5 standing in for the browser's DOMParser. */
const readClipboard = (data: ClipboardData, newId: () => TopicId) => readWithParser(data, newId, parse5HtmlParser);

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

function newIds(prefix = 'n'): () => TopicId {
  let n = 0;
  return () => asTopicId(`${prefix}${++n}`);
}

/** A source map with every kind of field, a summary, a boundary and relationships. */
function sourceMap() {
  const b = new DocBuilder({ id: 'src', rootText: '中心主题' });
  const a = b.add(b.rootId, {
    text: '分支 A',
    note: '**备注**\n第二行',
    href: 'https://example.com/a',
    markers: ['priority-1', 'flag-red'],
    labels: ['重点'],
    task: { done: false },
    style: { fill: '#ffcc00', color: 'rgb(10, 20, 30)', shape: 'rounded', bold: true, fontSize: 18 },
    image: { src: PNG, width: 1, height: 1, alt: '点' },
    folded: false,
  });
  const a1 = b.add(a, { text: 'A1', task: { done: true } });
  const a2 = b.add(a, { text: 'A2\n两行' });
  const a3 = b.add(a, { text: 'A3', href: '#topic:PLACEHOLDER' });
  b.update(a3, { href: `#topic:${a1}` });
  const a21 = b.add(a2, { text: 'A2-1' });
  const { topicId: sumTopic } = b.addSummary(a, a1, a2, { text: '概括 A1–A2' });
  b.add(sumTopic, { text: '概括的子主题' });
  b.addBoundary({ parentId: a, fromId: a2, toId: a3, label: '框', style: { color: '#336699' } });
  b.addRelationship({ from: a1, to: a21, label: '关联', style: { dashed: true, color: 'blue' } });
  const bb = b.add(b.rootId, { text: '分支 B' });
  b.addRelationship({ from: a1, to: bb, label: '外部' });
  const doc = b.build();
  return { state: stateFromDoc(doc), ids: { a, a1, a2, a3, a21, bb, sumTopic } };
}

/** Pastes content under `parentId` of a fresh target map; returns the target state. */
function pasteInto(content: { topics: readonly NewTopic[]; extraOps: readonly Op[] }): { state: DocState; parent: TopicId } {
  const b = new DocBuilder({ id: 'dst', rootText: '目标' });
  const parent = b.add(b.rootId, { text: '粘贴处' });
  const state = stateFromDoc(b.build());
  for (const t of content.topics) applyOp(state, { type: 'topic.create', parentId: parent, topic: t });
  for (const op of content.extraOps) applyOp(state, op);
  assert.deepEqual(checkInvariants(state), [], 'the pasted map keeps every invariant');
  return { state, parent };
}

const byText = (state: DocState, text: string): Topic => {
  const t = [...state.topics.values()].find((x) => x.text === text);
  assert.ok(t, `topic ${JSON.stringify(text)}`);
  return t;
};

describe('copySubtrees', () => {
  test('text is an indented outline, html a nested list with the payload, json the payload', () => {
    const { state, ids } = sourceMap();
    const c = copySubtrees(state, [ids.a]);
    assert.equal(c.text, ['分支 A', '\tA1', '\tA2 两行', '\t\tA2-1', '\tA3', '\t概括 A1–A2', '\t\t概括的子主题'].join('\n'));
    assert.match(c.html, /^<ul data-arbor="\{&#34;format&#34;:&#34;arbor-clipboard&#34;/);
    assert.match(c.html, /<li><a href="https:\/\/example.com\/a">分支 A<\/a><ul><li>A1<\/li><li>A2<br>两行<ul><li>A2-1<\/li><\/ul><\/li>/);
    const payload = JSON.parse(c.json);
    assert.equal(payload.topics.length, 7);
    assert.equal(payload.summaries.length, 1);
    assert.equal(payload.boundaries.length, 1);
    assert.equal(payload.relationships.length, 1, 'only the relationship wholly inside the copied set');
  });

  test('a topic inside another selected subtree is covered by it; roots come in document order', () => {
    const { state, ids } = sourceMap();
    const c = copySubtrees(state, [ids.bb, ids.a1, ids.a]);
    assert.deepEqual(JSON.parse(c.json).roots, [ids.a, ids.bb]);
    assert.ok(c.text.startsWith('分支 A\n'));
    assert.ok(c.text.endsWith('\n分支 B'));
  });

  test('text and markup in topics is escaped in the html', () => {
    const b = new DocBuilder({ rootText: 'r' });
    const x = b.add(b.rootId, { text: '<script>alert("x")</script> & <b>', href: 'javascript:alert(1)' });
    const c = copySubtrees(stateFromDoc(b.build()), [x]);
    assert.ok(!c.html.includes('<script>'));
    assert.ok(!c.html.includes('javascript:alert(1)"'), 'no javascript: link is written');
    assert.match(c.html, /<li>&#60;script&#62;alert\(&#34;x&#34;\)&#60;\/script&#62; &#38; &#60;b&#62;<\/li>/);
  });
});

describe('readClipboard: Arbor payload', () => {
  test('a copied subtree pastes whole into another map, with fresh ids', () => {
    const { state, ids } = sourceMap();
    const copied = copySubtrees(state, [ids.a]);
    const content = readClipboard({ json: copied.json, html: copied.html, text: copied.text }, newIds('p'));
    assert.ok(content);
    assert.equal(content.count, 7);
    const oldIds = new Set<string>(state.topics.keys());
    const { state: dst, parent } = pasteInto(content);
    for (const t of dst.topics.values()) if (t.id.startsWith('p')) assert.ok(!oldIds.has(t.id));
    const a = byText(dst, '分支 A');
    assert.equal(a.parentId, parent);
    assert.equal(a.note, '**备注**\n第二行');
    assert.equal(a.href, 'https://example.com/a');
    assert.deepEqual(a.markers, ['priority-1', 'flag-red']);
    assert.deepEqual(a.labels, ['重点']);
    assert.deepEqual(a.task, { done: false });
    assert.deepEqual(a.style, { fill: '#ffcc00', color: 'rgb(10, 20, 30)', shape: 'rounded', bold: true, fontSize: 18 });
    assert.deepEqual(a.image, { src: PNG, width: 1, height: 1, alt: '点' });
    assert.equal(byText(dst, 'A1').task?.done, true);
    assert.equal(byText(dst, 'A3').href, `#topic:${byText(dst, 'A1').id}`, 'a topic link is remapped to the pasted copy');
    const sum = [...dst.summaries.values()][0];
    assert.ok(sum);
    assert.equal(sum.fromId, byText(dst, 'A1').id);
    assert.equal(sum.toId, byText(dst, 'A2\n两行').id);
    assert.equal(dst.topics.get(sum.topicId)?.text, '概括 A1–A2');
    assert.equal(byText(dst, '概括的子主题').parentId, sum.topicId);
    const boundary = [...dst.boundaries.values()][0];
    assert.deepEqual(
      { label: boundary?.label, from: boundary?.fromId, to: boundary?.toId, style: boundary?.style },
      { label: '框', from: byText(dst, 'A2\n两行').id, to: byText(dst, 'A3').id, style: { color: '#336699' } },
    );
    const rels = [...dst.relationships.values()];
    assert.equal(rels.length, 1);
    assert.deepEqual(
      { from: rels[0]?.from, to: rels[0]?.to, label: rels[0]?.label },
      { from: byText(dst, 'A1').id, to: byText(dst, 'A2-1').id, label: '关联' },
    );
  });

  test('the payload survives the system clipboard as html alone (another tab)', () => {
    const { state, ids } = sourceMap();
    const { html } = copySubtrees(state, [ids.a]);
    // What a browser puts on the clipboard around copied HTML.
    const wrapped = `<html><body>\n<!--StartFragment--><meta charset="utf-8">${html}<!--EndFragment-->\n</body></html>`;
    const content = readClipboard({ html: wrapped }, newIds());
    assert.ok(content);
    assert.equal(content.count, 7);
    assert.equal(content.extraOps.length, 3);
    pasteInto(content);
  });

  test('pasting the same payload twice gives two independent copies', () => {
    const { state, ids } = sourceMap();
    const { json } = copySubtrees(state, [ids.a]);
    const ids1 = newIds('x');
    const c1 = readClipboard({ json }, ids1);
    const c2 = readClipboard({ json }, ids1);
    assert.ok(c1 && c2);
    const b = new DocBuilder({ rootText: 'r' });
    const dst = stateFromDoc(b.build());
    for (const c of [c1, c2]) {
      for (const t of c.topics) applyOp(dst, { type: 'topic.create', parentId: b.rootId, topic: t });
      for (const op of c.extraOps) applyOp(dst, op);
    }
    assert.equal(dst.topics.size, 1 + 14);
    assert.equal(dst.summaries.size, 2);
  });

  test('copying the central topic takes the whole map; a floating topic pastes as an ordinary child', () => {
    const b = new DocBuilder({ rootText: '中心' });
    b.add(b.rootId, { text: '分支' });
    b.add(b.rootId, { text: '浮动', detached: true, position: { x: 300, y: -80 } });
    const state = stateFromDoc(b.build());
    const content = readClipboard({ json: copySubtrees(state, [b.rootId]).json }, newIds());
    assert.ok(content);
    assert.equal(content.count, 3);
    const root = content.topics[0] as NewTopic;
    assert.equal(root.text, '中心');
    assert.deepEqual(
      root.children?.map((t) => [t.text, t.detached, t.position]),
      [
        ['分支', undefined, undefined],
        ['浮动', undefined, undefined],
      ],
    );
    pasteInto(content);
  });

  test('a copied summary topic alone pastes as an ordinary topic', () => {
    const { state, ids } = sourceMap();
    const content = readClipboard({ json: copySubtrees(state, [ids.sumTopic]).json }, newIds());
    assert.ok(content);
    assert.equal(content.topics[0]?.text, '概括 A1–A2');
    assert.equal(content.extraOps.length, 0);
    pasteInto(content);
  });
});

describe('readClipboard: hostile payloads', () => {
  const base = () => ({
    format: 'arbor-clipboard',
    version: 1,
    source: 'x',
    roots: ['a'],
    topics: [
      { id: 'a', parentId: 'outside', index: 'a0', text: 'A' },
      { id: 'b', parentId: 'a', index: 'a0', text: 'B' },
    ],
    relationships: [] as unknown[],
    summaries: [] as unknown[],
    boundaries: [] as unknown[],
  });
  const read = (p: unknown) => readPayload(typeof p === 'string' ? p : JSON.stringify(p), newIds());

  test('wrong shapes are refused (null), so the paste falls back to text', () => {
    for (const bad of [
      '',
      'null',
      '[]',
      '"x"',
      '{',
      '{"format":"arbor-clipboard"}',
      JSON.stringify({ ...base(), version: 2 }),
      JSON.stringify({ ...base(), topics: {} }),
      JSON.stringify({ ...base(), roots: [42] }),
      JSON.stringify({ ...base(), topics: [] }),
    ]) {
      assert.equal(read(bad), null, bad);
    }
    const content = readClipboard({ json: '{"format":"arbor-clipboard","version":1}', text: '甲\n\t乙' }, newIds());
    assert.equal(content?.topics[0]?.text, '甲');
    assert.equal(content?.topics[0]?.children?.[0]?.text, '乙');
  });

  test('unsafe fields are dropped, text stays text', () => {
    const p = base();
    Object.assign(p.topics[0] as object, {
      text: '<script>alert(1)</script>',
      note: '<img src=x onerror=alert(1)>',
      href: 'javascript:alert(1)',
      image: { src: 'javascript:alert(1)' },
      style: {
        fill: 'red;background:url(javascript:alert(1))',
        color: 'expression(alert(1))',
        borderColor: '#12345',
        lineColor: 'rgb(1,2,3)',
        fontSize: 1e9,
      },
      markers: ['priority-1', '<svg onload=alert(1)>', 7],
      labels: ['ok', { evil: true }],
      unknownField: 'dropped',
      parentId: 'a',
      summaryId: 'nope',
      detached: true,
    });
    Object.assign(p.topics[1] as object, { href: 'JaVaScRiPt:alert(1)', image: { src: 'data:image/svg+xml;base64,PHN2Zy8+' } });
    const c = read(p);
    assert.ok(c);
    const a = c.topics[0] as NewTopic;
    assert.equal(a.text, '<script>alert(1)</script>');
    assert.equal(a.note, '<img src=x onerror=alert(1)>');
    assert.equal(a.href, undefined);
    assert.equal(a.image, undefined);
    assert.deepEqual(a.style, { lineColor: 'rgb(1,2,3)' });
    assert.deepEqual(a.markers, ['priority-1']);
    assert.deepEqual(a.labels, ['ok'], 'restore drops the entries that are not strings');
    assert.equal((a as Record<string, unknown>).unknownField, undefined);
    assert.equal((a as Record<string, unknown>).detached, undefined);
    assert.equal(a.children?.[0]?.href, undefined);
    assert.equal(a.children?.[0]?.image, undefined);
    pasteInto(c);
  });

  test('cycles, orphans, duplicate ids and prototype keys are repaired, nothing crashes', () => {
    const p = base();
    p.topics.push(
      { id: 'c', parentId: 'd', index: 'a0', text: 'C' },
      { id: 'd', parentId: 'c', index: 'a0', text: 'D' },
      { id: 'b', parentId: 'a', index: 'a1', text: 'B again' },
      { id: '__proto__', parentId: 'a', index: 'a2', text: 'proto' },
      { id: 'constructor', parentId: 'ghost', index: 'zz', text: 'orphan' },
    );
    const c = read(p);
    assert.ok(c);
    const { state } = pasteInto(c);
    const texts = [...state.topics.values()].map((t) => t.text);
    for (const t of ['A', 'B', 'proto', 'orphan']) assert.ok(texts.includes(t), t);
    assert.ok(!texts.includes('B again'), 'the first of a repeated id wins');
    assert.equal(({} as Record<string, unknown>).text, undefined, 'no prototype was polluted');
  });

  test('relationships, summaries and boundaries that point outside or are malformed are dropped', () => {
    const p = base();
    p.relationships = [
      { id: 'r1', from: 'a', to: 'b', label: 'ok', style: { color: 'url(x)' } },
      { id: 'r2', from: 'a', to: 'elsewhere' },
      { id: 'r3', from: 'a' },
      'junk',
    ];
    p.summaries = [{ id: 's1', parentId: 'a', fromId: 'b', toId: 'zzz', topicId: 'nothing' }];
    p.boundaries = [
      { id: 'b1', parentId: 'a', fromId: 'b', toId: 'b', style: { fill: 'javascript:x' } },
      { id: 'b2', parentId: 'outside', fromId: 'a', toId: 'a' },
    ];
    const c = read(p);
    assert.ok(c);
    assert.deepEqual(
      c.extraOps.map((o) => o.type),
      ['boundary.create', 'relationship.create'],
    );
    const rel = c.extraOps[1] as Extract<Op, { type: 'relationship.create' }>;
    assert.equal(rel.relationship.style, undefined);
    const bnd = c.extraOps[0] as Extract<Op, { type: 'boundary.create' }>;
    assert.equal(bnd.boundary.style, undefined);
    pasteInto(c);
  });

  test('huge payloads are refused without parsing', () => {
    const topics = Array.from({ length: MAX_PAYLOAD_TOPICS + 1 }, (_, i) => ({ id: `t${i}`, parentId: null, index: 'a0', text: '' }));
    assert.equal(read({ ...base(), topics }), null);
    assert.equal(read(`{"format":"arbor-clipboard","version":1,"x":"${'x'.repeat(33 * 1024 * 1024)}"}`), null);
  });

  test('a chain nested thousands deep is flattened, not a stack overflow', () => {
    const p = base();
    p.topics = [{ id: 'a', parentId: 'x', index: 'a0', text: 'A' }];
    for (let i = 0; i < 5000; i++) p.topics.push({ id: `c${i}`, parentId: i === 0 ? 'a' : `c${i - 1}`, index: 'a0', text: `c${i}` });
    const c = read(p);
    assert.ok(c);
    assert.equal(c.count, 5001);
    pasteInto(c);
  });

  test('colour and image checks', () => {
    for (const ok of ['#fff', '#A0b1C2', '#00000080', 'rgb(1, 2, 3)', 'rgba(1,2,3,0.5)', 'hsl(120deg 50% 50%)', 'red'])
      assert.equal(safeColor(ok), ok);
    for (const bad of ['#12', 'url(x)', 'red;x:y', 'expression(x)', 'var(--x)', 'inherit', '', 5])
      assert.equal(safeColor(bad), undefined, String(bad));
    for (const ok of [PNG, 'https://a.cn/x.png', 'http://a.cn/x.png', '/api/files/1.png']) assert.equal(safeImageSrc(ok), ok);
    for (const bad of [
      'javascript:x',
      'data:text/html;base64,PGI+',
      'data:image/svg+xml;base64,PHN2Zy8+',
      '//evil.cn/x.png',
      'file:///etc/passwd',
      'x.png"onerror="a',
    ]) {
      assert.equal(safeImageSrc(bad), undefined, bad);
    }
  });
});

describe('readClipboard: HTML and text', () => {
  test('nested lists and headings from a web page or chat app', () => {
    const html = `<meta charset="utf-8"><p>以下是大纲：</p><h2>机器学习</h2><ul><li><p><strong>监督学习</strong>：有标签</p><ul><li>分类</li><li>回归 <a href="https://r.example">详情</a></li></ul></li><li>无监督学习<ol><li>聚类</li></ol></li></ul><p>希望对你有帮助！</p><script>alert(1)</script>`;
    const c = readClipboard({ html, text: 'ignored when the html has an outline' }, newIds());
    assert.ok(c);
    const root = c.topics[0] as NewTopic;
    assert.equal(c.topics.length, 1);
    assert.equal(root.text, '机器学习');
    assert.deepEqual(
      root.children?.map((t) => [t.text, t.children?.map((x) => x.text)]),
      [
        ['监督学习：有标签', ['分类', '回归 详情']],
        ['无监督学习', ['聚类']],
      ],
    );
    assert.equal(root.children?.[0]?.children?.[1]?.href, 'https://r.example');
    assert.equal(c.count, 6);
  });

  test('a list item with several paragraphs: the first is the topic, the rest its note, nested lists its children', () => {
    const html =
      '<ol><li><p><strong>监督学习</strong></p><p>用带标签的数据训练。</p><p>常见算法很多。</p><ul><li>分类</li></ul></li><li>强化学习</li></ol>';
    const c = readClipboard({ html }, newIds());
    const first = c?.topics[0];
    assert.equal(first?.text, '监督学习');
    assert.equal(first?.note, '用带标签的数据训练。\n常见算法很多。');
    assert.deepEqual(
      first?.children?.map((t) => t.text),
      ['分类'],
    );
    assert.equal(c?.topics[1]?.text, '强化学习');
  });

  test('a Google Docs / Word style list with deeper nesting and stray markup', () => {
    const html =
      '<b id="docs-internal-guid-1"><ul><li dir="ltr"><span>第一章</span><ul><li><span>第一节</span></li></ul></li><li><span>第二章</span></li></ul></b>';
    const c = readClipboard({ html }, newIds());
    assert.deepEqual(
      c?.topics.map((t) => [t.text, t.children?.map((x) => x.text)]),
      [
        ['第一章', ['第一节']],
        ['第二章', undefined],
      ],
    );
  });

  test('Word list paragraphs (mso-list levels, numbers in mso-list:Ignore spans)', () => {
    const p = (level: number, n: string, text: string) =>
      `<p class=MsoListParagraphCxSpMiddle style='margin-left:${level * 36}pt;text-indent:-18.0pt;mso-list:l0 level${level} lfo1'><![if !supportLists]><span style='mso-list:Ignore'>${n}<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]><span lang=ZH-CN>${text}</span></p>`;
    const html = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body lang=ZH-CN><!--StartFragment-->${p(1, '1.', '总则')}${p(2, 'a.', '目的')}${p(2, 'b.', '依据')}${p(1, '2.', '分则')}<!--EndFragment--></body></html>`;
    const c = readClipboard({ html, text: '1.\t总则\na.\t目的\nb.\t依据\n2.\t分则' }, newIds());
    assert.deepEqual(
      c?.topics.map((t) => [t.text, t.children?.map((x) => x.text)]),
      [
        ['总则', ['目的', '依据']],
        ['分则', undefined],
      ],
    );
  });

  test('paragraph-only html defers to the text, whose indentation says more', () => {
    const c = readClipboard({ html: '<p>A</p><p>B</p>', text: 'A\n\tB' }, newIds());
    assert.equal(c?.topics[0]?.children?.[0]?.text, 'B');
    const only = readClipboard({ html: '<div>第一行<br>第二行</div>' }, newIds());
    assert.deepEqual(
      only?.topics.map((t) => t.text),
      ['第一行', '第二行'],
    );
  });

  test('deeply nested hostile html does not overflow', () => {
    const html = `${'<ul><li>x'.repeat(3000)}${'</li></ul>'.repeat(3000)}`;
    const c = readClipboard({ html }, newIds());
    assert.ok(c);
    assert.ok(c.count >= 1);
  });

  test('script, style and template content never becomes topics', () => {
    const c = readClipboard(
      { html: '<ul><li>ok<script>alert(1)</script><style>li{}</style></li><template><li>hidden</li></template></ul>' },
      newIds(),
    );
    assert.deepEqual(
      c?.topics.map((t) => t.text),
      ['ok'],
    );
  });

  test('plain text is parsed as an outline; nothing usable gives null', () => {
    const c = readClipboard({ text: '- 甲\n  - 乙' }, newIds());
    assert.equal(c?.topics[0]?.children?.[0]?.text, '乙');
    assert.equal(readClipboard({ text: '  \n ' }, newIds()), null);
    assert.equal(readClipboard({}, newIds()), null);
  });

  test('the custom clipboard type name', () => {
    assert.equal(ARBOR_MIME, 'web application/x-arbor+json');
  });
});
