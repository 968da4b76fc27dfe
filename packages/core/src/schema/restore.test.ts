import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { docFromShape } from '../ops/testing.ts';
import { stateFromDoc } from '../store.ts';
import { DocFormatError } from './errors.ts';
import { checkInvariants } from './invariants.ts';
import type { RepairKind } from './repairs.ts';
import { restore, restoreState } from './restore.ts';
import { validateDoc } from './validate.ts';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

/** Restores, checks the result is whole and stable, and returns the repair kinds by record id. */
function restoreChecked(json: unknown) {
  const result = restore(json);
  assert.deepEqual(checkInvariants(stateFromDoc(result.doc)), [], 'a restored document is whole');
  assert.deepEqual(restore(clone(result.doc)).repairs, [], 'restoring twice repairs nothing more');
  assert.deepEqual(validateDoc(clone(result.doc)), [], 'a restored document validates');
  const kinds = (id?: string) => result.repairs.filter((r) => r.id === id).map((r) => r.kind);
  return {
    ...result,
    kinds,
    has: (kind: RepairKind, id?: string) => result.repairs.some((r) => r.kind === kind && (id === undefined || r.id === id)),
  };
}

const topic = (id: string, parentId: string | null, index: string, extra: object = {}) => ({
  id,
  parentId,
  index,
  text: id.toUpperCase(),
  ...extra,
});
const base = () => ({
  schema: 1,
  id: 'doc',
  title: 'T',
  rootId: 'r',
  structure: 'mindmap',
  theme: { name: 'classic' },
  topics: {
    r: topic('r', null, 'a0'),
    a: topic('a', 'r', 'a0'),
    b: topic('b', 'r', 'a1'),
    c: topic('c', 'r', 'a2'),
    a1: topic('a1', 'a', 'a0'),
  } as Record<string, unknown>,
  relationships: {} as Record<string, unknown>,
  summaries: {} as Record<string, unknown>,
  boundaries: {} as Record<string, unknown>,
});

