// (document, layout, theme, viewport) → shapes. One pass over the layout: styles are resolved once
// per topic, connectors take their parent's line style (or the branch colour), and everything outside
// the viewport is culled.

import { CONNECTOR_STRIDE, type LayoutTable } from '../layout/table.ts';
import type { Connector, LayoutResult, Rect, TopicBox } from '../layout/types.ts';
import type { Topic, TopicId } from '../model.ts';
import { keepShape } from '../shape-anchor.ts';
import type { DocState } from '../store.ts';
import { attachedChildren, detachedChildren } from '../store.ts';
import { ApproxMeasurer } from '../text/approx-measurer.ts';
import type { TextMeasurer } from '../text/types.ts';
import { safeColor } from './color.ts';
import { braceOf, type ConnectorLook, connectorKey, connectorShape } from './connectors.ts';
import { boundaryShape, type OverlayPaint, relationshipShape, summaryShape } from './overlays.ts';
import { type Pen, plainPen, sketchyPen } from './pen.ts';
import type { GroupShape, Shape } from './shapes.ts';
import type { ShapeSink } from './svg.ts';
import type { Theme } from './theme-types.ts';
import { levelStyle } from './themes.ts';
import { type IncomingLine, type TopicPaint, topicShape } from './topic-shape.ts';
import { type ResolvedTopicStyle, resolveTopicStyle } from './topic-style.ts';

export interface RenderOptions {
  /** Measures relationship labels; an approximate measurer is used when absent. */
  measure?: TextMeasurer;
  /** Only shapes that intersect this rectangle (map coordinates) are produced. */
  viewport?: Rect;
  /**
   * Rows a spatial index found near the viewport, each list sorted ascending: then only these
   * topic and connector rows are looked at (each still checked against `viewport`), instead of a
   * pass over every row. The browser's canvas gives them; the output is the same either way.
   */
  candidates?: { topics: ArrayLike<number>; connectors: ArrayLike<number> };
  /**
   * Asked before a topic's shape is made (with its row in the layout table): true when the sink
   * already has that topic's drawing and needs no new one (the DOM patcher, for topics that only
   * moved). The topic is then not emitted.
   */
  keepTopic?: (row: number, topic: Topic) => boolean;
}

/** Room around a topic's rectangle for things drawn outside it (fold button, underline). */
const TOPIC_MARGIN = 24;
const fallbackMeasurer = new ApproxMeasurer();

const intersects = (a: Rect, b: Rect): boolean =>
  a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;

/** Bounds of flat coordinates [x0, y0, x1, y1, …], grown by `pad`. */
function coordsBounds(xy: readonly number[], pad: number): Rect {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (let j = 0; j + 1 < xy.length; j += 2) {
    const x = xy[j] as number;
    const y = xy[j + 1] as number;
    if (x < x0) x0 = x;
    if (y < y0) y0 = y;
    if (x > x1) x1 = x;
    if (y > y1) y1 = y;
  }
  return { x: x0 - pad, y: y0 - pad, width: x1 - x0 + 2 * pad, height: y1 - y0 + 2 * pad };
}

function pointsBounds(points: readonly { x: number; y: number }[], pad: number): Rect {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    if (p.x < x0) x0 = p.x;
    if (p.y < y0) y0 = p.y;
    if (p.x > x1) x1 = p.x;
    if (p.y > y1) y1 = p.y;
  }
  return { x: x0 - pad, y: y0 - pad, width: x1 - x0 + 2 * pad, height: y1 - y0 + 2 * pad };
}

/**
 * Rainbow themes: the index of the main branch each topic belongs to (root's attached children in
 * order, then detached topics). Memoised walk up the parent chain, so the whole map costs O(n).
 */
