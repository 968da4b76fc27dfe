import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { applyOp } from '../ops/apply.ts';
import { docFromShape, type OpChoice, opFromChoice } from '../ops/testing.ts';
import { OpError } from '../ops/types.ts';
import { stateFromDoc } from '../store.ts';
import { ApproxMeasurer } from '../text/approx-measurer.ts';
import { LayoutEngine } from './engine.ts';
import type { BoxView } from './table.ts';

const choiceArb: fc.Arbitrary<OpChoice> = fc.record({
  kind: fc.nat(1000),
  a: fc.nat(1000),
  b: fc.nat(1000),
  c: fc.nat(1000),
  d: fc.nat(1000),
});

test("an incremental engine's results find a topic's row from the row offsets, as a scan of the table would", () => {
  fc.assert(
    fc.property(
      fc.array(fc.nat(1000), { minLength: 1, maxLength: 60 }),
      fc.array(choiceArb, { minLength: 1, maxLength: 30 }),
      (parents, choices) => {
        const state = stateFromDoc(docFromShape(parents));
        const engine = new LayoutEngine({ measure: new ApproxMeasurer() });
        let result = engine.update(state);
        const check = () => {
          const t = result.table;
          const rows = new Map<string, number>();
          for (let i = 0; i < t.size; i++) rows.set(t.ids[i] as string, i);
          for (const id of state.topics.keys()) assert.equal((result.boxes as BoxView).rowOf(id), rows.get(id) ?? -1, `row of ${id}`);
        };
        check();
        for (const ch of choices) {
          let changed: string[];
          try {
            const { diff } = applyOp(state, opFromChoice(state, ch));
            changed = [...diff.topics.added, ...diff.topics.removed, ...diff.topics.updated.flat()].flatMap((x) => [
              x.id,
              x.parentId ?? x.id,
            ]);
          } catch (e) {
            if (e instanceof OpError) continue;
            throw e;
          }
          result = engine.update(state, changed as never);
          check();
        }
      },
    ),
    { numRuns: 150 },
  );
});
