import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asTopicId, DocBuilder, type NewTopic, stateFromDoc, type TopicId } from '@arbor/core';
import fc from 'fast-check';
import { copySubtrees, readClipboard } from './clipboard.ts';
import { parse5HtmlParser } from './html-parse5.ts';
import { countNodes, type OutlineNode } from './outline.ts';
import { parsePastedText } from './paste-text.ts';

interface Tree {
  text: string;
  children: Tree[];
}

/** Topic texts without markup, numbering or bullets: words of letters, Han characters and digits. */
const word = fc.stringMatching(/^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5]{0,8}$/);
const text = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
const treeOfDepth = (depth: number): fc.Arbitrary<Tree> =>
  depth === 0
    ? text.map((t) => ({ text: t, children: [] }))
    : fc.record({ text, children: fc.array(treeOfDepth(depth - 1), { maxLength: 3 }) });
const tree = treeOfDepth(4);
/** Plain objects (fast-check's records have no prototype, which deepEqual tells apart). */
const forest = fc.array(tree, { minLength: 1, maxLength: 4 }).map((f) => JSON.parse(JSON.stringify(f)) as Tree[]);

const strip = (nodes: readonly OutlineNode[]): Tree[] => nodes.map((n) => ({ text: n.text, children: strip(n.children) }));

function build(roots: Tree[]) {
  const b = new DocBuilder({ rootText: 'root' });
  const ids: TopicId[] = [];
  const add = (parent: TopicId, t: Tree): TopicId => {
    const id = b.add(parent, { text: t.text });
    for (const c of t.children) add(id, c);
    return id;
  };
  for (const r of roots) ids.push(add(b.rootId, r));
  return { state: stateFromDoc(b.build()), ids };
}

test('property: an outline copied as text pastes back as the same tree (tabs, or any indent style)', () => {
  fc.assert(
    fc.property(forest, fc.constantFrom('\t', '  ', '    ', '\u3000\u3000'), (roots, indent) => {
      const { state, ids } = build(roots);
      const copied = copySubtrees(state, ids).text.replace(/^\t+/gm, (tabs) => indent.repeat(tabs.length));
      const pasted = parsePastedText(copied);
      assert.deepEqual(strip(pasted.roots), roots);
      assert.equal(pasted.count, countNodes(pasted.roots));
    }),
    { numRuns: 150 },
  );
});

test('property: the plain HTML list of a copy pastes back as the same tree', () => {
  fc.assert(
    fc.property(forest, (roots) => {
      const { state, ids } = build(roots);
      const html = copySubtrees(state, ids).html.replace(/ data-arbor="[^"]*"/, '');
      let n = 0;
      const content = readClipboard({ html }, () => asTopicId(`h${++n}`), parse5HtmlParser);
      assert.ok(content);
      const back = (ts: readonly NewTopic[]): Tree[] => ts.map((t) => ({ text: t.text ?? '', children: back(t.children ?? []) }));
      assert.deepEqual(back(content.topics), roots);
    }),
    { numRuns: 100 },
  );
});

test('property: any text parses without throwing, with a count that matches the tree and no empty topic', () => {
  const piece = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.constantFrom(
      '\n',
      '\r\n',
      '\t',
      '  ',
      '\u3000',
      '# ',
      '- ',
      '* ',
      '1. ',
      '一、',
      '（一）',
      '```',
      '> ',
      '| a |',
      '**',
      '[x](',
      '<br>',
      '---',
      '\uFEFF',
      '\u200B',
    ),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
      const o = parsePastedText(pieces.join(''));
      assert.equal(o.count, countNodes(o.roots));
      const stack = [...o.roots];
      while (stack.length > 0) {
        const node = stack.pop() as OutlineNode;
        assert.ok(node.text.trim() !== '' || node.task !== undefined || node.note !== undefined, JSON.stringify(node));
        stack.push(...node.children);
      }
    }),
    { numRuns: 300 },
  );
});
