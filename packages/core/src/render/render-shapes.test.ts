import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layoutDoc } from '../layout/engine.ts';
import { randomDoc } from '../layout/testing.ts';
import type { TopicId } from '../model.ts';
import { stateFromDoc } from '../store.ts';
import { ApproxMeasurer } from '../text/approx-measurer.ts';
import { handMade } from './hand-layout.fixture.ts';
import { renderShapes } from './render-shapes.ts';
import type { GroupShape, Shape } from './shapes.ts';
import { shapesToSvg } from './svg.ts';
import type { Theme } from './theme-types.ts';
import { getTheme, resolveTheme } from './themes.ts';

const measure = new ApproxMeasurer();

function walk(shapes: readonly Shape[], visit: (s: Shape) => void): void {
  for (const s of shapes) {
    visit(s);
    if (s.type === 'group') walk(s.children, visit);
  }
}

const topicGroups = (shapes: readonly Shape[]): GroupShape[] => {
  const out: GroupShape[] = [];
  walk(shapes, (s) => {
    if (s.type === 'group' && s.className === 'topic') out.push(s);
  });
  return out;
};

test('every visible topic becomes one group with its id and rectangle', () => {
  const { state, layout, theme } = handMade();
  const shapes = renderShapes(state, layout, theme, { measure });
  const groups = topicGroups(shapes);
  assert.equal(groups.length, layout.boxes.size);
  for (const g of groups) {
    const box = layout.boxes.get(g.data?.id as TopicId)!;
    assert.equal(g.data?.rect, `${box.x} ${box.y} ${box.width} ${box.height}`);
  }
});

test('decorations are drawn: markers, labels, note, link, task, image, fold count, overlays', () => {
  const { state, layout, theme, ids } = handMade();
  const shapes = renderShapes(state, layout, theme, { measure });
  const byId = new Map(topicGroups(shapes).map((g) => [g.data?.id, g]));
  const classes = (g: GroupShape) => {
    const out: string[] = [];
    walk(g.children, (s) => {
      if (s.type === 'group' && s.className) out.push(s.className);
    });
    return out;
  };
  const a = byId.get(ids.a)!;
  assert.equal(classes(a).filter((c) => c === 'marker').length, 4);
  assert.ok(classes(a).includes('labels'));
  const c = byId.get(ids.c)!;
  assert.deepEqual(classes(c).sort(), ['link', 'note', 'task done']);
  const link = c.children.find((s) => s.type === 'group' && s.className === 'link') as GroupShape;
  assert.equal(link.href, 'https://example.com/?a=1&b=2');
  const d = byId.get(ids.d)!;
  const fold = d.children.find((s) => s.type === 'group' && s.className === 'fold') as GroupShape;
  assert.equal(fold.data?.count, '1');
  // A javascript: image is dropped; a data: image is drawn.
  assert.ok(!d.children.some((s) => s.type === 'image'));
  assert.ok(byId.get(ids.e)!.children.some((s) => s.type === 'image'));
  // A javascript: link keeps its icon but no href.
  const eLink = byId.get(ids.e)!.children.find((s) => s.type === 'group' && s.className === 'link') as GroupShape;
  assert.equal(eLink.href, undefined);
  assert.equal(byId.get(ids.f)!.data?.kind, 'detached');
  assert.equal(byId.get(ids.summaryTopic)!.data?.kind, 'summary');
  const layers = shapes.map((s) => (s.type === 'group' ? `${s.className}:${s.children.length}` : ''));
  assert.deepEqual(layers, ['boundaries:1', 'connectors:4', 'summaries:1', 'topics:7', 'relationships:1']);
});

