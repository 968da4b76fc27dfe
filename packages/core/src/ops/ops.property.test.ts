import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { History } from '../history/history.ts';
import { checkInvariants } from '../schema/invariants.ts';
import { docFromState, stateFromDoc } from '../store.ts';
import { applyOp, applyOps } from './apply.ts';
import { applyDiff } from './diff-apply.ts';
import { docFromShape, type OpChoice, opFromChoice } from './testing.ts';
import { type Diff, OpError } from './types.ts';

const shapeArb = fc.record({
  parents: fc.array(fc.nat(1000), { maxLength: 40 }),
  extras: fc.array(fc.tuple(fc.nat(1000), fc.nat(1000), fc.nat(1000)), { maxLength: 8 }),
});
const choiceArb: fc.Arbitrary<OpChoice> = fc.record({
  kind: fc.nat(1000),
  a: fc.nat(1000),
  b: fc.nat(1000),
  c: fc.nat(1000),
  d: fc.nat(1000),
});
const jsonClone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

test('generated documents satisfy the invariants', () => {
  fc.assert(
    fc.property(shapeArb, ({ parents, extras }) => {
      assert.deepEqual(checkInvariants(stateFromDoc(docFromShape(parents, extras))), []);
    }),
    { numRuns: 200 },
  );
});

test('random op sequences: invariants hold, refused ops change nothing, undo/redo are exact, diffs replay', () => {
  let applied = 0;
  let refused = 0;
  fc.assert(
    fc.property(shapeArb, fc.array(choiceArb, { minLength: 1, maxLength: 30 }), ({ parents, extras }, choices) => {
      const initial = docFromShape(parents, extras);
      const state = stateFromDoc(initial);
      const replica = stateFromDoc(jsonClone(initial));
      const history = new History();
      for (const ch of choices) {
        const op = opFromChoice(state, ch);
        const before = jsonClone(docFromState(state));
        const version = state.version;
        let diff: Diff;
        try {
          diff = applyOp(state, op).diff;
        } catch (e) {
          if (!(e instanceof OpError)) throw e;
          refused++;
          assert.deepEqual(docFromState(state), before, `refused ${op.type} (${e.code}) changed the document`);
          assert.equal(state.version, version);
          continue;
        }
        applied++;
        assert.deepEqual(checkInvariants(state), [], `after ${JSON.stringify(op)}`);
        history.record(diff);
        applyDiff(replica, jsonClone(diff));
      }
      const final = jsonClone(docFromState(state));
      assert.deepEqual(docFromState(replica), final, 'replaying the JSON diffs on a replica gives the same document');
      while (history.canUndo) {
        history.undo(state);
        assert.deepEqual(checkInvariants(state), []);
      }
      assert.deepEqual(docFromState(state), jsonClone(initial), 'undo of everything gives back the initial document');
      while (history.canRedo) history.redo(state);
      assert.deepEqual(docFromState(state), final, 'redo of everything gives back the final document');
    }),
    { numRuns: 300 },
  );
  assert.ok(applied > 500 && refused > 100, `both valid and invalid ops were exercised (${applied} applied, ${refused} refused)`);
});

test('a transaction is all or nothing', () => {
  fc.assert(
    fc.property(shapeArb, fc.array(choiceArb, { minLength: 2, maxLength: 8 }), ({ parents, extras }, choices) => {
      const state = stateFromDoc(docFromShape(parents, extras));
      const before = jsonClone(docFromState(state));
      // Ops are chosen against the initial state, so later ones may be refused after earlier ones ran.
      const ops = choices.map((c) => opFromChoice(state, c));
      try {
        const { diff } = applyOps(state, ops);
        assert.deepEqual(checkInvariants(state), []);
        const h = new History();
        h.record(diff);
        h.undo(state);
        assert.deepEqual(docFromState(state), before);
      } catch (e) {
        if (!(e instanceof OpError)) throw e;
        assert.deepEqual(docFromState(state), before);
      }
    }),
    { numRuns: 200 },
  );
});