describe('restore', () => {
  test('a valid document comes back equal, with no repairs', () => {
    const doc = docFromShape(
      [0, 0, 1, 2, 2, 0],
      [
        [0, 0, 1],
        [0, 1, 2],
        [1, 3, 3],
      ],
    );
    const { doc: out, repairs } = restore(clone(doc));
    assert.deepEqual(repairs, []);
    assert.deepEqual(out, clone(doc));
  });

  test('orphans and extra roots are attached to the root', () => {
    const d = base();
    d.topics.o = topic('o', 'ghost', 'a5');
    d.topics.x = topic('x', null, 'a6');
    const { doc, has } = restoreChecked(d);
    assert.ok(has('orphan', 'o') && has('extra-root', 'x'));
    assert.equal(doc.topics.o?.parentId, 'r');
    assert.equal(doc.topics.x?.parentId, 'r');
  });

  test('parent cycles are broken', () => {
    const d = base();
    d.topics.p = topic('p', 'q', 'a0');
    d.topics.q = topic('q', 'p', 'a0');
    d.topics.s = topic('s', 's', 'a9');
    const { has } = restoreChecked(d);
    assert.ok(has('cycle', 'p') || has('cycle', 'q'));
    assert.ok(has('cycle', 's'));
  });

  test('a missing root is chosen, or created when there are no topics', () => {
    const d = base();
    d.rootId = 'nope';
    assert.equal(restoreChecked(d).doc.rootId, 'r');
    const empty = restoreChecked({ schema: 1, title: '空', topics: {} });
    assert.ok(empty.has('missing-root'));
    assert.equal(empty.doc.topics[empty.doc.rootId]?.text, '空');
    const rooted = base();
    rooted.topics.r = topic('r', 'a', 'a0');
    const r2 = restoreChecked(rooted);
    assert.ok(r2.has('root-parent', 'r'));
  });

  test('invalid and duplicate sibling indices are reassigned, keeping the good ones', () => {
    const d = base();
    d.topics.b = topic('b', 'r', 'a0');
    d.topics.c = topic('c', 'r', 'not an index!');
    d.topics.e = topic('e', 'r', 7 as never);
    const { doc, kinds } = restoreChecked(d);
    assert.deepEqual(kinds('b'), ['index']);
    assert.ok(kinds('c').includes('index'));
    assert.equal(doc.topics.a?.index, 'a0', 'a valid index is kept');
  });

  test('wrong field types and unknown fields are dropped; the key wins over a different id', () => {
    const d = base();
    d.topics.a = { ...topic('a', 'r', 'a0'), note: 5, style: { fill: '#fff', fontSize: 'x' }, colour: 'red', id: 'zz' };
    const { doc, has } = restoreChecked(d);
    assert.ok(has('invalid-field', 'a') && has('unknown-field', 'a') && has('id-mismatch', 'a'));
    assert.deepEqual(doc.topics.a, { id: 'a', parentId: 'r', index: 'a0', text: 'A', style: { fill: '#fff' } });
  });

  test('dangling relationships, summaries and boundaries are dropped or narrowed', () => {
    const d = base();
    d.topics.st = topic('st', 'r', 'a9', { summaryId: 's1' });
    d.topics.lonely = topic('lonely', 'r', 'b0', { summaryId: 'nothing' });
    d.relationships = { r1: { id: 'r1', from: 'a', to: 'ghost' }, r2: { id: 'r2', from: 'a', to: 'b' }, r3: { id: 'r3', from: 'a' } };
    d.summaries = {
      s1: { id: 's1', parentId: 'r', fromId: 'c', toId: 'a', topicId: 'st' }, // backwards
      s2: { id: 's2', parentId: 'r', fromId: 'a', toId: 'b', topicId: 'missing' }, // topic missing
      s3: { id: 's3', parentId: 'gone', fromId: 'a', toId: 'b', topicId: 'st' },
    };
    d.boundaries = {
      b1: { id: 'b1', parentId: 'r', fromId: 'a', toId: 'ghost' },
      b2: { id: 'b2', parentId: 'a', fromId: 'b', toId: 'c' },
    };
    const { doc, has } = restoreChecked(d);
    assert.deepEqual(Object.keys(doc.relationships), ['r2']);
    assert.ok(has('dangling-relationship', 'r1') && has('dangling-relationship', 'r3'));
    assert.deepEqual([doc.summaries.s1?.fromId, doc.summaries.s1?.toId], ['a', 'c']);
    assert.ok(has('summary-range', 's1') && has('dangling-summary', 's2') && has('dangling-summary', 's3'));
    assert.ok(has('summary-topic', 'lonely'));
    assert.equal(doc.topics.lonely?.summaryId, undefined);
    assert.deepEqual([doc.boundaries.b1?.fromId, doc.boundaries.b1?.toId], ['a', 'a']);
    assert.ok(has('boundary-range', 'b1') && has('dangling-boundary', 'b2'));
  });

  test('unknown structure and theme names fall back, with a report', () => {
    const d = { ...base(), structure: 'spiral', theme: { name: 'neon-pink' } };
    const { doc, has } = restoreChecked(d);
    assert.equal(doc.structure, 'mindmap');
    assert.equal(doc.theme.name, 'classic');
    assert.ok(has('unknown-structure') && has('unknown-theme'));
  });

  test('defaults are filled', () => {
    const { doc, has } = restoreChecked({ schema: 1, rootId: 'r', topics: { r: { parentId: null, index: 'a0', text: '中心' } } });
    assert.equal(doc.title, '中心');
    assert.deepEqual([doc.id, doc.structure, doc.theme.name], ['doc', 'mindmap', 'classic']);
    assert.ok(has('default'));
  });

  test('a version-0 document is migrated: arrays, duplicate ids, title, numeric order, relations', () => {
    const v0 = {
      title: 'old',
      rootId: 'r',
      topics: [
        { id: 'r', parentId: null, title: '根' },
        { id: 'x', parentId: 'r', title: 'second', index: 2 },
        { id: 'y', parentId: 'r', title: 'first', index: 1 },
        { id: 'x', parentId: 'r', title: 'duplicate', index: 3 },
      ],
      relations: [{ id: 'l', from: 'x', to: 'y' }],
    };
    const { doc, has } = restoreChecked(v0);
    assert.ok(has('migrated') && has('duplicate-id', 'x~2'));
    const kids = Object.values(doc.topics)
      .filter((t) => t.parentId === 'r')
      .sort((a, b) => (a.index < b.index ? -1 : 1))
      .map((t) => t.text);
    assert.deepEqual(kids, ['first', 'second', 'duplicate']);
    assert.equal(doc.topics.r?.text, '根');
    assert.deepEqual(Object.keys(doc.relationships), ['l']);
  });

  test('hopeless input is refused with DocFormatError', () => {
    for (const bad of [null, 3, 'x', [], { topics: 5 }, { schema: 99, topics: {} }, { schema: 'one', topics: {} }, {}]) {
      assert.throws(() => restore(bad), DocFormatError);
    }
  });

  test('restoreState gives a whole in-memory document', () => {
    const d = base();
    d.topics.o = topic('o', 'ghost', 'a0');
    assert.deepEqual(checkInvariants(restoreState(d)), []);
  });
});

