// The map canvas (DESIGN §4, §9): the editor's layout drawn as SVG through the DOM patcher, only
// the region around the viewport, found through the spatial index. Panning moves a composited
// layer (no repaint); the SVG is patched again only when the view leaves the drawn region, the
// zoom changes or the document changes. Geometry always comes from the layout, never the DOM.

import { emitShapes, type LayoutResult, type Rect, type Topic, type TopicId } from '@arbor/core';
import type { ChangeEvent, Editor } from '../editor/editor.ts';
import { type Camera, centreOn, clampZoom, contains, fitRect, grow, mapToScreen, screenToMap, visibleRect, zoomAt } from './camera.ts';
import { Overview, useOverview } from './overview.ts';
import { DomPatcher } from './patcher.ts';
import { SpatialIndex, scanCandidates } from './spatial-index.ts';
import { SVG_NS, svgEl } from './svg-dom.ts';

export interface CanvasStats {
  /** Topics in the layout (everything not folded away). */
  laidOut: number;
  /** Topic elements in the DOM (the region around the viewport). */
  painted: number;
  /** Milliseconds of the last patch (emit + DOM). */
  patchMs: number;
  created: number;
  moved: number;
  /** Drawn as an overview (zoomed far out): boxes and lines in a 2D canvas, no topic elements. */
  overview: boolean;
}

/** How far beyond the viewport the drawn region reaches, as a share of the viewport. */
const REGION_MARGIN = 0.5;

export class MapCanvas {
  readonly root: HTMLDivElement;
  private readonly layer: HTMLDivElement;
  readonly svg: SVGSVGElement;
  private readonly overlay: SVGGElement;
  readonly patcher: DomPatcher;
  readonly index = new SpatialIndex();
  camera: Camera = { x: 0, y: 0, zoom: 1 };
  width = 0;
  height = 0;
  private region: Rect | null = null;
  private regionZoom = 0;
  private dirty = true;
  private overlayDirty = true;
  private raf = 0;
  private readonly off: (() => void)[] = [];
  private resizeObserver: ResizeObserver | null = null;
  /** Topics marked by a search. */
  highlights: ReadonlySet<TopicId> = new Set();
  /** A drop preview (map coordinates) drawn on top, or null. */
  dropPreview: { rect: Rect; line?: [number, number, number, number] } | null = null;
  /** A selection box being dragged (map coordinates), or null. */
  selectionBox: Rect | null = null;
  stats: CanvasStats = { laidOut: 0, painted: 0, patchMs: 0, created: 0, moved: 0, overview: false };
  private readonly overview: Overview;
  private inOverview = false;
  /** Called after every frame that changed the view (the minimap and the text editor follow it). */
  onFrame: (() => void) | null = null;

  constructor(
    host: HTMLElement,
    readonly editor: Editor,
  ) {
    this.root = document.createElement('div');
    this.root.className = 'arbor-canvas';
    // What the canvas needs to work at all is set here, so it runs without the app's stylesheet
    // (the peer benchmark mounts it alone); the stylesheet adds the looks.
    Object.assign(this.root.style, { position: 'absolute', inset: '0', overflow: 'hidden', touchAction: 'none', userSelect: 'none' });
    this.root.tabIndex = 0;
    this.root.setAttribute('role', 'application');
    this.root.setAttribute('aria-roledescription', '思维导图 / mind map');
    this.layer = document.createElement('div');
    this.layer.className = 'arbor-layer';
    Object.assign(this.layer.style, { position: 'absolute', left: '0', top: '0', willChange: 'transform' });
    this.svg = svgEl('svg');
    this.svg.setAttribute('xmlns', SVG_NS);
    this.svg.setAttribute('aria-hidden', 'true');
    this.patcher = new DomPatcher(this.svg);
    this.patcher.lookup = (id) => this.editor.state.topics.get(id);
    this.overlay = svgEl('g', { class: 'overlay' });
    this.svg.appendChild(this.overlay);
    this.layer.appendChild(this.svg);
    this.overview = new Overview(this.root);
    this.root.appendChild(this.layer);
    host.appendChild(this.root);

    this.off.push(
      editor.on('layout', () => this.invalidate()),
      editor.on('change', (e) => this.onChange(e)),
      editor.on('selection', () => this.invalidateOverlay()),
      editor.on('reveal', (id) => this.reveal(id)),
      editor.on('focus', () => {
        this.patcher.epoch++;
        this.centreOnTopic(this.editor.focusId ?? this.editor.state.rootId);
      }),
    );
    this.measureSize();
    if (typeof ResizeObserver !== 'undefined') {
      this.resizeObserver = new ResizeObserver(() => {
        this.measureSize();
        this.keepEditedTopicInView();
        this.schedule();
      });
      this.resizeObserver.observe(this.root);
    }
    // An on-screen keyboard that overlays the page (iOS) shrinks only the visual viewport; one that
    // resizes it (Android with interactive-widget=resizes-content) is seen by the ResizeObserver.
    const vv = typeof window !== 'undefined' ? window.visualViewport : null;
    if (vv) {
      const onViewport = () => this.keepEditedTopicInView();
      vv.addEventListener('resize', onViewport);
      this.off.push(() => vv.removeEventListener('resize', onViewport));
    }
    this.applyBackground();
    this.initialView();
  }

