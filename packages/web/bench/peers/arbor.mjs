// Adapter for the peer benchmark (../shared/bench/peers): the editor itself, mounted with the very
// module the app uses (`mountEditor`: model, incremental layout, DOM patcher with culling through
// the spatial index, text editor, minimap). `run-peers.mjs` copies this file into the harness
// (`__ARBOR__` becomes this repo). Painted topics are the elements in the DOM (the region around
// the viewport); laid-out topics are every topic the layout placed: both are reported.
import { DocBuilder } from '__ARBOR__/packages/core/src/index.ts';
import { mountEditor } from '__ARBOR__/packages/web/src/editor/mount.ts';
import { CanvasMeasurer } from '__ARBOR__/packages/web/src/index.ts';

let measure = null;
let view = null;
/** Harness node id → Arbor topic id. */
let ids = new Map();

const raf = () => new Promise((r) => requestAnimationFrame(() => r()));

export default {
  name: 'arbor',
  pkg: null,
  doneSignal: 'synchronous: mountEditor (Editor: full layout; MapCanvas.renderNow: DOM patch of the viewport region)',
  editApi: 'Editor.apply(topic.create) (incremental layout) + MapCanvas.renderNow (patches only what moved or changed in view)',
  fitApi: 'MapCanvas.fit() (whole map, at most 100 %) + renderNow',
  notes: 'the editor module the app mounts; theme classic, mind map balanced, CanvasMeasurer; painted = topics in the DOM near the viewport',

  toNative(root) {
    const b = new DocBuilder({ rootText: root.text });
    ids = new Map([[root.id, b.rootId]]);
    const stack = [root];
    while (stack.length > 0) {
      const n = stack.pop();
      const parent = ids.get(n.id);
      for (const c of n.children) {
        ids.set(c.id, b.add(parent, { text: c.text }));
        stack.push(c);
      }
    }
    return b.build();
  },

  async setup() {
    measure = CanvasMeasurer.create();
  },

  async render(doc, container) {
    container.style.position = 'relative';
    view = mountEditor(container, { doc, measure, minimap: true });
  },

  async edit({ parentId, newId, text }) {
    const id = `${newId}`;
    view.editor.apply({ type: 'topic.create', parentId: ids.get(parentId), topic: { id, text } });
    ids.set(newId, id);
    view.canvas.renderNow();
  },

  async fit() {
    view.canvas.fit();
    view.canvas.renderNow();
    return 'MapCanvas.fit()';
  },

  countNodes(container) {
    return container.querySelectorAll('g.topic').length;
  },

  diagnose(container) {
    const s = view?.canvas.stats;
    return {
      laidOut: s?.laidOut ?? 0,
      painted: container.querySelectorAll('g.topic').length,
      connectors: container.querySelectorAll('.connectors > path').length,
      lastPatchMs: s?.patchMs ?? null,
    };
  },

  /** Typing and panning, measured after everything else (untimed by the harness, timed here). */
  async extra() {
    const out = {};
    // A typed character until painted: input event → preview op → incremental layout → patch → two frames.
    view.canvas.fit();
    view.canvas.zoomTo(1);
    const mid = [...ids.values()][Math.floor(ids.size / 2)];
    view.editor.select([mid]);
    view.editor.startEditing(mid, false);
    view.canvas.renderNow();
    const el = view.text.el;
    const typed = [];
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      el.textContent += 'a';
      el.dispatchEvent(new InputEvent('input', { inputType: 'insertText', data: 'a', bubbles: true }));
      await raf();
      await raf();
      typed.push(performance.now() - t0);
    }
    view.text.commit();
    typed.sort((a, b) => a - b);
    out.typeToPaintMedianMs = typed[Math.floor(typed.length / 2)];
    out.typeToPaintMaxMs = typed[typed.length - 1];
    // Panning: one step per frame for 180 frames; frame times from requestAnimationFrame.
    view.canvas.zoomTo(1);
    const frames = [];
    let last = performance.now();
    for (let i = 0; i < 180; i++) {
      view.canvas.panBy(-14, -6);
      await raf();
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    frames.sort((a, b) => a - b);
    const median = frames[Math.floor(frames.length / 2)];
    const p95 = frames[Math.floor(frames.length * 0.95)];
    out.panFpsMedian = 1000 / median;
    out.panFpsP95 = 1000 / p95;
    out.panFrameMaxMs = frames[frames.length - 1];
    return out;
  },
};
