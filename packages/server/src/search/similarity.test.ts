import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { mergeNeighbour, SimilarityIndex } from './similarity.ts';

const docs: Record<string, string[]> = {
  contract: ['合同', '违约', '要约', '承诺', '合同', '违约金'],
  contract2: ['合同', '违约', '解除', '合同', '赔偿'],
  crime: ['犯罪', '刑罚', '故意', '过失', '刑罚'],
  crime2: ['犯罪', '刑罚', '量刑', '自首'],
  labour: ['劳动', '合同', '工资', '解除'],
};

function build(): SimilarityIndex {
  const index = new SimilarityIndex();
  for (const [k, terms] of Object.entries(docs)) index.upsert(k, terms);
  return index;
}

test('the nearest neighbour shares the most weighted terms', () => {
  const index = build();
  assert.equal(index.neighbours('contract', 3)[0]?.key, 'contract2');
  assert.equal(index.neighbours('crime', 3)[0]?.key, 'crime2');
  assert.ok(!index.neighbours('crime', 5).some((n) => n.key === 'labour'), 'no shared term, no score');
});

test('scores are cosines: in (0, 1], symmetric', () => {
  const index = build();
  const ab = index.neighbours('contract', 5).find((n) => n.key === 'labour')?.score ?? 0;
  const ba = index.neighbours('labour', 5).find((n) => n.key === 'contract')?.score ?? 0;
  assert.ok(ab > 0 && ab <= 1);
  assert.ok(Math.abs(ab - ba) < 1e-9);
});

test('upsert replaces and remove forgets', () => {
  const index = build();
  index.upsert('labour', ['犯罪', '刑罚']);
  assert.ok(index.neighbours('crime', 5).some((n) => n.key === 'labour'));
  index.remove('crime2');
  assert.ok(!index.neighbours('crime', 5).some((n) => n.key === 'crime2'));
  assert.equal(index.size, 4);
  assert.deepEqual(index.neighbours('missing', 3), []);
});

test('identical documents score 1, and neighbours never include the document itself', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('甲', '乙', '丙', '丁', '戊'), { minLength: 1, maxLength: 12 }), (terms) => {
      const index = new SimilarityIndex();
      index.upsert('a', terms);
      index.upsert('b', terms);
      index.upsert('c', ['无关']);
      const n = index.neighbours('a', 5);
      assert.ok(n.every((x) => x.key !== 'a'));
      assert.ok(Math.abs((n[0]?.score ?? 0) - 1) < 1e-9);
    }),
  );
});

test('mergeNeighbour keeps the top list sorted and bounded', () => {
  const list = [
    { key: 'a', score: 0.9 },
    { key: 'b', score: 0.5 },
  ];
  assert.equal(mergeNeighbour(list, { key: 'c', score: 0.1 }, 2), null);
  assert.deepEqual(
    mergeNeighbour(list, { key: 'c', score: 0.7 }, 2)?.map((n) => n.key),
    ['a', 'c'],
  );
  assert.deepEqual(
    mergeNeighbour(list, { key: 'c', score: 0.1 }, 3)?.map((n) => n.key),
    ['a', 'b', 'c'],
  );
  assert.equal(mergeNeighbour(list, { key: 'a', score: 0.9 }, 2), null);
  assert.deepEqual(
    mergeNeighbour(list, { key: 'a', score: 0.2 }, 2)?.map((n) => n.key),
    ['b', 'a'],
  );
});