  /**
   * The view a map opens with: the whole map when it can be read that way, else 100 % with the
   * central topic where its branches have room (left for maps growing right, top for org charts).
   */
  initialView(): void {
    const layout = this.editor.layout;
    const fit = fitRect(layout.bounds, this.width, this.height);
    if (fit.zoom >= 0.6) {
      this.setCamera(fit);
      return;
    }
    const root = layout.boxes.get(this.editor.state.rootId);
    if (!root) return;
    const structure = this.editor.state.topics.get(this.editor.state.rootId)?.structure ?? this.editor.state.structure;
    const margin = 40;
    const cy = root.y + root.height / 2 - this.height / 2;
    const cx = root.x + root.width / 2 - this.width / 2;
    if (/right$|^tree$|^timeline-horizontal$|^fishbone-left$/.test(structure)) this.setCamera({ x: root.x - margin, y: cy, zoom: 1 });
    else if (/left$|^fishbone-right$/.test(structure)) this.setCamera({ x: root.x + root.width + margin - this.width, y: cy, zoom: 1 });
    else if (/down$|^timeline-vertical$/.test(structure)) this.setCamera({ x: cx, y: root.y - margin, zoom: 1 });
    else if (/up$/.test(structure)) this.setCamera({ x: cx, y: root.y + root.height + margin - this.height, zoom: 1 });
    else this.setCamera({ x: cx, y: cy, zoom: 1 });
  }

  destroy(): void {
    cancelAnimationFrame(this.raf);
    for (const f of this.off) f();
    this.resizeObserver?.disconnect();
    this.root.remove();
  }

  private measureSize(): void {
    const r = this.root.getBoundingClientRect();
    this.width = Math.max(1, r.width);
    this.height = Math.max(1, r.height);
  }

  private onChange(e: ChangeEvent): void {
    const d = e.diff;
    // Looks that a topic's own record does not carry: the theme, inherited line colours, branch colours.
    const root = this.editor.state.rootId;
    const restyled =
      d.doc !== null ||
      d.topics.updated.some(([b, a]) => b.style !== a.style || b.structure !== a.structure || a.parentId === root || b.parentId === root) ||
      d.topics.added.some((t) => t.parentId === root) ||
      d.topics.removed.some((t) => t.parentId === root);
    if (restyled) this.patcher.epoch++;
    if (d.doc) this.applyBackground();
    this.invalidate();
  }

  private applyBackground(): void {
    const bg = this.editor.theme.background;
    this.root.style.background = bg && bg !== 'none' ? bg : '#ffffff';
  }

  /** The document or layout changed: patch at the next frame. */
  invalidate(): void {
    this.dirty = true;
    this.overlayDirty = true;
    this.schedule();
  }

  invalidateOverlay(): void {
    this.overlayDirty = true;
    this.schedule();
  }

  schedule(): void {
    if (this.raf) return;
    this.raf = requestAnimationFrame(() => {
      this.raf = 0;
      this.frame();
    });
  }

  /** Draws now (benchmarks and tests measure this; the UI goes through `schedule`). */
  renderNow(): void {
    if (this.raf) {
      cancelAnimationFrame(this.raf);
      this.raf = 0;
    }
    this.frame();
  }

