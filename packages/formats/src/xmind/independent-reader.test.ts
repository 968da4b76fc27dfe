// An `.xmind` written by Arbor is read back correctly by an independent reader: the XMind parser
// of the npm package simple-mind-map (`src/parse/xmind.js`), run in Node with the few browser
// globals its utility module touches at load time stubbed out. It reads Zen (content.json) and
// XMind 8 (content.xml) files.

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { ImportResult } from '../types.ts';
import { xmind8Format, xmindFormat } from './index.ts';
import { fixture, sampleDoc } from './test-support.ts';

interface SmmNode {
  data: { text: string; note?: string; hyperlink?: string; tag?: string[]; image?: string; generalization?: { text: string }[] };
  children: SmmNode[];
}
type SmmParse = (file: Uint8Array) => Promise<SmmNode>;

let parseXmindFile: SmmParse;

before(async () => {
  const g = globalThis as Record<string, unknown>;
  // Read at module load by simple-mind-map's utilities (fullscreen helpers); never used by the parser.
  g.document ??= { documentElement: {}, addEventListener() {}, createElement: () => ({ style: {} }) };
  g.window ??= globalThis;
  // @ts-expect-error: plain JavaScript without type declarations
  const mod = await import('simple-mind-map/src/parse/xmind.js');
  parseXmindFile = mod.default.parseXmindFile;
});

/** `{title, children}` from a simple-mind-map tree, children in order. */
function titles(n: SmmNode): unknown {
  return n.children.length ? { t: n.data.text, c: n.children.map(titles) } : { t: n.data.text };
}

function find(n: SmmNode, text: string): SmmNode | undefined {
  const stack = [n];
  while (stack.length) {
    const cur = stack.pop() as SmmNode;
    if (cur.data.text === text) return cur;
    stack.push(...cur.children);
  }
  return undefined;
}

describe('simple-mind-map reads what Arbor writes', () => {
  for (const [name, format] of [
    ['Zen', xmindFormat],
    ['XMind 8', xmind8Format],
  ] as const) {
    test(`${name}: a built document keeps text, order, notes, links, labels, summary`, async () => {
      const doc = sampleDoc();
      const bytes = format.serialize?.(doc) as Uint8Array;
      const tree = await parseXmindFile(bytes);
      assert.deepEqual(titles(tree), {
        t: 'Central 中心',
        c: [{ t: 'A <&> "quoted"', c: [{ t: 'links to B' }] }, { t: 'B 乙', c: [{ t: 'child of B' }] }, { t: '' }],
      });
      const a = find(tree, 'A <&> "quoted"');
      // simple-mind-map takes a Zen note whole, and only the first paragraph of an XMind 8 note.
      assert.equal(a?.data.note, name === 'Zen' ? 'line 1\nline 2 <b>not html</b>' : 'line 1');
      assert.deepEqual(a?.data.tag, ['x', '标签']);
      assert.equal(find(tree, 'B 乙')?.data.hyperlink, 'https://example.com/?a=1&b=2');
      assert.deepEqual(
        tree.data.generalization?.map((g) => g.text),
        ['summary of A–C'],
      );
    });
  }

  test('Zen: the image Arbor stores under resources/ is found', async () => {
    const tree = await parseXmindFile(xmindFormat.serialize?.(sampleDoc()) as Uint8Array);
    const imageTopic = tree.children[2];
    assert.match(imageTopic?.data.image ?? '', /^data:image\/png;base64,iVBORw0KGgo/);
  });

  test('a real map converted XMind 8 → Arbor → Zen has the same outline in both readers', async () => {
    const original = fixture('xmind-legacy/xmind2testcase-template-v1.1-cjk.xmind');
    const ours = xmindFormat.parse(original) as ImportResult;
    const written = xmindFormat.serialize?.(ours.doc) as Uint8Array;
    // Its XMind 8 reader logs (and skips) the notes it cannot find on XMind's own files.
    const log = console.log;
    console.log = () => {};
    const theirsOfOriginal = await parseXmindFile(original).finally(() => {
      console.log = log;
    });
    const theirsOfOurs = await parseXmindFile(written);
    assert.deepEqual(titles(theirsOfOurs), titles(theirsOfOriginal));
    const again = xmindFormat.parse(written) as ImportResult;
    assert.equal(Object.keys(again.doc.topics).length, Object.keys(ours.doc.topics).length);
  });
});
