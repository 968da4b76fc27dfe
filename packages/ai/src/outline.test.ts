import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyOps, asTopicId, DocBuilder, docFromState, docToTitleTree, type Op, stateFromDoc, type TitleTree } from '@arbor/core';
import fc from 'fast-check';
import { OutlineParser, parseOutline } from './outline.ts';

const ROOT = asTopicId('t1'); // DocBuilder's root id

/** The tree the ops build, as indented text (title on the first line). */
function treeOf(ops: Op[]): string {
  const state = stateFromDoc(new DocBuilder({ rootText: '' }).build());
  applyOps(state, ops);
  const lines: string[] = [];
  const walk = (t: TitleTree, d: number) => {
    lines.push(`${'  '.repeat(d)}${t.title}`);
    for (const c of t.children ?? []) walk(c, d + 1);
  };
  walk(docToTitleTree(docFromState(state)), 0);
  return lines.join('\n');
}

const tree = (text: string, mode: 'title' | 'children' = 'title') => treeOf(parseOutline(text, { anchorId: ROOT, mode }).ops);

test('the grammar the prompt asks for', () => {
  assert.equal(tree('- 人工智能\n  - 机器学习\n    - 监督学习\n  - 深度学习\n'), '人工智能\n  机器学习\n    监督学习\n  深度学习');
});

test('preamble, code fence, Markdown headings, numbering and a closing remark', () => {
  const answer = [
    '好的，以下是关于人工智能的思维导图：',
    '',
    '```markdown',
    '# 人工智能',
    '## 1. 机器学习',
    '- **监督学习**：分类与回归',
    '  - 分类',
    '- 无监督学习',
    '## 2. 深度学习',
    '### 2.1 卷积网络',
    '```',
    '',
    '希望这份思维导图对你有帮助！如需调整，请告诉我。',
  ].join('\n');
  assert.equal(tree(answer), '人工智能\n  机器学习\n    监督学习：分类与回归\n      分类\n    无监督学习\n  深度学习\n    卷积网络');
});

test('numbering styles without indentation nest by order of appearance; siblings return', () => {
  assert.equal(
    tree('改革方案\n一、总体要求\n（一）指导思想\n（二）基本原则\n二、主要任务\n（一）深化改革\n1. 第一项\n2. 第二项\n（二）强化保障'),
    [
      '改革方案',
      '  总体要求',
      '    指导思想',
      '    基本原则',
      '  主要任务',
      '    深化改革',
      '      第一项',
      '      第二项',
      '    强化保障',
    ].join('\n'),
  );
  assert.equal(tree('Title\n1. A\n1.1 a1\n1.2 a2\n2. B'), 'Title\n  A\n    a1\n    a2\n  B');
  assert.equal(tree('T\n① 甲\n② 乙\n* 丙\n+ 丁'), 'T\n  甲\n  乙\n    丙\n    丁');
});

test('a colon introducing subtopics is dropped; one inside the text stays', () => {
  assert.equal(tree('- 机器学习：\n  - 监督学习: 分类\n- Tools:\n', 'children'), '\n  机器学习\n    监督学习: 分类\n  Tools');
});

test('tabs, odd indentation, CRLF and full-width spaces', () => {
  assert.equal(tree('Root\r\n\t- A\r\n\t\t- a\r\n\t- B\r\n'), 'Root\n  A\n    a\n  B');
  assert.equal(tree('Root\n   * A\n      * a\n         * x\n   * B'), 'Root\n  A\n    a\n      x\n  B');
  assert.equal(tree('Root\n-\u3000A\n\u3000\u3000- a'), 'Root\n  A\n    a');
});

test('children mode: every line under the anchor; a dedent past the first level stays under it', () => {
  assert.equal(tree('    - A\n      - a\n  - B\n- C', 'children'), '\n  A\n    a\n  B\n  C');
});

test('ids are stable by (parent, text) and duplicates are told apart', () => {
  const a = parseOutline('- X\n  - same\n  - same\n- Y\n  - same', { anchorId: ROOT });
  const b = parseOutline('- X\n  - same\n  - same\n- Y\n  - same', { anchorId: ROOT });
  assert.deepEqual(a.ops, b.ops);
  const ids = a.nodes.map((n) => n.id);
  assert.equal(new Set(ids).size, ids.length);
  const taken = new Set([a.nodes[0]?.id as string]);
  const c = parseOutline('- X', { anchorId: ROOT, taken: (id) => taken.has(id) });
  assert.notEqual(c.nodes[0]?.id, a.nodes[0]?.id);
});

