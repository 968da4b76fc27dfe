// Adapter for the peer benchmark (../shared/bench/peers): Arbor in the browser, as its pages draw a
// map today: @arbor/core lays the map out with a canvas text measurer and writes one SVG, which the
// page shows. `run-peers.mjs` copies this file into the harness (`__ARBOR__` becomes this repo).
import { DocBuilder, getTheme, LayoutEngine, applyOp, layoutToSvg, stateFromDoc } from '__ARBOR__/packages/core/src/index.ts';
import { CanvasMeasurer } from '__ARBOR__/packages/web/src/index.ts';

let measure = null;
let theme = null;
let state = null;
let engine = null;
let layout = null;
/** Harness node id → Arbor topic id. */
let ids = new Map();

function draw(container) {
  container.innerHTML = layoutToSvg(state, layout, theme, { measure });
}

export default {
  name: 'arbor',
  pkg: null,
  doneSignal: 'synchronous: LayoutEngine.update (full layout) + layoutToSvg + innerHTML of the one <svg>',
  editApi: 'applyOp topic.create + LayoutEngine.update(state, [id]) (incremental layout) + the whole SVG written again (no DOM patcher yet)',
  fitApi: 'the <svg> sized to the container (its viewBox is the map bounds)',
  notes: 'theme classic, mind map balanced on both sides, texts wrap at the theme width (CanvasMeasurer)',

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
    theme = getTheme('classic');
  },

  async render(doc, container) {
    state = stateFromDoc(doc);
    engine = new LayoutEngine({ measure, theme });
    layout = engine.update(state);
    draw(container);
  },

  async edit({ parentId, newId, text }, container) {
    const id = `${newId}`;
    applyOp(state, { type: 'topic.create', parentId: ids.get(parentId), topic: { id, text } });
    ids.set(newId, id);
    layout = engine.update(state, [id]);
    draw(container);
  },

  async fit(container) {
    const svg = container.querySelector('svg');
    svg.setAttribute('width', '100%');
    svg.setAttribute('height', '100%');
    svg.getBoundingClientRect();
    return 'svg sized to the container (viewBox = map bounds)';
  },

  countNodes(container) {
    return container.querySelectorAll('g.topic').length;
  },

  diagnose(container) {
    return { connectors: container.querySelectorAll('.connectors > path').length, svgBytes: container.innerHTML.length };
  },
};
