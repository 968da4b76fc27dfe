// The DOM patcher (DESIGN §4): consumes core's shapes as `emitShapes` produces them for the region
// in view and patches the SVG. One element per visible topic, keyed by topic id; an element is
// rebuilt only when its topic's record, size or look changed, moved with a transform when only its
// position changed, and left alone otherwise. Connectors are keyed paths whose attributes are
// updated in place; the small layers (boundaries, summaries, relationships) are redrawn when their
// shapes differ.

import type { GroupShape, LayoutTable, Shape, ShapeSink, Topic, TopicId } from '@arbor/core';
import { groupEl, SVG_NS, shapeToElement, svgEl } from './svg-dom.ts';

interface TopicEntry {
  el: SVGGElement;
  topic: Topic | undefined;
  /** "x y w h" the element was built at. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** The translation applied to the element now. */
  dx: number;
  dy: number;
  folded: string | undefined;
  epoch: number;
  seen: number;
}

interface PathEntry {
  el: SVGElement;
  sig: string;
  seen: number;
}

type LayerName = 'boundaries' | 'connectors' | 'summaries' | 'topics' | 'relationships';
const LAYERS: readonly LayerName[] = ['boundaries', 'connectors', 'summaries', 'topics', 'relationships'];

/** Attributes a layer group carries for its children (inherited paint). */
function layerAttrs(el: SVGGElement, layer: GroupShape): void {
  for (const a of ['fill', 'stroke', 'stroke-width', 'font-size', 'stroke-linecap', 'stroke-linejoin']) el.removeAttribute(a);
  if (layer.fill) el.setAttribute('fill', layer.fill);
  if (layer.stroke) el.setAttribute('stroke', layer.stroke);
  if (layer.strokeWidth !== undefined) el.setAttribute('stroke-width', String(layer.strokeWidth));
  if (layer.fontSize !== undefined) el.setAttribute('font-size', String(layer.fontSize));
  if (layer.linecap) el.setAttribute('stroke-linecap', layer.linecap);
  if (layer.linejoin) el.setAttribute('stroke-linejoin', layer.linejoin);
}

export interface PatchStats {
  created: number;
  moved: number;
  removed: number;
  kept: number;
}

export class DomPatcher implements ShapeSink {
  readonly layers: Record<LayerName, SVGGElement>;
  private readonly topics = new Map<TopicId, TopicEntry>();
  private readonly paths = new Map<string, PathEntry>();
  private readonly small: Record<string, { sig: string; shapes: Shape[] }> = {};
  private current: LayerName | null = null;
  private pass = 0;
  /** Bumped when looks change for reasons a record does not show (theme, branch colours, styles). */
  epoch = 0;
  /** Looks up the record of a topic (for the identity check). */
  lookup: (id: TopicId) => Topic | undefined = () => undefined;
  stats: PatchStats = { created: 0, moved: 0, removed: 0, kept: 0 };

  constructor(readonly svg: SVGSVGElement) {
    const layers = {} as Record<LayerName, SVGGElement>;
    for (const name of LAYERS) {
      const g = document.createElementNS(SVG_NS, 'g');
      g.setAttribute('class', name);
      svg.appendChild(g);
      layers[name] = g;
    }
    this.layers = layers;
  }

  /** Starts a pass: every element not seen by its end is removed. */
  begin(): void {
    this.pass++;
    this.stats = { created: 0, moved: 0, removed: 0, kept: 0 };
  }

  openLayer(layer: GroupShape): void {
    const name = (layer.className ?? '') as LayerName;
    this.current = LAYERS.includes(name) ? name : null;
    if (!this.current) return;
    layerAttrs(this.layers[this.current], layer);
    if (this.current !== 'topics' && this.current !== 'connectors')
      this.small[this.current] = { sig: this.small[this.current]?.sig ?? '', shapes: [] };
  }

  add(shape: Shape): void {
    switch (this.current) {
      case 'topics':
        if (shape.type === 'group') this.topic(shape);
        return;
      case 'connectors':
        this.path(shape);
        return;
      case null:
        return;
      default:
        this.small[this.current]?.shapes.push(shape);
    }
  }

  closeLayer(): void {
    const name = this.current;
    this.current = null;
    if (!name || name === 'topics' || name === 'connectors') return;
    const entry = this.small[name];
    if (!entry) return;
    const sig = JSON.stringify(entry.shapes);
    if (sig === entry.sig) return;
    entry.sig = sig;
    const g = this.layers[name];
    g.replaceChildren();
    for (const s of entry.shapes) {
      const el = shapeToElement(s);
      if (el) g.appendChild(el);
    }
  }

