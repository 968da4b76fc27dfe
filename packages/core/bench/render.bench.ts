// Render benchmark: `npm run bench -- render`. Prints figures; never asserts timings.
// Target (issue 2): SVG rendering of 10,000 topics (layout excluded) ≤ 100 ms: `layoutToSvg`, which
// streams each shape into the SVG as it is produced. The collected path (`renderShapes`, which the
// DOM patcher uses, then `shapesToSvg`) is printed beside it.

import { getTheme, layoutDoc, layoutToSvg, renderShapes, shapesToSvg, stateFromDoc, type Theme } from '@arbor/core';
import { createFontMeasurer } from '@arbor/core/node';
import { randomDoc } from '../src/layout/testing.ts';

const measure = createFontMeasurer();
const gc = (globalThis as { gc?: () => void }).gc;

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))] as number;
  return `median ${q(0.5).toFixed(2)} ms, p95 ${q(0.95).toFixed(2)} ms, min–max ${q(0).toFixed(2)}–${q(1).toFixed(2)} ms (${s.length} runs)`;
}

function bench(topics: number, themeName: string, runs: number): void {
  const doc = randomDoc(11, {
    topics,
    structure: 'mindmap',
    maxChildren: 8,
    summaries: 20,
    boundaries: 20,
    relationships: 20,
    detached: 3,
  });
  const state = stateFromDoc(doc);
  const theme = getTheme(themeName) as Theme;
  const layout = layoutDoc(state, { measure, theme });
  const b = layout.bounds;
  const svgOptions = { width: b.width, height: b.height, viewBox: b, background: theme.background, fontFamily: theme.fontFamily };
  let size = 0;
  for (let i = 0; i < 3; i++) size = layoutToSvg(state, layout, theme, { measure }).length; // warm-up
  // Steady state: renders one after another, as a server exporting or an editor redrawing does.
  const streamed: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    layoutToSvg(state, layout, theme, { measure });
    streamed.push(performance.now() - t0);
  }
  // Each right after a forced full collection, which shrinks the young generation: the render
  // then pays for growing it again (a pessimistic figure, printed for comparison).
  const afterGc: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc?.();
    const t0 = performance.now();
    layoutToSvg(state, layout, theme, { measure });
    afterGc.push(performance.now() - t0);
  }
  for (let i = 0; i < 3; i++) shapesToSvg(renderShapes(state, layout, theme, { measure }), svgOptions); // warm-up
  const total: number[] = [];
  const shapesOnly: number[] = [];
  const serializeOnly: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const shapes = renderShapes(state, layout, theme, { measure });
    const t1 = performance.now();
    shapesToSvg(shapes, svgOptions);
    const t2 = performance.now();
    total.push(t2 - t0);
    shapesOnly.push(t1 - t0);
    serializeOnly.push(t2 - t1);
  }
  const label = `${layout.boxes.size.toLocaleString('en')} visible topics, theme ${themeName}`;
  console.log(`layoutToSvg, ${label} (${(size / 1e6).toFixed(1)} MB of SVG): ${stats(streamed)}`);
  console.log(`  each right after a forced full GC: ${stats(afterGc)}`);
  console.log(`  collected instead (renderShapes + shapesToSvg): ${stats(total)}`);
  console.log(`  renderShapes only: ${stats(shapesOnly)}`);
  console.log(`  shapesToSvg only:  ${stats(serializeOnly)}`);
}

function viewport(topics: number, runs: number): void {
  const doc = randomDoc(11, { topics, structure: 'mindmap', maxChildren: 8 });
  const state = stateFromDoc(doc);
  const theme = getTheme('classic') as Theme;
  const layout = layoutDoc(state, { measure, theme });
  // A screen-sized window centred on a topic deep in the map, where the screen is full of topics
  // (around the root there are only the main branches: each is thousands of pixels tall).
  const mid = layout.table.rectAt(layout.table.size >> 1);
  const view = { x: mid.x + mid.width / 2 - 800, y: mid.y + mid.height / 2 - 450, width: 1600, height: 900 };
  for (let i = 0; i < 3; i++) renderShapes(state, layout, theme, { measure, viewport: view });
  const times: number[] = [];
  let drawn = 0;
  for (let i = 0; i < runs; i++) {
    gc?.();
    const t = performance.now();
    const shapes = renderShapes(state, layout, theme, { measure, viewport: view });
    times.push(performance.now() - t);
    const topicsLayer = shapes[3];
    drawn = topicsLayer?.type === 'group' ? topicsLayer.children.length : 0;
  }
  console.log(
    `renderShapes with a 1600×900 viewport over ${layout.boxes.size.toLocaleString('en')} topics (${drawn} drawn): ${stats(times)}`,
  );
}

/** A fixed workload, so figures from a busy or slow machine can be read against it. */
function reference(runs: number): void {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    let s = '';
    for (let k = 0; k < 200_000; k++) s += `<rect x="${k % 977}" y="${(k * 7) % 1013}" width="140" height="65" fill="#e8eef9"/>\n`;
    if (s.length === 0) throw new Error('unreachable');
    times.push(performance.now() - t);
  }
  console.log(`reference (200,000 short SVG lines into one string, this machine's speed): ${stats(times)}`);
}

reference(10);
bench(10_000, 'classic', 15);
bench(10_000, 'rainbow', 10);
bench(10_000, 'sketchy', 10);
bench(100_000, 'classic', 2);
viewport(100_000, 10);
reference(10); // again: the machine's speed drifts while the benchmark runs
