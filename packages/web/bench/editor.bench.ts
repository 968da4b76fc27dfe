// The editor in Chromium against a real server (issue 14 "Speed"): a big map opened from the server
// until its first frame is painted, then — warm, as a person works — one edit until the next frame,
// a typed character until painted, and frame times while panning. Prints figures; never fails on
// time. Needs Debian's chromium (skips with a message otherwise). The peer comparison (first render
// cold, memory) is `packages/web/bench/peers/run-peers.mjs`.

import { DocBuilder, type MindDoc } from '@arbor/core';
import type { Page } from 'playwright-core';
import { browserSkipReason, createMap, signUp, startBrowserEnv } from '../test/browser/harness.ts';

const sizes = (process.env.ARBOR_BENCH_SIZES ?? '20000,50000').split(',').map(Number);
const WORDS = ['市场', '用户', '增长', 'strategy', '目标', 'review', '风险', 'plan', '数据', '执行', '复盘', 'launch'];

/** A balanced map of n topics, 4–8 children each, texts 2–12 words (some wrap). */
function bigDoc(n: number): MindDoc {
  const b = new DocBuilder({ title: `${n} topics`, rootText: `中心主题 ${n}` });
  const queue = [b.rootId];
  let made = 1;
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  while (made < n) {
    const parent = queue.shift() as ReturnType<DocBuilder['add']>;
    const kids = 4 + Math.floor(rnd() * 5);
    for (let k = 0; k < kids && made < n; k++, made++) {
      const words = 2 + Math.floor(rnd() * (rnd() < 0.1 ? 20 : 6));
      const text = Array.from({ length: words }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
      queue.push(b.add(parent, { text }));
    }
  }
  return b.build();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] as number;

async function inPage<T>(page: Page, fn: string): Promise<T> {
  return (await page.evaluate(fn)) as T;
}

async function main(): Promise<void> {
  const skip = browserSkipReason();
  if (skip) {
    console.log(`editor bench skipped: ${skip}`);
    return;
  }
  const env = await startBrowserEnv({ config: { bodyLimit: 64 * 1024 * 1024 } });
  try {
    for (const n of sizes) {
      const { page, context } = await env.newPage();
      await signUp(context);
      const { id } = await createMap(page, bigDoc(n), `bench ${n}`);
      // Opened from the server: navigation start → first frame with the map painted.
      await page.goto(`/app/maps/${id}`);
      await page.waitForFunction(
        () => !!(window as unknown as { arbor?: unknown }).arbor && document.querySelectorAll('g.topic').length > 0,
        undefined,
        {
          timeout: 60_000,
        },
      );
      const openMs = await inPage<number>(
        page,
        'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))',
      );
      const counts = await inPage<{ laidOut: number; painted: number }>(
        page,
        '({ laidOut: window.arbor.view.canvas.stats.laidOut, painted: window.arbor.view.canvas.stats.painted })',
      );
      // A person looks at the map for a moment before the first edit (the page warms up when idle).
      await page.waitForTimeout(1000);
      // Warm edits: one child added to a mid-level topic, until the next frame is painted.
      const edits = await inPage<[number, number][]>(
        page,
        `(async () => {
          const v = window.arbor.view; const raf = () => new Promise((r) => requestAnimationFrame(r));
          const ids = [...v.editor.state.topics.keys()]; const out = [];
          for (let i = 0; i < 12; i++) {
            const parent = ids[Math.floor(ids.length / 3) + i * 7];
            await raf(); const t0 = performance.now();
            v.editor.apply({ type: 'topic.create', parentId: parent, topic: { id: 'bench' + i, text: '新主题 ' + i } });
            v.canvas.renderNow(); const t1 = performance.now(); await raf(); out.push([t1 - t0, performance.now() - t0]);
          }
          return out;
        })()`,
      );
      // A typed character: input event → preview → incremental layout → patch → painted.
      const typing = await inPage<[number, number][]>(
        page,
        `(async () => {
          const v = window.arbor.view; const raf = () => new Promise((r) => requestAnimationFrame(r));
          const id = 'bench3'; v.editor.startEditing(id, false); await raf();
          const el = v.text.el; const out = [];
          for (let i = 0; i < 20; i++) {
            await raf(); const t0 = performance.now();
            el.textContent += '字'; el.dispatchEvent(new InputEvent('input', { inputType: 'insertText', data: '字', bubbles: true }));
            v.canvas.renderNow(); const t1 = performance.now(); await raf(); out.push([t1 - t0, performance.now() - t0]);
          }
          v.text.commit(); return out;
        })()`,
      );
      // Panning: one step per frame across the map, frame times from requestAnimationFrame.
      const frames = await inPage<number[]>(
        page,
        `(async () => {
          const v = window.arbor.view; const raf = () => new Promise((r) => requestAnimationFrame(r));
          v.canvas.zoomTo(1); await raf(); await raf();
          const out = []; let last = performance.now();
          for (let i = 0; i < 240; i++) { v.canvas.panBy(-12, i % 120 < 60 ? -7 : 7); await raf(); const now = performance.now(); out.push(now - last); last = now; }
          return out;
        })()`,
      );
      console.log(
        [
          `${n.toLocaleString('en')} topics (laid out ${counts.laidOut}, painted ${counts.painted}):`,
          `  open from the server, painted: ${openMs.toFixed(0)} ms`,
          `  one edit: work (apply + layout + patch) median ${median(edits.map((e) => e[0])).toFixed(1)} ms, p90 ${pct(
            edits.map((e) => e[0]),
            0.9,
          ).toFixed(1)} ms (first ${edits[0]?.[0].toFixed(1)} ms); → next frame median ${median(edits.map((e) => e[1])).toFixed(1)} ms`,
          `  typed character: work median ${median(typing.map((e) => e[0])).toFixed(1)} ms, p90 ${pct(
            typing.map((e) => e[0]),
            0.9,
          ).toFixed(1)} ms; → next frame median ${median(typing.map((e) => e[1])).toFixed(1)} ms`,
          '  (a frame is 16.7 ms: "next frame" is measured from a frame callback to the next one, so it holds at least one frame)',
          `  panning: median ${(1000 / median(frames)).toFixed(1)} fps, p10 ${(1000 / pct(frames, 0.9)).toFixed(1)} fps, longest frame ${Math.max(...frames).toFixed(1)} ms`,
        ].join('\n'),
      );
      await context.close();
    }
  } finally {
    await env.close();
  }
}

await main();