  /** Ends a pass: removes what was not seen. */
  end(): void {
    for (const [id, e] of this.topics) {
      if (e.seen !== this.pass) {
        e.el.remove();
        this.topics.delete(id);
        this.stats.removed++;
      }
    }
    for (const [key, e] of this.paths) {
      if (e.seen !== this.pass) {
        e.el.remove();
        this.paths.delete(key);
      }
    }
  }

  /** Forgets every element (a theme switch, a new document). */
  clear(): void {
    for (const g of Object.values(this.layers)) g.replaceChildren();
    this.topics.clear();
    this.paths.clear();
    for (const k of Object.keys(this.small)) delete this.small[k];
  }

  /**
   * For `emitShapes`' `keepTopic`: a topic whose element was built from this very record, at this
   * size, fold count and look needs no new shape: it is marked seen and moved by a transform.
   */
  keep(table: LayoutTable, row: number, topic: Topic): boolean {
    const e = this.topics.get(topic.id);
    if (!e || e.topic !== topic || e.epoch !== this.epoch) return false;
    const r = table.rect;
    const w = r[4 * row + 2] as number;
    const h = r[4 * row + 3] as number;
    if (e.w !== w || e.h !== h) return false;
    const hidden = table.hidden[row] as number;
    if (e.folded !== (topic.folded ? String(hidden) : undefined)) return false;
    this.place(e, r[4 * row] as number, r[4 * row + 1] as number);
    return true;
  }

  /** Marks an entry seen at (x, y): a transform moves its element when it was built elsewhere. */
  private place(e: TopicEntry, x: number, y: number): void {
    e.seen = this.pass;
    const dx = x - e.x;
    const dy = y - e.y;
    if (dx !== e.dx || dy !== e.dy) {
      if (dx === 0 && dy === 0) e.el.removeAttribute('transform');
      else e.el.setAttribute('transform', `translate(${dx} ${dy})`);
      e.el.setAttribute('data-rect', `${x} ${y} ${e.w} ${e.h}`);
      e.dx = dx;
      e.dy = dy;
      this.stats.moved++;
    } else this.stats.kept++;
  }

  /** The element of a topic in view, if any. */
  elementOf(id: TopicId): SVGGElement | undefined {
    return this.topics.get(id)?.el;
  }

  get topicCount(): number {
    return this.topics.size;
  }

  private topic(g: GroupShape): void {
    const id = g.data?.id as TopicId | undefined;
    if (!id) return;
    const [x, y, w, h] = (g.data?.rect ?? '0 0 0 0').split(' ').map(Number) as [number, number, number, number];
    const folded = g.data?.folded;
    const record = this.lookup(id);
    const e = this.topics.get(id);
    if (e && e.topic === record && e.epoch === this.epoch && e.w === w && e.h === h && e.folded === folded && record !== undefined) {
      // Same drawing elsewhere: a transform moves it without building it again.
      this.place(e, x, y);
      return;
    }
    const el = groupEl(g);
    el.setAttribute('data-rect', `${x} ${y} ${w} ${h}`);
    if (e) e.el.replaceWith(el);
    else this.layers.topics.appendChild(el);
    this.topics.set(id, { el, topic: record, x, y, w, h, dx: 0, dy: 0, folded, epoch: this.epoch, seen: this.pass });
    this.stats.created++;
  }

  private path(s: Shape): void {
    const key = s.key;
    if (!key) {
      const el = shapeToElement(s);
      if (el) this.layers.connectors.appendChild(el);
      return;
    }
    const sig = s.type === 'path' ? `${s.d}|${s.stroke}|${s.strokeWidth}|${s.fill}|${s.dash}` : JSON.stringify(s);
    const e = this.paths.get(key);
    if (e) {
      e.seen = this.pass;
      if (e.sig === sig) return;
      if (s.type === 'path' && e.el.tagName === 'path') {
        e.el.setAttribute('d', s.d);
        e.el.setAttribute('stroke', s.stroke ?? 'none');
        e.el.setAttribute('fill', s.fill ?? 'none');
        if (s.strokeWidth !== undefined) e.el.setAttribute('stroke-width', String(s.strokeWidth));
        e.sig = sig;
        return;
      }
      e.el.remove();
    }
    const el = shapeToElement(s) ?? svgEl('g');
    this.layers.connectors.appendChild(el);
    this.paths.set(key, { el, sig, seen: this.pass });
  }
}
