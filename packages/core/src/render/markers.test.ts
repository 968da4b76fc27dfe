import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markerShape } from './markers.ts';
import type { Shape } from './shapes.ts';
import { shapesToSvg } from './svg.ts';

const inside = (s: Shape, x0: number, y0: number, size: number): boolean => {
  const slack = 1;
  switch (s.type) {
    case 'rect':
      return s.x >= x0 - slack && s.y >= y0 - slack && s.x + s.width <= x0 + size + slack && s.y + s.height <= y0 + size + slack;
    case 'ellipse':
      return s.cx - s.rx >= x0 - slack && s.cx + s.rx <= x0 + size + slack && s.cy - s.ry >= y0 - slack && s.cy + s.ry <= y0 + size + slack;
    case 'path': {
      const nums = (s.d.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
      // Arc commands carry radii and flags; check only paths without arcs.
      if (/A/.test(s.d)) return true;
      for (let i = 0; i + 1 < nums.length; i += 2) {
        if ((nums[i] as number) < x0 - slack || (nums[i] as number) > x0 + size + slack) return false;
        if ((nums[i + 1] as number) < y0 - slack || (nums[i + 1] as number) > y0 + size + slack) return false;
      }
      return true;
    }
    default:
      return true;
  }
};

const IDS = [
  ...Array.from({ length: 9 }, (_, i) => `priority-${i + 1}`),
  ...[0, 12, 25, 38, 50, 62, 75, 88, 100].map((p) => `task-${p}`),
  'flag-red',
  'flag-green',
  'star-yellow',
  'half-star-red',
  'people-blue',
  'tag-orange',
  ...['smile', 'laugh', 'angry', 'cry', 'surprise', 'boring'].map((m) => `smiley-${m}`),
  ...['up', 'down', 'left', 'right', 'up-right', 'down-left', 'refresh'].map((d) => `arrow-${d}`),
  ...['plus', 'minus', 'question', 'exclam', 'info', 'wrong', 'right', 'pause'].map((s) => `symbol-${s}`),
  'month-jan',
  'week-sun',
];

test('every known marker draws inside its square', () => {
  for (const id of IDS) {
    const g = markerShape(id, 100, 50, 16);
    assert.ok(g.children.length > 0, id);
    for (const s of g.children) assert.ok(inside(s, 100, 50, 16), `${id}: ${JSON.stringify(s)}`);
  }
});

test('markers of one family differ (priority numbers, task progress, smiley moods)', () => {
  const svgOf = (id: string) => JSON.stringify(markerShape(id, 0, 0, 16).children);
  assert.notEqual(svgOf('priority-1'), svgOf('priority-2'));
  assert.notEqual(svgOf('task-25'), svgOf('task-75'));
  assert.notEqual(svgOf('smiley-smile'), svgOf('smiley-cry'));
});

test('unknown ids are drawn as a generic tag and escaped', () => {
  const g = markerShape('<evil>"', 0, 0, 16);
  assert.equal(g.data?.marker, '<evil>"');
  const svg = shapesToSvg([g], { width: 16, height: 16, viewBox: { x: 0, y: 0, width: 16, height: 16 } });
  assert.ok(!svg.includes('<evil>'));
  assert.ok(svg.includes('data-marker="&lt;evil&gt;&quot;"'));
});