test('the SVG is inert: text and attributes are escaped, no handlers, no javascript: URLs', () => {
  const { state, layout, theme } = handMade();
  const svg = shapesToSvg(renderShapes(state, layout, theme, { measure }), {
    width: 800,
    height: 400,
    viewBox: layout.bounds,
    background: theme.background,
    fontFamily: theme.fontFamily,
  });
  assert.ok(!svg.includes('<script'));
  assert.ok(svg.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(!/javascript:/i.test(svg.replace(/<title>[^<]*<\/title>/g, '')));
  assert.ok(!/\son[a-z]+=/i.test(svg));
  assert.ok(svg.includes('>tag"x</tspan>'));
  assert.ok(svg.includes('href="https://example.com/?a=1&amp;b=2"'));
  assert.ok(svg.includes('关系 &lt;b&gt;'));
});

test('viewport culling keeps only what intersects the viewport', () => {
  const { state, layout, theme, ids } = handMade();
  const all = topicGroups(renderShapes(state, layout, theme, { measure }));
  const some = topicGroups(renderShapes(state, layout, theme, { measure, viewport: { x: -100, y: 150, width: 120, height: 100 } }));
  assert.ok(some.length < all.length);
  assert.deepEqual(
    some.map((g) => g.data?.id),
    [ids.f],
  );
});

test('rainbow themes colour each main branch, and document overrides apply', () => {
  const { state, layout } = handMade();
  const theme = resolveTheme({ name: 'rainbow', overrides: { branchColors: '#111111,#222222', background: 'url(x)' } });
  assert.deepEqual(theme.branchColors, ['#111111', '#222222']);
  assert.equal(theme.background, getTheme('rainbow')!.background);
  const shapes = renderShapes(state, layout, theme, { measure });
  const connectors = (shapes[1] as GroupShape).children;
  const fills = connectors.map((s) => (s.type === 'path' ? (s.fill !== 'none' && s.fill ? s.fill : s.stroke) : ''));
  assert.deepEqual(fills, ['#111111', '#222222', '#111111', '#222222']);
});

test('the sketchy theme is deterministic', () => {
  const { state, layout } = handMade();
  const theme = getTheme('sketchy')!;
  const one = JSON.stringify(renderShapes(state, layout, theme, { measure }));
  const two = JSON.stringify(renderShapes(state, layout, theme, { measure }));
  assert.equal(one, two);
  assert.notEqual(one, JSON.stringify(renderShapes(state, layout, getTheme('classic')!, { measure })));
});

test('with a viewport, exactly the connectors and topics that meet it are drawn, with the same looks', () => {
  const state = stateFromDoc(randomDoc(8, { topics: 600, structure: 'mindmap', summaries: 4, decorations: true }));
  for (const name of ['classic', 'rainbow', 'minimal', 'dark']) {
    const theme = getTheme(name) as Theme;
    const layout = layoutDoc(state, { measure, theme });
    const full = renderShapes(state, layout, theme, { measure });
    const b = layout.bounds;
    let drawn = 0;
    for (const [fx, fy] of [
      [0.3, 0.3],
      [0.5, 0.5],
      [0.8, 0.1],
    ] as const) {
      const view = { x: b.x + b.width * fx - 200, y: b.y + b.height * fy - 150, width: 400, height: 300 };
      const part = renderShapes(state, layout, theme, { measure, viewport: view });
      const key = (s: Shape): string => JSON.stringify(s);
      // Every connector drawn in view is drawn identically in the full map, and every connector of
      // the full map whose stroke meets the view is drawn in it.
      const fullConnectors = (full[1] as GroupShape).children;
      const partConnectors = new Set((part[1] as GroupShape).children.map(key));
      drawn += partConnectors.size;
      for (const c of partConnectors) assert.ok(fullConnectors.some((s) => key(s) === c));
      for (const s of fullConnectors) {
        if (s.type !== 'path') continue;
        const pts = [...s.d.matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
        const xs = pts.filter((_, i) => i % 2 === 0);
        const ys = pts.filter((_, i) => i % 2 === 1);
        const inside =
          Math.min(...xs) <= view.x + view.width &&
          view.x <= Math.max(...xs) &&
          Math.min(...ys) <= view.y + view.height &&
          view.y <= Math.max(...ys);
        if (inside) assert.ok(partConnectors.has(key(s)), `${name}: a connector in view is missing`);
      }
      // Topics in view are drawn as in the full map (with the same incoming line).
      const fullTopics = new Map(topicGroups(full).map((g) => [g.data?.id, key(g)]));
      for (const g of topicGroups(part)) assert.equal(key(g), fullTopics.get(g.data?.id));
    }
    assert.ok(drawn > 0, 'the views show some connectors');
  }
});
