// The shipped evaluation cases (test/fixtures, copied from the doc2map evaluation set) and the project's own
// (test/cases): every expected heading is found in document order, under the heading it belongs to.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { docToTitleTree, type TitleTree } from '@arbor/core';
import { documentToMap } from './index.ts';

const FIXTURES = new URL('../test/fixtures/', import.meta.url).pathname;

/** Width, punctuation, spacing and Markdown markup do not count when comparing titles. */
function norm(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s*_`#.,;:!?。，、；：！？…"'“”‘’()（）-]/g, '');
}

interface Flat {
  key: string;
  parent: number;
  depth: number;
}

function flatten(tree: TitleTree): Flat[] {
  const out: Flat[] = [];
  const walk = (node: TitleTree, parent: number, depth: number) => {
    for (const c of node.children ?? []) {
      out.push({ key: norm(c.title), parent, depth });
      walk(c, out.length - 1, depth + 1);
    }
  };
  walk(tree, -1, 1);
  return out;
}

const same = (a: string, b: string) => a === b || (Math.min(a.length, b.length) >= 4 && (a.startsWith(b) || b.startsWith(a)));

/** Weight of pairing an expected heading with a produced topic: exact text > prefix, plus a bonus at the same depth. */
function weight(e: Flat, p: Flat): number {
  const base = e.key === p.key ? 2 : same(e.key, p.key) ? 1 : 0;
  return base && base + (e.depth === p.depth ? 0.5 : 0);
}

/** Order-preserving maximum-weight alignment of expected headings and produced topics; recall and parent accuracy. */
function score(expected: TitleTree, produced: TitleTree): { recall: number; parentAccuracy: number; missed: string[] } {
  const exp = flatten(expected);
  const prod = flatten(produced);
  const n = exp.length;
  const m = prod.length;
  const best: Float64Array[] = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) {
      const w = weight(exp[i] as Flat, prod[j] as Flat);
      const row = best[i] as Float64Array;
      row[j] = Math.max(
        (best[i + 1] as Float64Array)[j] as number,
        row[j + 1] as number,
        w ? w + ((best[i + 1] as Float64Array)[j + 1] as number) : 0,
      );
    }
  const match = new Map<number, number>();
  for (let i = 0, j = 0; i < n && j < m; ) {
    const w = weight(exp[i] as Flat, prod[j] as Flat);
    const here = (best[i] as Float64Array)[j] as number;
    if (w && here === w + ((best[i + 1] as Float64Array)[j + 1] as number)) {
      match.set(i, j);
      i++;
      j++;
    } else if (here === (best[i + 1] as Float64Array)[j]) i++;
    else j++;
  }
  const missed = exp.filter((_, i) => !match.has(i)).map((e) => e.key);
  let parentsRight = 0;
  for (const [e, p] of match) {
    const ep = (exp[e] as Flat).parent;
    const pp = (prod[p] as Flat).parent;
    if ((ep < 0 && pp < 0) || (ep >= 0 && match.get(ep) === pp)) parentsRight++;
  }
  return { recall: match.size / Math.max(1, n), parentAccuracy: parentsRight / Math.max(1, match.size), missed };
}

/** The project's own cases (numbering styles the public set does not show; RFCs 2324 and 3339), same format. */
const CASES = new URL('../test/cases/', import.meta.url).pathname;

const cases = [FIXTURES, CASES].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.expected.json'))
    .map((f) => ({ dir, name: f.replace('.expected.json', '') })),
);

for (const { dir: FIXTURES, name } of cases) {
  test(`eval case ${name}`, async () => {
    const input = readdirSync(FIXTURES).find(
      (f) => f.startsWith(`${name}.`) && !f.endsWith('.json') && !f.endsWith('.bodytext.txt'),
    ) as string;
    const expected = JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8')) as TitleTree;
    const { doc } = await documentToMap(new Uint8Array(readFileSync(join(FIXTURES, input))), { fileName: input });
    const tree = docToTitleTree(doc);
    assert.ok(same(norm(tree.title), norm(expected.title)), `root "${tree.title}" ≠ "${expected.title}"`);
    const s = score(expected, tree);
    assert.ok(s.recall >= 0.95, `recall ${s.recall.toFixed(3)}; missed: ${s.missed.join(' | ')}`);
    assert.ok(s.parentAccuracy >= 0.95, `parent accuracy ${s.parentAccuracy.toFixed(3)}`);
  });
}

test('the Fuxin notice: root, 一、…四、, their （一）, the 1、2、3、 items and the two references', async () => {
  const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'cn_notice_fuxin_shebao.txt')));
  const { doc } = await documentToMap(bytes, { fileName: 'notice.txt', bodyLeaves: false });
  const tree = docToTitleTree(doc);
  assert.equal(tree.title, '辽宁省阜新市人民政府关于印发加强社会保险扩面与基金征缴工作实施方案的通知');
  const top = (tree.children ?? []).map((c) => c.title);
  assert.deepEqual(top.slice(0, 4), ['一、工作目标', '二、工作步骤', '三、工作措施', '四、有关要求']);
  const steps = tree.children?.[1]?.children ?? [];
  assert.deepEqual(
    steps.map((c) => c.title.slice(0, 3)),
    ['(一)', '(二)', '(三)'],
  );
  assert.deepEqual(
    (steps[0]?.children ?? []).map((c) => c.title.slice(0, 2)),
    ['1、', '2、', '3、'],
  );
  const refs = doc.meta?.references ?? [];
  assert.ok(refs.includes('《中华人民共和国劳动法》'), refs.join());
  assert.ok(refs.includes('《社会保险费征缴暂行条例》（国务院令第25号）') || refs.includes('《社会保险费征缴暂行条例》'), refs.join());
  assert.ok(!refs.some((r) => r.includes('营业执照')), 'certificates are not references');
});