describe('restore on randomly corrupted documents', () => {
  const values = fc.oneof(
    fc.constant(null),
    fc.constant(undefined),
    fc.string({ maxLength: 4 }),
    fc.integer(),
    fc.boolean(),
    fc.constantFrom('r', 't1', 't2', 't3', 'a0', 'a0', 'zz'),
  );
  const corruption = fc.record({
    collection: fc.constantFrom('topics', 'relationships', 'summaries', 'boundaries', 'doc'),
    record: fc.nat(50),
    field: fc.constantFrom(
      'id',
      'parentId',
      'index',
      'text',
      'from',
      'to',
      'fromId',
      'toId',
      'topicId',
      'summaryId',
      'detached',
      'rootId',
      'structure',
      'theme',
      'style',
    ),
    value: values,
  });

  test('always gives a whole, stable document (or a DocFormatError)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(100), { maxLength: 25 }),
        fc.array(fc.tuple(fc.nat(100), fc.nat(100), fc.nat(100)), { maxLength: 6 }),
        fc.array(corruption, { minLength: 1, maxLength: 8 }),
        (parents, extras, corruptions) => {
          const doc = clone(docFromShape(parents, extras)) as unknown as Record<string, Record<string, Record<string, unknown>>>;
          for (const c of corruptions) {
            if (c.collection === 'doc') {
              (doc as Record<string, unknown>)[c.field] = c.value;
              continue;
            }
            const recs = Object.values(doc[c.collection] ?? {});
            const rec = recs[c.record % Math.max(1, recs.length)];
            if (rec) rec[c.field] = c.value;
          }
          try {
            restoreChecked(doc);
          } catch (e) {
            if (!(e instanceof DocFormatError)) throw e;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

test('ids such as __proto__ stay ordinary keys', () => {
  const text =
    '{"rootId":"__proto__","topics":[{"id":"__proto__","parentId":null,"title":"根"},{"id":"constructor","parentId":"__proto__","index":1}]}';
  const { doc } = restoreChecked(JSON.parse(text));
  const topics = new Map(Object.entries(doc.topics));
  assert.deepEqual([...topics.keys()].sort(), ['__proto__', 'constructor']);
  assert.equal(Object.getPrototypeOf(doc.topics), Object.prototype);
  assert.equal(topics.get('constructor')?.parentId, '__proto__');
  assert.equal(topics.get('__proto__')?.text, '根');
});
