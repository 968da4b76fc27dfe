import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { applyOp } from '../ops/apply.ts';
import { docFromShape, type OpChoice, opFromChoice } from '../ops/testing.ts';
import { OpError } from '../ops/types.ts';
import { checkInvariants } from '../schema/invariants.ts';
import { docFromState, stateFromDoc } from '../store.ts';
import { History } from './history.ts';

const choiceArb: fc.Arbitrary<OpChoice> = fc.record({
  kind: fc.nat(1000),
  a: fc.nat(1000),
  b: fc.nat(1000),
  c: fc.nat(1000),
  d: fc.nat(1000),
});
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

test('with remote changes interleaved, every undo and redo either applies and keeps the document whole, or is refused and changes nothing', () => {
  let undone = 0;
  let refused = 0;
  fc.assert(
    fc.property(
      fc.array(fc.nat(1000), { maxLength: 30 }),
      fc.array(fc.tuple(choiceArb, fc.boolean(), fc.option(fc.constantFrom('k1', 'k2'), { nil: undefined })), {
        minLength: 1,
        maxLength: 25,
      }),
      (parents, steps) => {
        const state = stateFromDoc(
          docFromShape(parents, [
            [0, 1, 1],
            [0, 0, 2],
            [1, 0, 0],
          ]),
        );
        let now = 0;
        const history = new History({ now: () => now });
        for (const [choice, remote, mergeKey] of steps) {
          now += 400;
          try {
            const { diff } = applyOp(state, opFromChoice(state, choice));
            history.record(diff, { origin: remote ? 'remote' : 'local', mergeKey });
          } catch (e) {
            if (!(e instanceof OpError)) throw e;
          }
        }
        const travel = (dir: 'undo' | 'redo') => {
          const before = clone(docFromState(state));
          try {
            history[dir](state);
            undone++;
          } catch (e) {
            if (!(e instanceof OpError)) throw e;
            refused++;
            assert.deepEqual(docFromState(state), before, `a refused ${dir} changes nothing`);
          }
          assert.deepEqual(checkInvariants(state), [], `after ${dir}`);
        };
        while (history.canUndo) travel('undo');
        while (history.canRedo) travel('redo');
      },
    ),
    { numRuns: 250 },
  );
  assert.ok(undone > 300, `undo/redo ran (${undone} applied, ${refused} refused)`);
});
