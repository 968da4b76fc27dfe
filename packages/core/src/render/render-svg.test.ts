import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layoutDoc } from '../layout/engine.ts';
import { randomDoc } from '../layout/testing.ts';
import { STRUCTURE_NAMES } from '../model.ts';
import { stateFromDoc } from '../store.ts';
import { ApproxMeasurer } from '../text/approx-measurer.ts';
import { chineseMap, englishMap } from './golden-maps.ts';
import { renderShapes } from './render-shapes.ts';
import { layoutToSvg, renderSvg, UnknownThemeError } from './render-svg.ts';
import type { GroupShape, PathShape } from './shapes.ts';
import { shapesToSvg } from './svg.ts';
import type { Theme } from './theme-types.ts';
import { getTheme, themeNames } from './themes.ts';

const measure = new ApproxMeasurer();

/** Tags open and close in order, attributes are quoted, nothing but entities after `&`. */
function assertWellFormed(svg: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(svg); m; m = tag.exec(svg)) {
    const between = svg.slice(last, m.index);
    assert.ok(!between.includes('<') && !between.includes('>'), `stray markup before ${m[0].slice(0, 60)}`);
    assert.ok(!/&(?!(?:amp|lt|gt|quot|#39);)/.test(between), 'unescaped &');
    last = m.index + m[0].length;
    const [, close, name, , self] = m;
    if (self) continue;
    if (close) assert.equal(stack.pop(), name);
    else stack.push(name as string);
  }
  assert.deepEqual(stack, []);
  assert.equal(svg.slice(last).trim(), '');
}

/** `layoutToSvg` writes path data unescaped: it must be numbers and command letters only. */
function assertPathDataInert(svg: string): void {
  let paths = 0;
  for (const [, d] of svg.matchAll(/<path d="([^"]*)"/g)) {
    assert.match(d as string, /^[MLHVCSQTAZ][MLHVCSQTAZ0-9 .-]*$/, 'path data');
    paths++;
  }
  assert.ok(paths > 0);
}

test('every structure in every theme gives a well-formed SVG with one group per visible topic', () => {
  const state = stateFromDoc(chineseMap());
  for (const structure of STRUCTURE_NAMES) {
    for (const theme of themeNames()) {
      const svg = renderSvg(state, { measure, theme, structure });
      assertWellFormed(svg);
      assertPathDataInert(svg);
      const layout = layoutDoc({ ...state, structure }, { measure, theme: getTheme(theme) });
      const rects = [...svg.matchAll(/<g class="topic" data-id="([^"]+)" data-rect="([^"]+)"/g)];
      assert.equal(rects.length, layout.boxes.size, `${structure}/${theme}`);
      for (const [, id, rect] of rects) {
        const box = layout.boxes.get(id as never)!;
        const [x, y, w, h] = (rect as string).split(' ').map(Number);
        assert.ok(
          Math.abs(x! - box.x) < 0.01 && Math.abs(y! - box.y) < 0.01 && Math.abs(w! - box.width) < 0.01 && Math.abs(h! - box.height) < 0.01,
        );
      }
    }
  }
});

test('a folded branch hides its topics and shows the hidden count', () => {
  const svg = renderSvg(stateFromDoc(chineseMap()), { measure });
  assert.ok(!svg.includes('营利法人'));
  assert.match(svg, /<g class="fold" data-count="3">/);
});

test('brace maps draw one brace per parent and a stub per child', () => {
  const state = stateFromDoc(englishMap());
  const theme = getTheme('classic')!;
  const layout = layoutDoc({ ...state, structure: 'brace' }, { measure, theme });
  const connectors = (renderShapes(state, layout, theme, { measure })[1] as GroupShape).children as PathShape[];
  const braces = connectors.filter((c) => c.key?.startsWith('brace:'));
  const parents = new Set(layout.connectors.filter((c) => c.kind === 'brace').map((c) => c.from));
  assert.ok(parents.size > 0);
  assert.equal(braces.length, parents.size);
  assert.equal(connectors.length - braces.length, layout.connectors.length);
});

test('unknown theme names are refused with the list of themes; the document theme is the default', () => {
  const state = stateFromDoc(englishMap());
  assert.throws(
    () => renderSvg(state, { measure, theme: 'neon' }),
    (e: Error) => e instanceof UnknownThemeError && /themes: classic, dark/.test(e.message),
  );
  const dark = renderSvg({ ...state, theme: { name: 'dark' } }, { measure });
  assert.ok(dark.includes('fill="#1e222b"'));
  const transparent = renderSvg(state, { measure, transparent: true, padding: 0 });
  assert.ok(!transparent.includes('class="background"'));
});

test('a viewport limits the SVG to what it shows', () => {
  const state = stateFromDoc(chineseMap());
  const full = renderSvg(state, { measure });
  const part = renderSvg(state, { measure, viewport: { x: -120, y: -40, width: 240, height: 80 }, padding: 0 });
  assert.match(part, /viewBox="-120 -40 240 80"/);
  const count = (s: string) => (s.match(/<g class="topic"/g) ?? []).length;
  assert.ok(count(part) >= 1 && count(part) < count(full));
});

test('streaming shapes into the SVG writes exactly what serializing the collected shapes writes', () => {
  // 3,000 topics make well over 64K characters, so the writer flushes many chunks; texts carry
  // markup characters, an emoji (a surrogate pair) and a lone surrogate that must be dropped.
  const doc = randomDoc(5, { topics: 3000, summaries: 5, boundaries: 5, relationships: 5, detached: 2 });
  const texts = ['<b>&"x"</b>', '😀 表情 emoji', 'lone \ud800 surrogate', "it's"];
  let i = 0;
  for (const t of Object.values(doc.topics)) if (i++ % 7 === 0) doc.topics[t.id] = { ...t, text: `${t.text} ${texts[i % texts.length]}` };
  const state = stateFromDoc(doc);
  for (const name of ['classic', 'rainbow', 'sketchy']) {
    const theme = getTheme(name) as Theme;
    const layout = layoutDoc(state, { measure, theme });
    const streamed = layoutToSvg(state, layout, theme, { measure, padding: 0 });
    const b = layout.bounds;
    const x = Math.floor(b.x);
    const y = Math.floor(b.y);
    const viewBox = { x, y, width: Math.ceil(b.x + b.width) - x, height: Math.ceil(b.y + b.height) - y };
    const collected = shapesToSvg(renderShapes(state, layout, theme, { measure }), {
      width: viewBox.width,
      height: viewBox.height,
      viewBox,
      background: theme.background,
      fontFamily: theme.fontFamily,
      title: state.title,
    });
    assert.ok(streamed.length > 200_000);
    assert.equal(streamed, collected);
    assert.ok(
      streamed.includes('&lt;b&gt;&amp;"x"&lt;/b&gt;') && streamed.includes('😀') && !/[\ud800-\udbff](?![\udc00-\udfff])/.test(streamed),
    );
    assertWellFormed(streamed);
    assertPathDataInert(streamed);
  }
});