function branchIndexer(state: DocState): (id: TopicId) => number | undefined {
  const index = new Map<TopicId, number | undefined>();
  const root = state.rootId;
  let i = 0;
  for (const id of attachedChildren(state, root)) index.set(id, i++);
  for (const id of detachedChildren(state, root)) index.set(id, i++);
  const lookup = (id: TopicId): number | undefined => {
    const path: TopicId[] = [];
    let cur: TopicId | null = id;
    let found: number | undefined;
    let guard = state.topics.size + 1;
    while (cur !== null && guard-- > 0) {
      if (index.has(cur)) {
        found = index.get(cur);
        break;
      }
      if (cur === root) break;
      const t: Topic | undefined = state.topics.get(cur);
      if (!t) break;
      // A summary of the root's children takes the colour of the first branch it covers.
      if (t.summaryId !== undefined && t.parentId === root) {
        const s = state.summaries.get(t.summaryId);
        if (s) {
          found = index.get(s.fromId);
          break;
        }
      }
      path.push(cur);
      cur = t.parentId;
    }
    for (const p of path) index.set(p, found);
    return found;
  };
  return lookup;
}

/** Collects the emitted layers into a shape list. */
class ShapeCollector implements ShapeSink {
  readonly shapes: Shape[] = [];
  private open: GroupShape | null = null;
  openLayer(layer: GroupShape): void {
    this.open = { ...layer, children: [] };
    this.shapes.push(this.open);
  }
  add(shape: Shape): void {
    if (this.open) this.open.children.push(shape);
    else this.shapes.push(shape);
  }
  closeLayer(): void {
    this.open = null;
  }
}

keepShape(new ShapeCollector());

// The pen lookups are made once, not per render: optimised code that calls a closure holds on to
// that very closure, and loses its optimisation when a full collection finds it dead.
const plainPenFor = (_key: string): Pen => plainPen;
const sketchyPenFor = (key: string): Pen => sketchyPen(key);

/**
 * The map as shapes, in five layer groups: boundaries, connectors, summaries, topics,
 * relationships (what the DOM patcher diffs; `shapesToSvg` serializes them).
 */
export function renderShapes(state: DocState, layout: LayoutResult, theme: Theme, options: RenderOptions = {}): Shape[] {
  const c = new ShapeCollector();
  emitShapes(state, layout, theme, options, c);
  return c.shapes;
}

const layer = (className: string): GroupShape => ({ type: 'group', className, children: [] });
/**
 * The connectors' layer. Its stroke colour and width are those of most connectors (topics below
 * the main branches), so most connector elements in an SVG need neither. Rainbow themes colour
 * each branch: there the layer sets the width only.
 */
function connectorLayer(theme: Theme, rainbow: boolean): GroupShape {
  const common = levelStyle(theme, 2);
  return {
    type: 'group',
    className: 'connectors',
    fill: 'none',
    stroke: rainbow ? undefined : common.lineColor,
    strokeWidth: common.lineWidth,
    linecap: 'round',
    linejoin: 'round',
    children: [],
  };
}

/**
 * Produces the shapes of the map into `sink`, layer by layer (see `renderShapes`). A streaming
 * sink (the SVG writer) serializes each shape as it comes, so the shapes of a big map never all
 * exist at once.
 */
