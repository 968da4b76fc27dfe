import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { docFromShape } from '../ops/testing.ts';
import { DocFormatError } from './errors.ts';
import { findJsonSyntaxError } from './json-syntax.ts';
import { parseDocJson, validateDoc } from './validate.ts';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
type Json = Record<string, unknown>;
const valid = (): Json =>
  clone(
    docFromShape(
      [0, 0, 1, 1, 2],
      [
        [0, 0, 1],
        [1, 0, 0],
      ],
    ),
  ) as unknown as Json;
/** Sets (or with `undefined`, deletes) the value at a dotted path of a JSON fixture. */
function set(doc: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let cur = doc;
  for (const k of keys) cur = cur[k] as Json;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
}

describe('validateDoc', () => {
  test('a valid document has no issues', () => {
    assert.deepEqual(validateDoc(valid()), []);
  });

  test('names the path and why, first problem first', () => {
    const d = valid();
    set(d, 'topics.t3.parentId', 5);
    set(d, 'topics.t4.style', { fontSize: 'big' });
    const issues = validateDoc(d);
    assert.deepEqual(issues[0], { path: 'topics.t3.parentId', message: 'must be a non-empty string or null', repairable: false });
    assert.deepEqual(issues[1], { path: 'topics.t4.style.fontSize', message: 'must be a finite number', repairable: false });
  });

  test('structural problems are listed as repairable', () => {
    const d = valid();
    set(d, 'topics.t3.parentId', 'ghost');
    set(d, 'structure', 'spiral');
    set(d.topics as Json, 'odd key', { id: 'odd key', parentId: 't1', index: 'a0', text: 'dup index' });
    const issues = validateDoc(d);
    assert.ok(issues.length >= 3 && issues.every((i) => i.repairable));
    assert.ok(issues.some((i) => i.path === 'topics.t3.parentId' && /does not exist/.test(i.message)));
    assert.ok(issues.some((i) => i.path === 'structure' && /unknown structure "spiral"/.test(i.message)));
    assert.ok(issues.some((i) => i.path.startsWith('topics') && /duplicate or unordered/.test(i.message)));
  });

  test('older and newer schema versions', () => {
    const d = valid();
    set(d, 'schema', undefined);
    assert.deepEqual(validateDoc(d)[0]?.path, 'schema');
    assert.equal(validateDoc(d)[0]?.repairable, true);
    set(d, 'schema', 7);
    assert.match(validateDoc(d)[0]?.message ?? '', /newer/);
  });
});

describe('parseDocJson', () => {
  test('reads and restores a valid document', () => {
    const d = valid();
    const { doc, repairs } = parseDocJson(JSON.stringify(d));
    assert.deepEqual(doc, d);
    assert.deepEqual(repairs, []);
  });

  test('refuses malformed JSON with line and column', () => {
    const text = '{\n  "title": "x",\n  "topics": {,}\n}';
    assert.throws(
      () => parseDocJson(text),
      (e: unknown) =>
        e instanceof DocFormatError && e.position?.line === 3 && e.position.column === 14 && /line 3, column 14/.test(e.message),
    );
  });

  test('refuses wrong shapes naming the first problem', () => {
    const d = valid();
    set(d, 'topics.t2.text', ['not', 'text']);
    assert.throws(
      () => parseDocJson(JSON.stringify(d)),
      (e: unknown) => e instanceof DocFormatError && e.path === 'topics.t2.text' && e.message === 'topics.t2.text must be a string',
    );
    assert.throws(() => parseDocJson('[]'), /must be a JSON object/);
    assert.throws(
      () => parseDocJson('{"schema":1}'),
      (e: unknown) => e instanceof DocFormatError && e.path === 'topics',
    );
  });

  test('repairs structural problems and reports them', () => {
    const d = valid();
    set(d, 'topics.t3.parentId', 'ghost');
    const { doc, repairs } = parseDocJson(JSON.stringify(d));
    assert.equal(doc.topics.t3?.parentId, doc.rootId);
    assert.deepEqual(
      repairs.map((r) => [r.kind, r.id]),
      [['orphan', 't3']],
    );
  });
});

describe('findJsonSyntaxError', () => {
  test('agrees with JSON.parse on valid JSON and on mangled JSON', () => {
    const mangled = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', '\\', 'x', '\n', '01', '-', '[', '{'))
      .map(([j, at, s]) => {
        const i = at % (j.length + 1);
        return j.slice(0, i) + s + j.slice(i + (at % 2));
      });
    fc.assert(
      fc.property(fc.oneof(fc.json(), mangled), (text) => {
        let ok = true;
        try {
          JSON.parse(text);
        } catch {
          ok = false;
        }
        const problem = findJsonSyntaxError(text);
        assert.equal(problem === null, ok, `${JSON.stringify(text)}: ${problem?.message}`);
      }),
      { numRuns: 2000 },
    );
  });

  test('deep nesting does not overflow', () => {
    const deep = `${'['.repeat(200000)}${']'.repeat(199999)}`;
    assert.equal(findJsonSyntaxError(deep)?.message, 'unexpected end of input');
  });
});