test('limits: depth, number of topics, text length', () => {
  const deep = parseOutline('- a\n  - b\n    - c\n      - d', { anchorId: ROOT, maxDepth: 2 });
  assert.deepEqual(
    deep.nodes.map((n) => n.depth),
    [1, 2, 2, 2],
  );
  const many = parseOutline(Array.from({ length: 50 }, (_, i) => `- t${i}`).join('\n'), { anchorId: ROOT, maxTopics: 10 });
  assert.equal(many.nodes.length, 10);
  const long = parseOutline(`- ${'长'.repeat(500)}`, { anchorId: ROOT, maxTextLength: 20 });
  assert.equal(long.nodes[0]?.text.length, 20);
});

test('prose instead of an outline gives no topics', () => {
  const prose =
    '人工智能是计算机科学的一个分支，它研究如何让机器具有智能。近年来，深度学习取得了很大进展。\n\n总之，人工智能会深刻改变我们的生活，这一点是毋庸置疑的。';
  assert.equal(parseOutline(prose, { anchorId: ROOT }).nodes.length, 0);
});

test('a topic line is emitted as soon as its line break arrives', () => {
  const p = new OutlineParser({ anchorId: ROOT });
  assert.deepEqual(p.push('- 机器'), []);
  const ops = p.push('学习\n- 深');
  assert.equal(ops.length, 1);
  assert.equal(ops[0]?.type === 'topic.create' && ops[0].topic.text, '机器学习');
  assert.equal(p.end().length, 1);
});

const SAMPLES = [
  '好的，以下是大纲：\n```\n# 人工智能\n## 1. 机器学习\n- 监督学习\n  - 分类 😀\n- 无监督\n## 2. 深度学习\n```\n希望有帮助！',
  '改革方案\r\n一、总体要求\r\n（一）指导思想\r\n1. 第一\r\n二、主要任务\r\n',
  '- A\n\t- a\n\t\t- x\n- B\n  - b\n- A\n- A',
];

test('property: any split of a stream into chunks gives the same operations', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...SAMPLES),
      fc.array(fc.nat(), { maxLength: 30 }),
      fc.constantFrom<'title' | 'children'>('title', 'children'),
      (text, cuts, mode) => {
        const whole = parseOutline(text, { anchorId: ROOT, mode }).ops;
        const chars = [...text];
        const points = [...new Set(cuts.map((c) => c % (chars.length + 1)))].sort((a, b) => a - b);
        const p = new OutlineParser({ anchorId: ROOT, mode });
        const ops: Op[] = [];
        let prev = 0;
        for (const at of [...points, chars.length]) {
          ops.push(...p.push(chars.slice(prev, at).join('')));
          prev = at;
        }
        ops.push(...p.end());
        assert.deepEqual(ops, whole);
      },
    ),
    { numRuns: 300 },
  );
});

test('property: random outlines of bullets and indentation rebuild their own tree', () => {
  const node: fc.Arbitrary<{ depth: number; text: string }[]> = fc.array(
    fc.record({ depth: fc.integer({ min: 0, max: 3 }), text: fc.stringMatching(/^[a-z\u4e00-\u4e20]{1,6}$/) }),
    { minLength: 1, maxLength: 25 },
  );
  fc.assert(
    fc.property(node, fc.constantFrom(2, 4), fc.array(fc.nat(), { maxLength: 10 }), (items, width, cuts) => {
      // Make depths valid (each at most one deeper than the previous).
      let prev = -1;
      const lines = items.map((it) => {
        const d = Math.min(it.depth, prev + 1);
        prev = d;
        return { d, text: it.text };
      });
      const text = lines.map((l) => `${' '.repeat(l.d * width)}- ${l.text}`).join('\n');
      const p = new OutlineParser({ anchorId: ROOT, mode: 'children', maxDepth: 10 });
      let at = 0;
      for (const c of [...cuts.map((c) => c % (text.length + 1))].sort((a, b) => a - b)) {
        p.push(text.slice(at, c));
        at = c;
      }
      p.push(text.slice(at));
      p.end();
      assert.deepEqual(
        p.nodes.map((n) => n.depth - 1),
        lines.map((l) => l.d),
      );
      assert.deepEqual(
        p.nodes.map((n) => n.text),
        lines.map((l) => l.text),
      );
    }),
    { numRuns: 300 },
  );
});