export function emitShapes(state: DocState, layout: LayoutResult, theme: Theme, options: RenderOptions, sink: ShapeSink): void {
  const measure = options.measure ?? fallbackMeasurer;
  const viewport = options.viewport;
  const pen = theme.sketchy ? sketchyPenFor : plainPenFor;
  const palette = theme.branchColors?.length ? theme.branchColors : undefined;
  const branchOf = palette ? branchIndexer(state) : undefined;
  const branchColor = (id: TopicId): string | undefined => {
    if (!palette || !branchOf || id === state.rootId) return undefined;
    const i = branchOf(id);
    return i === undefined ? undefined : palette[i % palette.length];
  };

  // Topics without their own style share one resolved style per level and branch colour (an
  // array slot each, so most topics cost no map entry and no key string).
  const styled = new Map<TopicId, ResolvedTopicStyle>();
  const sharedStyles: (ResolvedTopicStyle | undefined)[] = [];
  const styleOf = (box: TopicBox, topic = state.topics.get(box.id)): ResolvedTopicStyle => {
    if (topic?.style) {
      let s = styled.get(box.id);
      if (!s) styled.set(box.id, (s = resolveTopicStyle(theme, box.depth, topic, branchColor(box.id))));
      return s;
    }
    const level = Math.min(box.depth, 2);
    const branch = palette && branchOf && box.id !== state.rootId ? branchOf(box.id) : undefined;
    const slot = level * ((palette?.length ?? 0) + 1) + (branch === undefined || !palette ? 0 : 1 + (branch % palette.length));
    let s = sharedStyles[slot];
    if (!s) sharedStyles[slot] = s = resolveTopicStyle(theme, box.depth, topic, branchColor(box.id));
    return s;
  };

  const overlay: OverlayPaint = { theme, fontFamily: theme.fontFamily, measure, pen };
  sink.openLayer(layer('boundaries'));
  for (const g of layout.boundaries) {
    const r = g.label ? union(g.rect, g.label) : g.rect;
    if (viewport && !intersects(r, viewport)) continue;
    sink.add(boundaryShape(g, state.boundaries.get(g.id), overlay));
  }
  sink.closeLayer();

  // Connectors before topics: their looks also give each child's incoming line (underlines continue it).
  const incoming = new Map<TopicId, IncomingLine>();
  sink.openLayer(connectorLayer(theme, palette !== undefined));
  const bracedParents = new Set<TopicId>();
  // Rows are read from the layout's table: boxes and connectors are made as they are drawn.
  const table = layout.table;
  let fromRow = -1;
  let parentBox: TopicBox | undefined;
  let parentTopic: Topic | undefined;
  let parentStyle: ResolvedTopicStyle | ReturnType<typeof levelStyle> = levelStyle(theme, 0);
  // With a viewport, a connector is looked at only if it may be in view or ends at a topic in view
  // (whose underline continues it): a screen of a 100,000-topic map then costs a pass over rows.
  const candidates = viewport ? options.candidates : undefined;
  const shown = viewport ? topicsInView(table, viewport, candidates?.topics) : null;
  const connectorRows = candidates ? candidates.connectors.length : table.connectorCount;
  for (let k = 0; k < connectorRows; k++) {
    const j = candidates ? (candidates.connectors[k] as number) : k;
    if (viewport && !shown?.has(table.to[j] as TopicId) && !connectorNear(table, j, viewport)) continue;
    const c = table.connector(j);
    if (table.fromRow[j] !== fromRow) {
      // Connectors come grouped by parent: look the parent up once per group.
      fromRow = table.fromRow[j] as number;
      parentBox = table.box(fromRow);
      parentTopic = state.topics.get(c.from);
      parentStyle = styleOf(parentBox, parentTopic);
    }
    const look = connectorLook(c, parentBox, parentTopic, parentStyle, theme, state.rootId, branchColor);
    if (!look) continue;
    incoming.set(c.to, look);
    if (viewport && !intersects(coordsBounds(c.coords, look.width * 2 + 2), viewport)) continue;
    const brace = braceOf(c);
    if (brace && !bracedParents.has(c.from)) {
      bracedParents.add(c.from);
      const p = pen(`brace:${c.from}`);
      const d = p.brace(brace.start, brace.end, brace.tip);
      sink.add({
        type: 'path',
        key: `brace:${c.from}`,
        d,
        stroke: look.color,
        strokeWidth: look.width,
        linecap: 'round',
        linejoin: 'round',
      });
    }
    const key = connectorKey(c);
    const shape = connectorShape(c, look, theme.sketchy ? pen(key) : plainPen, key);
    if (shape) sink.add(shape);
  }
  sink.closeLayer();

  sink.openLayer(layer('summaries'));
  for (const g of layout.summaries) {
    if (viewport && !intersects(pointsBounds([g.start, g.end, g.tip], 4), viewport)) continue;
    sink.add(summaryShape(g, state.summaries.get(g.id), overlay));
  }
  sink.closeLayer();

  // The root is the first row (when it is shown at all).
  const root = table.size > 0 && table.ids[0] === state.rootId ? table.box(0) : undefined;
  const rootStyle = root ? styleOf(root) : levelStyle(theme, 0);
  const topicPaint: TopicPaint = {
    fontFamily: theme.fontFamily,
    background: theme.background,
    accent: safeColor(theme.accentColor, rootStyle.lineColor),
    labelFill: theme.labelFill ?? '#eef1f6',
    labelColor: theme.labelColor ?? '#4a5568',
    measure,
    pen,
  };
  // Text colour and size of most topics (below the main branches), inherited by their texts.
  const common = levelStyle(theme, 2);
  sink.openLayer({ type: 'group', className: 'topics', fill: common.color, fontSize: common.fontSize, children: [] });
  const topicRows = candidates ? candidates.topics.length : table.size;
  for (let k = 0; k < topicRows; k++) {
    const i = candidates ? (candidates.topics[k] as number) : k;
    if (viewport && !rowInView(table, i, viewport)) continue;
    const topic = state.topics.get(table.ids[i] as TopicId);
    if (!topic) continue;
    // A sink that still holds this topic's drawing (same record, size and look) takes it as it is.
    if (options.keepTopic?.(i, topic)) continue;
    const box = table.box(i);
    sink.add(topicShape(box, topic, styleOf(box, topic), incoming.get(box.id), topicPaint));
  }
  sink.closeLayer();

  sink.openLayer(layer('relationships'));
  for (const g of layout.relationships) {
    if (viewport && !intersects(pointsBounds([g.start, g.c1, g.c2, g.end, g.labelAt], 30), viewport)) continue;
    sink.add(relationshipShape(g, state.relationships.get(g.id), overlay));
  }
  sink.closeLayer();
}

