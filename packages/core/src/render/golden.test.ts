// Golden SVG files: each hand-made map, structure and theme is rendered with the deterministic
// approximate measurer and compared byte for byte with packages/core/test/golden/. After an
// intended change in layout or rendering, rewrite them with UPDATE_GOLDEN=1 and review the diff.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { stateFromDoc } from '../store.ts';
import { ApproxMeasurer } from '../text/approx-measurer.ts';
import { GOLDEN_CASES } from './golden-maps.ts';
import { renderSvg } from './render-svg.ts';

const dir = new URL('../../test/golden/', import.meta.url).pathname;
const update = process.env.UPDATE_GOLDEN === '1';

for (const c of GOLDEN_CASES) {
  test(`golden ${c.file}`, () => {
    const svg = renderSvg(stateFromDoc(c.doc()), { measure: new ApproxMeasurer(), theme: c.theme, structure: c.structure });
    const path = join(dir, c.file);
    if (update) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path, svg);
      return;
    }
    assert.ok(existsSync(path), `${c.file} is missing: run UPDATE_GOLDEN=1 npm test -- render/golden`);
    const expected = readFileSync(path, 'utf8');
    if (svg !== expected) {
      const a = svg.split('\n');
      const e = expected.split('\n');
      const line = a.findIndex((l, i) => l !== e[i]);
      assert.fail(
        `${c.file} differs from the golden file at line ${line + 1}:\n  got      ${a[line]}\n  expected ${e[line]}\n(if the change is intended: UPDATE_GOLDEN=1 npm test -- render/golden, then review the files)`,
      );
    }
  });
}

test('golden maps carry every decoration', () => {
  for (const make of new Set(GOLDEN_CASES.map((c) => c.doc))) {
    const doc = make();
    const topics = Object.values(doc.topics);
    assert.ok(topics.some((t) => t.markers?.length));
    assert.ok(topics.some((t) => t.labels?.length));
    assert.ok(topics.some((t) => t.note));
    assert.ok(topics.some((t) => t.href));
    assert.ok(topics.some((t) => t.task));
    assert.ok(topics.some((t) => t.image));
    assert.ok(topics.some((t) => t.folded));
    assert.ok(topics.some((t) => t.detached));
    assert.ok(Object.keys(doc.summaries).length > 0);
    assert.ok(Object.keys(doc.boundaries).length > 0);
    assert.ok(Object.keys(doc.relationships).length > 0);
  }
});
