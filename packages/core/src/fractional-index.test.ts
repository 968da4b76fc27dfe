import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isValidIndex, keyBetween, keysBetween } from './fractional-index.ts';

test('appending 10,000 keys keeps them short and ordered', () => {
  let prev: string | null = null;
  for (let i = 0; i < 10_000; i++) {
    const k = keyBetween(prev, null);
    if (prev !== null) assert.ok(prev < k);
    assert.ok(isValidIndex(k), k);
    prev = k;
  }
  assert.ok((prev as string).length <= 4, `last key ${prev}`);
});

test('prepending keeps order', () => {
  let next: string | null = null;
  for (let i = 0; i < 2_000; i++) {
    const k = keyBetween(null, next);
    if (next !== null) assert.ok(k < next);
    assert.ok(isValidIndex(k), k);
    next = k;
  }
});

test('keysBetween returns n ascending valid keys within bounds', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 3 }), (n, mode) => {
      const a = mode & 1 ? 'a5' : null;
      const b = mode & 2 ? 'b0Z0z' : null;
      const keys = keysBetween(a, b, n);
      assert.equal(keys.length, n);
      for (let i = 0; i < keys.length; i++) {
        assert.ok(isValidIndex(keys[i]), keys[i]);
        if (i > 0) assert.ok((keys[i - 1] as string) < (keys[i] as string));
        if (a) assert.ok(a < (keys[i] as string));
        if (b) assert.ok((keys[i] as string) < b);
      }
    }),
  );
});

test('random insertions stay strictly ordered', () => {
  fc.assert(
    fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 200 }), (picks) => {
      const keys: string[] = [];
      for (const p of picks) {
        const i = p % (keys.length + 1);
        const k = keyBetween(keys[i - 1] ?? null, keys[i] ?? null);
        keys.splice(i, 0, k);
      }
      for (let i = 1; i < keys.length; i++) assert.ok((keys[i - 1] as string) < (keys[i] as string));
      assert.ok(keys.every(isValidIndex));
    }),
  );
});

test('invalid keys are recognised', () => {
  for (const k of ['', 'a', 'a00', '!x', 5, null, 'A00000000000000000000000000']) assert.equal(isValidIndex(k), false, String(k));
  assert.throws(() => keyBetween('b0', 'a0'));
});