/** Whether row `i`, with the margin drawn around a topic, meets the viewport. */
function rowInView(table: LayoutTable, i: number, v: Rect): boolean {
  const r = table.rect;
  const x = r[4 * i] as number;
  const y = r[4 * i + 1] as number;
  return (
    x - TOPIC_MARGIN <= v.x + v.width &&
    v.x <= x + (r[4 * i + 2] as number) + TOPIC_MARGIN &&
    y - TOPIC_MARGIN <= v.y + v.height &&
    v.y <= y + (r[4 * i + 3] as number) + TOPIC_MARGIN
  );
}

/** Ids of the topics in view (among `rows` when given). */
function topicsInView(table: LayoutTable, v: Rect, rows?: ArrayLike<number>): Set<TopicId> {
  const out = new Set<TopicId>();
  if (rows) {
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k] as number;
      if (rowInView(table, i, v)) out.add(table.ids[i] as TopicId);
    }
    return out;
  }
  for (let i = 0; i < table.size; i++) if (rowInView(table, i, v)) out.add(table.ids[i] as TopicId);
  return out;
}

/** Room around a connector's points within which it may still show (lines are far thinner). */
const CONNECTOR_REACH = 64;

/** Whether connector row `j`'s points, grown by `CONNECTOR_REACH`, meet the viewport. */
function connectorNear(table: LayoutTable, j: number, v: Rect): boolean {
  const xy = table.coords;
  const at = CONNECTOR_STRIDE * j;
  const n = table.coordCount[j] as number;
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (let k = 0; k + 1 < n; k += 2) {
    const x = xy[at + k] as number;
    const y = xy[at + k + 1] as number;
    if (x < x0) x0 = x;
    if (y < y0) y0 = y;
    if (x > x1) x1 = x;
    if (y > y1) y1 = y;
  }
  return (
    x0 - CONNECTOR_REACH <= v.x + v.width &&
    v.x <= x1 + CONNECTOR_REACH &&
    y0 - CONNECTOR_REACH <= v.y + v.height &&
    v.y <= y1 + CONNECTOR_REACH
  );
}

function union(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

/** Colour, width and taper of the connector from `c.from` to `c.to`. */
function connectorLook(
  c: Connector,
  parentBox: TopicBox | undefined,
  parentTopic: Topic | undefined,
  parent: { lineColor: string; lineWidth: number },
  theme: Theme,
  rootId: TopicId,
  branchColor: (id: TopicId) => string | undefined,
): ConnectorLook {
  const explicit = parentTopic?.style?.lineColor;
  const color = explicit && safeColor(explicit, '') ? parent.lineColor : (branchColor(c.to) ?? parent.lineColor);
  const fromRoot = c.from === rootId;
  let width = parent.lineWidth;
  // A fishbone's spine (a straight connector from the head) belongs to no single branch.
  if (c.kind === 'straight' && parentBox?.structure.startsWith('fishbone'))
    return { color: parent.lineColor, width: width * 1.8, tapered: false };
  // The fishbone spine and the timeline axis carry the whole map: draw them heavier.
  if (fromRoot && (c.kind === 'bone' || c.kind === 'timeline')) width *= 1.6;
  return { color, width, tapered: !!theme.taperedBranches && fromRoot && c.kind === 'curve' };
}
