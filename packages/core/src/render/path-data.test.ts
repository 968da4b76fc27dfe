import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { PathData } from './path-data.ts';
import { fmt } from './shapes.ts';

test('path data prints every number exactly as fmt does', () => {
  const d = new PathData();
  const edge = [0, -0, 0.004, -0.004, 0.005, -0.005, 1e-9, 12.3, -12.3, 99.999, -99.999, 0.1, -0.1, 21474836.47, -21474836.48, 1e12, -1e25];
  for (const v of [...edge, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
    assert.equal(d.cmd('M').num(v).take(), `M${fmt(v)}`, String(v));
  fc.assert(
    fc.property(fc.array(fc.double({ min: -1e8, max: 1e8, noNaN: true }), { minLength: 1, maxLength: 40 }), (vs) => {
      d.cmd('L');
      for (const v of vs) d.num(v);
      assert.equal(d.take(), `L${vs.map(fmt).join(' ')}`);
    }),
  );
});

test('commands are separated by spaces, their first number follows the letter, and the buffer grows', () => {
  const d = new PathData();
  assert.equal(d.cmd('M').xy(1, 2.5).cmd('Q').xy(3, -4).xy(5.25, 6).cmd('Z').take(), 'M1 2.5 Q3 -4 5.25 6 Z');
  assert.equal(d.take(), '');
  assert.equal(d.xy(1, 2).xy(3.5, -0.25).take(), '1 2 3.5 -0.25', 'numbers without a command');
  for (let i = 0; i < 2000; i++) d.cmd('L').xy(-123456.78, 987654.32);
  const long = d.take();
  assert.equal(long.length, 2000 * ' L-123456.78 987654.32'.length - 1);
  assert.ok(long.startsWith('L-123456.78 987654.32 L'));
  // One command with many of the longest numbers there are.
  const huge = -Number.MAX_VALUE;
  d.cmd('M');
  for (let i = 0; i < 100; i++) d.num(huge);
  assert.equal(d.take(), `M${Array(100).fill(fmt(huge)).join(' ')}`);
});