  private frame(): void {
    const view = visibleRect(this.camera, this.width, this.height);
    const zoomChanged = this.regionZoom !== this.camera.zoom;
    if (!this.region || zoomChanged || !contains(this.region, view)) {
      this.region = grow(view, view.width * REGION_MARGIN, view.height * REGION_MARGIN);
      this.regionZoom = this.camera.zoom;
      const r = this.region;
      this.svg.setAttribute('viewBox', `${r.x} ${r.y} ${r.width} ${r.height}`);
      this.svg.setAttribute('width', String(r.width * this.camera.zoom));
      this.svg.setAttribute('height', String(r.height * this.camera.zoom));
      this.dirty = true;
    }
    const layout = this.editor.layout;
    if (useOverview(this.camera.zoom, layout.boxes.size)) {
      if (!this.inOverview) {
        // The topic elements go; the SVG keeps the selection and the other overlays.
        this.patcher.clear();
        this.inOverview = true;
      }
      const t0 = performance.now();
      this.index.update(layout.table, layout.bounds);
      const rows = this.index.query(view);
      this.overview.draw(layout, this.editor.theme, this.camera, this.width, this.height, rows);
      this.dirty = false;
      this.stats = {
        laidOut: layout.boxes.size,
        painted: rows.topics.length,
        patchMs: performance.now() - t0,
        created: 0,
        moved: 0,
        overview: true,
      };
    } else {
      if (this.inOverview) {
        this.inOverview = false;
        this.overview.hide();
        this.dirty = true;
      }
      if (this.dirty) this.patch();
    }
    if (this.overlayDirty) this.drawOverlay();
    this.placeLayer();
    this.onFrame?.();
  }

  private patch(): void {
    const t0 = performance.now();
    const editor = this.editor;
    const layout = editor.layout;
    const region = this.region as Rect;
    // Right after a layout change one pass over the rows is cheaper than indexing them: the index
    // is built when the main thread is free, for the pans and pointer moves that follow.
    const fresh = this.index.isFresh(layout.table);
    const candidates = fresh ? this.index.query(region) : scanCandidates(layout.table, region);
    if (!fresh) this.indexSoon();
    this.patcher.begin();
    const table = layout.table;
    const keepTopic = (row: number, topic: Topic) => this.patcher.keep(table, row, topic);
    emitShapes(
      editor.viewState(),
      layout,
      editor.theme,
      { measure: editor.measure, viewport: region, candidates, keepTopic },
      this.patcher,
    );
    this.patcher.end();
    this.dirty = false;
    this.stats = {
      laidOut: layout.boxes.size,
      painted: this.patcher.topicCount,
      patchMs: performance.now() - t0,
      created: this.patcher.stats.created,
      moved: this.patcher.stats.moved,
      overview: false,
    };
  }

  private indexTimer = 0;

