import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dataUrlBytes, encodeSteps, fitWidth, MAX_IMAGE_WIDTH, PASTE_IMAGE_TYPES } from './image-plan.ts';

describe('image paste arithmetic', () => {
  test('fitWidth downscales to 800 px wide, keeps the aspect ratio, never enlarges', () => {
    assert.deepEqual(fitWidth(1600, 900), { width: 800, height: 450 });
    assert.deepEqual(fitWidth(4032, 3024), { width: 800, height: 600 });
    assert.deepEqual(fitWidth(640, 480), { width: 640, height: 480 });
    assert.deepEqual(fitWidth(10_000, 1), { width: 800, height: 1 }, 'a sliver keeps at least one pixel');
    assert.deepEqual(fitWidth(0, 100), { width: 0, height: 0 });
    assert.deepEqual(fitWidth(Number.NaN, 100), { width: 0, height: 0 });
  });

  test('encoding steps go from lossless to smaller and smaller JPEG, ending small enough for any image', () => {
    const steps = encodeSteps();
    assert.equal(steps[0]?.type, 'image/png');
    for (let i = 2; i < steps.length; i++) {
      const a = steps[i - 1];
      const b = steps[i];
      assert.ok(a && b && (b.scale < a.scale || (b.quality ?? 1) < (a.quality ?? 1)), `step ${i} is smaller than step ${i - 1}`);
    }
    // Worst case at the last step: 24-bit pixels at 1:1 compression would still be under 500 KB.
    const last = steps[steps.length - 1];
    assert.ok(last);
    const px = MAX_IMAGE_WIDTH * last.scale * (MAX_IMAGE_WIDTH * last.scale);
    assert.ok(px * 3 < 500 * 1024, `${px} px`);
  });

  test('dataUrlBytes counts decoded bytes', () => {
    assert.equal(dataUrlBytes(`data:image/png;base64,${Buffer.from('hello').toString('base64')}`), 5);
    assert.equal(dataUrlBytes(`data:image/png;base64,${Buffer.from('hell').toString('base64')}`), 4);
    assert.equal(dataUrlBytes(`data:image/png;base64,${Buffer.from('hel').toString('base64')}`), 3);
  });

  test('only raster types are read', () => {
    assert.ok(PASTE_IMAGE_TYPES.has('image/png'));
    assert.ok(PASTE_IMAGE_TYPES.has('image/jpeg'));
    assert.ok(!PASTE_IMAGE_TYPES.has('image/svg+xml'));
    assert.ok(!PASTE_IMAGE_TYPES.has('text/html'));
  });
});