  private indexSoon(): void {
    if (this.indexTimer) return;
    const run = () => {
      this.indexTimer = 0;
      const layout = this.editor.layout;
      this.index.update(layout.table, layout.bounds);
    };
    const idle = (window as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
    this.indexTimer = idle ? idle(run, { timeout: 200 }) : window.setTimeout(run, 50);
  }

  private placeLayer(): void {
    const r = this.region as Rect;
    const p = mapToScreen(this.camera, r.x, r.y);
    // Whole device pixels keep text crisp on HiDPI screens.
    const dpr = window.devicePixelRatio || 1;
    const x = Math.round(p.x * dpr) / dpr;
    const y = Math.round(p.y * dpr) / dpr;
    this.layer.style.transform = `translate3d(${x}px, ${y}px, 0)`;
  }

  private drawOverlay(): void {
    this.overlayDirty = false;
    const boxes = this.editor.layout.boxes;
    const frag = document.createDocumentFragment();
    const outline = (id: TopicId, cls: string, pad: number) => {
      const b = boxes.get(id);
      if (!b) return;
      frag.appendChild(
        svgEl('rect', { class: cls, x: b.x - pad, y: b.y - pad, width: b.width + 2 * pad, height: b.height + 2 * pad, rx: 6 }),
      );
    };
    for (const id of this.highlights) outline(id, 'search-hit', 5);
    for (const id of this.editor.selection) outline(id, id === this.editor.primary ? 'selected primary' : 'selected', 3);
    const drop = this.dropPreview;
    if (drop) {
      const r = drop.rect;
      frag.appendChild(svgEl('rect', { class: 'drop-target', x: r.x, y: r.y, width: r.width, height: r.height, rx: 6 }));
      if (drop.line) {
        const [x1, y1, x2, y2] = drop.line;
        frag.appendChild(svgEl('line', { class: 'drop-line', x1, y1, x2, y2 }));
      }
    }
    const box = this.selectionBox;
    if (box) frag.appendChild(svgEl('rect', { class: 'selection-box', x: box.x, y: box.y, width: box.width, height: box.height }));
    this.overlay.replaceChildren(frag);
  }

  // ── Camera ─────────────────────────────────────────────────────────────────────────────────

  setCamera(c: Camera): void {
    this.camera = { x: c.x, y: c.y, zoom: clampZoom(c.zoom) };
    this.schedule();
  }

  panBy(dx: number, dy: number): void {
    this.setCamera({ ...this.camera, x: this.camera.x - dx / this.camera.zoom, y: this.camera.y - dy / this.camera.zoom });
  }

  zoomTo(zoom: number, sx = this.width / 2, sy = this.height / 2): void {
    this.setCamera(zoomAt(this.camera, zoom, sx, sy));
  }

  zoomBy(factor: number, sx?: number, sy?: number): void {
    this.zoomTo(this.camera.zoom * factor, sx, sy);
  }

  /** Fits the whole map (at most 100 %). */
  fit(): void {
    this.setCamera(fitRect(this.editor.layout.bounds, this.width, this.height));
  }

  centreOnTopic(id: TopicId): void {
    const b = this.editor.layout.boxes.get(id);
    if (!b) return;
    this.setCamera(centreOn(this.camera, b.x + b.width / 2, b.y + b.height / 2, this.width, this.height));
  }

  /**
   * While a topic's text is being typed, it stays above an on-screen keyboard: when the canvas or
   * the visual viewport shrinks, the view pans just enough to show the topic in what is left.
   */
  private keepEditedTopicInView(): void {
    const id = this.editor.editingId;
    if (!id) return;
    const vv = typeof window !== 'undefined' ? window.visualViewport : null;
    const r = this.root.getBoundingClientRect();
    // How much of the canvas's bottom the keyboard covers (0 when the layout itself was resized).
    const covered = vv ? Math.max(0, r.bottom - (vv.offsetTop + vv.height)) : 0;
    this.reveal(id, Math.min(covered, this.height - 80));
  }

  /** Pans just enough to bring a topic into view (with a margin), above `coveredBottom` screen px. */
  reveal(id: TopicId, coveredBottom = 0): void {
    const b = this.editor.layout.boxes.get(id);
    if (!b) return;
    const m = 40 / this.camera.zoom;
    const v = visibleRect(this.camera, this.width, Math.max(1, this.height - coveredBottom));
    let { x, y } = this.camera;
    if (b.x - m < v.x) x = b.x - m;
    else if (b.x + b.width + m > v.x + v.width) x = Math.min(b.x - m, b.x + b.width + m - v.width);
    if (b.y - m < v.y) y = b.y - m;
    else if (b.y + b.height + m > v.y + v.height) y = Math.min(b.y - m, b.y + b.height + m - v.height);
    if (x !== this.camera.x || y !== this.camera.y) this.setCamera({ ...this.camera, x, y });
  }

  screenToMap(clientX: number, clientY: number): { x: number; y: number } {
    const r = this.root.getBoundingClientRect();
    return screenToMap(this.camera, clientX - r.left, clientY - r.top);
  }

  /** A topic's box on screen (client coordinates), or null when it is not laid out. */
  topicScreenRect(id: TopicId): DOMRect | null {
    const b = this.editor.layout.boxes.get(id);
    if (!b) return null;
    const r = this.root.getBoundingClientRect();
    const p = mapToScreen(this.camera, b.x, b.y);
    return new DOMRect(r.left + p.x, r.top + p.y, b.width * this.camera.zoom, b.height * this.camera.zoom);
  }

  /** Layout rows of the topics meeting a map rectangle (through the spatial index). */
  topicRowsIn(rect: Rect): number[] {
    const layout = this.editor.layout;
    this.index.update(layout.table, layout.bounds);
    return this.index.topicsIn(rect);
  }

  /** The topic under a client point (from the layout through the spatial index). */
  topicAt(clientX: number, clientY: number): TopicId | null {
    const p = this.screenToMap(clientX, clientY);
    const layout: LayoutResult = this.editor.layout;
    this.index.update(layout.table, layout.bounds);
    const rows = this.index.topicsAt(p.x, p.y);
    const row = rows[0];
    return row === undefined ? null : (layout.table.ids[row] as TopicId);
  }
}
