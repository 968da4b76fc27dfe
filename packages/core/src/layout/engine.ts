// LayoutEngine: lays a document out and keeps what it computed (measured sizes, per-subtree
// contours and relative placements) so that after an edit only the changed topics and their
// ancestors are laid out again. `layoutDoc` is a fresh engine run once.

import type { StructureName, Topic, TopicId, TopicShape } from '../model.ts';
import type { Theme } from '../render/theme-types.ts';
import { getTheme, levelStyle } from '../render/themes.ts';
import { keepShape } from '../shape-anchor.ts';
import { type DocState, NO_CHILDREN } from '../store.ts';
import type { TextMeasurer } from '../text/types.ts';
import { boxContour, type Contour, contourExtent } from './contour.ts';
import { onGrid } from './grid.ts';
import { anchorNodeShape, GeometryArena, LayoutNode, type LayoutNode as Node } from './layout-node.ts';
import { type PlacementMemo, placeAll } from './place.ts';
import { splitSides } from './sides.ts';
import { isHorizontal, tidyDirection } from './structure-kinds.ts';
import {
  type BlockContext,
  type BlockStructure,
  layoutCatalog,
  layoutFishbone,
  layoutTimeline,
  placeBlockSummaries,
} from './structures.ts';
import { LayoutTable } from './table.ts';
import { packChildren, type Spacing, type SummaryPlan } from './tidy.ts';
import { sharedTopicMeasurer, styleLevel, type TopicMeasure, type TopicMeasurer } from './topic-size.ts';
import type { Direction, LayoutResult, Rect } from './types.ts';

export interface LayoutOptions {
  measure: TextMeasurer;
  /** Defaults to the document's theme, then `classic`. */
  theme?: Theme;
}

export class LayoutError extends Error {
  override readonly name = 'LayoutError';
}

/** Lays out a document: a pure function of the document, the theme and the measurer. */
export function layoutDoc(state: DocState, options: LayoutOptions): LayoutResult {
  return new LayoutEngine(options, false).update(state);
}

/**
 * Keeps caches between updates (sizes, contours, relative placements), so that an update after an
 * edit lays out only the changed topics and their ancestors. Each update reuses the rows of the
 * previous result: read what you need from a result before updating again (a stale result throws
 * a `StaleLayoutError`).
 */
export class LayoutEngine {
  private readonly nodes = new Map<TopicId, Node>();
  /** Geometry of the nodes; deleted topics' slots are reclaimed by the next full layout. */
  private readonly arena = new GeometryArena(16);
  private sizer: TopicMeasurer | null = null;
  private state: DocState | null = null;
  private lastKey = '';
  private spacing: Spacing = { hGap: 40, vGap: 12 };
  private theme: Theme | null = null;
  /** The theme's topic shape per style level. */
  private shapes: TopicShape[] = [];
  /** Counts placements: a node laid out by the update of placement g has `laidAt === g`. */
  private generation = 0;
  /**
   * The last placement of an incremental engine: the next one copies the rows of subtrees that
   * were not laid out again from it, and writes into `spare`, the table of the one before (so
   * each update reuses the rows of the result before last: making new ones was most of its cost).
   */
  private memo: PlacementMemo | null = null;
  private spare: LayoutTable | null = null;
  /** The nodes of `nodes` that hide descendants (hidden > 0), so an insert need not scan them all. */
  private readonly folded = new Set<Node>();
  /** How many topics the last update laid out again (the rest came from the caches). */
  laidOut = 0;
  /** How many rows the last update placed by walking its nodes (the rest were copied). */
  walkedRows = 0;
  /** The root's record in the state being laid out. */
  private rootTopic: Topic | null = null;
  /** True while an update lays everything out from scratch (no node exists yet). */
  private fresh = false;

  /**
   * @param incremental false for a one-shot engine (`layoutDoc`): it keeps no map from topic id
   *   to node (a tenth of a full layout's time), so each of its updates lays everything out.
   */
  constructor(
    private readonly options: LayoutOptions,
    private readonly incremental = true,
  ) {}

  /** Marks topics as changed (created, updated, moved or deleted) since the last update. */
  invalidate(ids: Iterable<TopicId>): void {
    let unseen = false;
    for (const id of ids) {
      const n = this.nodes.get(id);
      // A topic not shown by the last update may sit under a folded topic whose count it changes.
      if (!n || !this.shown(n)) unseen = true;
      if (n) this.markDirty(n);
      const state = this.state;
      if (!state) continue;
      const t = state.topics.get(id);
      if (!t) {
        this.nodes.delete(id);
        if (n) this.folded.delete(n);
        continue;
      }
      // The new parent chain (after a move or create).
      let pid = t.parentId;
      let guard = state.topics.size;
      while (pid !== null && guard-- > 0) {
        const p = this.nodes.get(pid);
        if (p) p.dirty = true;
        pid = state.topics.get(pid)?.parentId ?? null;
      }
    }
    // A topic never laid out was hidden under a folded topic (or is new): the counts of hidden
    // descendants may have changed wherever it was, so folded topics count again.
    if (unseen) for (const n of this.folded) this.markDirty(n);
  }

  /** Whether the last placement showed `node`: its row, found from the offsets up to the root, is its own. */
  private shown(node: Node): boolean {
    const table = this.memo?.table;
    if (!table) return false;
    let row = 0;
    let guard = this.nodes.size + 1;
    for (let n: Node | null = node; n !== null && guard-- > 0; n = n.parent) {
      row += n.rowOff;
      if (n.rowAbsolute) break;
    }
    return row >= 0 && row < table.size && table.ids[row] === node.id;
  }

  private markDirty(node: Node): void {
    // Walk the whole chain: nodes hidden under a folded topic may be dirty while their
    // ancestors are not.
    let n: Node | null = node;
    let guard = this.nodes.size + 1;
    while (n && guard-- > 0) {
      n.dirty = true;
      n = n.parent;
    }
  }

  /**
   * Lays out `state`. With `changed` (ids of topics created, updated, moved or deleted since the
   * previous call; for a summary or boundary change, its parent topic), only those and their
   * ancestors are laid out again; without it, everything is.
   */
  update(state: DocState, changed?: Iterable<TopicId>): LayoutResult {
    const theme = this.options.theme ?? getTheme(state.theme?.name) ?? getTheme('classic');
    if (!theme) throw new LayoutError('no theme available for layout');
    const root = state.topics.get(state.rootId);
    if (!root) throw new LayoutError(`the root topic ${state.rootId} is missing`);
    this.rootTopic = root;
    this.generation++;
    const key = `${state.rootId}|${state.structure}|${theme.name}`;
    // Deleted topics leave their arena slots behind: once they outnumber the live ones, lay
    // everything out again, which starts a fresh arena.
    const compact = this.arena.used > 2 * this.nodes.size + 1024;
    if (
      !this.incremental ||
      !this.sizer ||
      this.theme !== theme ||
      key !== this.lastKey ||
      changed === undefined ||
      this.state === null ||
      compact
    ) {
      if (!this.sizer || this.theme !== theme) this.sizer = sharedTopicMeasurer(theme, this.options.measure);
      this.shapes = [0, 1, 2].map((level) => levelStyle(theme, level).shape);
      this.theme = theme;
      this.nodes.clear();
      // Room for every topic at once: no growing by copying, and no slot to clear.
      this.arena.renew(state.topics.size + 1);
      this.folded.clear();
      this.lastKey = key;
      this.state = state;
      this.fresh = true;
    } else {
      this.state = state;
      this.invalidate(changed);
    }
    this.spacing = { hGap: onGrid(theme.hGap), vGap: onGrid(theme.vGap) };
    this.laidOut = 0;
    // Until this update succeeds, the last placement is no template to copy from: one that fails
    // may lay nodes out again (and mark them clean) without placing them.
    const prev = this.memo;
    this.memo = null;
    const rootNode = this.nodeFor(state.rootId, root);
    rootNode.topic = root;
    rootNode.measure = (this.sizer as TopicMeasurer).measure(root, 0);
    rootNode.list = null;
    rootNode.parent = null;
    rootNode.depth = 0;
    rootNode.dir = null;
    try {
      this.blockOf(rootNode, root.structure ?? state.structure);
    } finally {
      this.fresh = false;
    }
    const blockOf = (n: Node, st: BlockStructure): Rect => this.blockOf(n, st);
    const generation = this.generation;
    if (!this.incremental) {
      const once = placeAll(rootNode, theme, state, this.options.measure, this.spacing, blockOf, generation, null, null);
      this.walkedRows = once.walked;
      anchorNodeShape();
      return once.result;
    }
    const target = this.spare ?? new LayoutTable(state.topics.size + 1);
    const memo = placeAll(rootNode, theme, state, this.options.measure, this.spacing, blockOf, generation, target, prev);
    if (prev) prev.table.generation++; // its results are stale now, and its rows are the next update's to fill
    this.spare = prev?.table ?? null;
    this.memo = memo;
    this.walkedRows = memo.walked;
    anchorNodeShape();
    // Finding a topic's box needs no map of every id: its row follows from the row offsets.
    const result = memo.result;
    result.boxes.lookup = (id) => this.rowOf(id, result.table);
    return result;
  }

  /**
   * The row of a topic in the last placement (`table`), from the nodes' row offsets in O(depth);
   * -1 when it has no node (never laid out, deleted), -2 when the offsets do not lead to it (a
   * topic hidden under a folded one): the caller then looks it up another way.
   */
  rowOf(id: TopicId, table: LayoutTable): number {
    const node = this.nodes.get(id);
    if (!node) return -1;
    if (this.memo?.table !== table) return -2;
    let row = 0;
    let guard = this.nodes.size + 1;
    for (let n: Node | null = node; n !== null && guard-- > 0; n = n.parent) {
      row += n.rowOff;
      if (n.rowAbsolute) break;
    }
    return row >= 0 && row < table.size && table.ids[row] === id ? row : -2;
  }

  private nodeFor(id: TopicId, topic: Topic): Node {
    // A fresh layout has no nodes to find: every topic sits in exactly one children list, so the
    // only topic that can be reached twice is the root (through a corrupt parent link).
    // (The root is recognised by its record: comparing ids would compare strings.)
    const isRoot = topic === this.rootTopic;
    let n = this.fresh && !isRoot ? undefined : this.nodes.get(id);
    if (!n) {
      n = new LayoutNode(topic, this.arena);
      // The root always: a corrupt link back to it must find the same node (see above).
      if (this.incremental || isRoot) this.nodes.set(id, n);
    }
    return n;
  }

  /** Refreshes a node's record, size and visible children from the document. */
  private prepare(node: Node): void {
    this.laidOut++;
    node.laidAt = this.generation;
    if (node.depth > MAX_DEPTH) throw new LayoutError(`the map is nested deeper than ${MAX_DEPTH} levels`);
    const state = this.state as DocState;
    // The record is current: the parent's `prepare` (or `update`, for the root) just set it.
    const topic = node.topic;
    const sizer = this.sizer as TopicMeasurer;
    // Set by the parent's `prepare` (or by `update`, for the root) just before.
    const m = node.measure ?? (node.measure = sizer.measure(topic, node.depth));
    node.underline = (topic.style?.shape ?? this.shapes[styleLevel(node.depth)]) === 'underline';
    node.w = m.width;
    node.h = m.height;
    node.lead = 0;
    node.hasBlock = false;
    // Only a fishbone block draws a spine: one from an earlier layout as a block must not outlive it.
    node.spine = null;
    // The children's records, cached by the index between layouts until one of them changes. The
    // parent's list handed this node its own (so no look-up by id), or NO_CHILDREN for a leaf.
    const list = node.list === null ? state.children.childList(node.id) : state.children.refresh(node.list);
    const records = list.records;
    const lists = list.lists;
    let kids = NONE;
    let sums = NONE;
    let floats = NONE;
    if (node.hidden > 0) this.folded.delete(node);
    node.hidden = 0;
    if (topic.folded && records.length > 0) {
      node.hidden = countDescendants(state, node.id);
      if (node.hidden > 0) this.folded.add(node);
    } else if (records.length > 0) {
      // Sized for all children up front (most are ordinary ones), trimmed below: growing an empty
      // array by push allocates room for seventeen.
      kids = new Array<Node>(records.length);
      // The children's sizes live beside their records in the index, dropped with them.
      const level = styleLevel(node.depth + 1);
      let slot = list.derived as ChildSizes | null;
      if (slot === null || slot.sizer !== sizer || slot.level !== level || slot.generation !== sizer.generation) {
        slot = { sizer, generation: sizer.generation, level, sizes: new Array<TopicMeasure | undefined>(records.length) };
        list.derived = slot;
      }
      const sizes = slot.sizes;
      let count = 0;
      for (let i = 0; i < records.length; i++) {
        const t = records[i];
        if (!t) continue;
        const id = t.id;
        const child = this.nodeFor(id, t);
        // A corrupt document may loop back to an ancestor: that link is ignored.
        if (child === node || child.onPath) continue;
        child.topic = t;
        child.parent = node;
        child.list = lists === null ? null : (lists[i] ?? NO_CHILDREN);
        child.clearRoleExtras();
        if (t.detached) {
          child.depth = 1;
          child.measure = sizer.measure(t, 1);
          if (floats === NONE) floats = [];
          floats.push(child);
          continue;
        }
        child.depth = node.depth + 1;
        child.measure = sizes[i] ?? (sizes[i] = sizer.measureAtLevel(t, level));
        const s = t.summaryId !== undefined ? state.summaries.get(t.summaryId) : undefined;
        if (s && s.parentId === node.id && s.topicId === id) {
          child.summary = s;
          if (sums === NONE) sums = [];
          sums.push(child);
        } else kids[count++] = child;
      }
      if (count === 0) kids = NONE;
      else if (count < kids.length) kids.length = count;
    }
    for (let i = 0; i < sums.length; i++) (sums[i] as Node).brace = null;
    node.kids = kids;
    node.sums = sums;
    node.floats = floats;
  }

  /** Summaries over `items`, as index ranges (summaries whose range is not among them are dropped). */
  private summaryPlans(node: Node, items: readonly Node[], inherited: StructureName, dir: Direction): SummaryPlan[] {
    if (node.sums.length === 0) return NO_PLANS;
    const index = new Map<TopicId, number>();
    for (let i = 0; i < items.length; i++) index.set((items[i] as Node).id, i);
    const plans: SummaryPlan[] = [];
    for (const s of node.sums) {
      const rec = s.summary;
      if (!rec) continue;
      let from = index.get(rec.fromId);
      let to = index.get(rec.toId);
      if (from === undefined && to === undefined) continue;
      from ??= to as number;
      to ??= from;
      if (from > to) [from, to] = [to, from];
      const c = this.tidyItem(s, inherited, dir) ?? boxContour(s.main(dir) + this.spacing.hGap, s.cross(dir));
      plans.push({ node: s, from, to, contour: c });
    }
    return plans;
  }

  /**
   * Lays out `node` as a member of a tidy group growing in `dir` whose structure so far is
   * `inherited`; returns its contour in that frame, or null for a leaf (whose contour is its box
   * and the gap after it: most topics are leaves, so theirs is never built).
   */
  private tidyItem(node: Node, inherited: StructureName, dir: Direction): Contour | null {
    if (!node.dirty && node.ctxKind === CTX_TIDY && node.ctxStructure === inherited && node.ctxDepth === node.depth) {
      // Mirroring right↔left leaves a purely tidy subtree's contour unchanged.
      if (node.ctxDir === dir || (!node.hasBlock && node.ctxDir === mirror(dir) && isHorizontal(dir))) {
        return node.contour;
      }
    }
    // Most topics are leaves that continue their parent's structure: their box is all there is.
    if (node.list === NO_CHILDREN && node.topic.structure === undefined) {
      this.prepareLeaf(node);
      node.structure = inherited;
      node.contour = null;
      cached(node, CTX_TIDY, inherited, dir);
      return null;
    }
    this.prepare(node);
    node.onPath = true;
    try {
      return this.tidyCompute(node, inherited, dir);
    } finally {
      node.onPath = false;
    }
  }

  /** `prepare` for a topic its parent's list showed to have no children. */
  private prepareLeaf(node: Node): void {
    this.laidOut++;
    node.laidAt = this.generation;
    if (node.depth > MAX_DEPTH) throw new LayoutError(`the map is nested deeper than ${MAX_DEPTH} levels`);
    const topic = node.topic;
    const m = node.measure ?? (node.measure = (this.sizer as TopicMeasurer).measure(topic, node.depth));
    node.underline = (topic.style?.shape ?? this.shapes[styleLevel(node.depth)]) === 'underline';
    node.w = m.width;
    node.h = m.height;
    node.lead = 0;
    node.hasBlock = false;
    if (node.hidden > 0) {
      this.folded.delete(node);
      node.hidden = 0;
    }
    node.kids = NONE;
    node.sums = NONE;
    node.floats = NONE;
  }

  private tidyCompute(node: Node, inherited: StructureName, dir: Direction): Contour | null {
    const own = node.topic.structure;
    const continues = own === undefined || tidyDirection(own) === dir || (own === 'mindmap' && isHorizontal(dir));
    let contour: Contour;
    if (continues) {
      const st = own ?? inherited;
      node.structure = st;
      // A structure of its own that keeps one side continues here, but would be a block on the
      // other side: the subtree's layout must not be mirrored then (see `tidyItem`).
      const oneSided = own !== undefined && own !== 'mindmap';
      const kids = node.kids;
      if (kids.length === 0) {
        // A leaf (most topics; summaries need children to span): its box and the gap after it.
        // It keeps no contour: it is rebuilt from its size when asked for.
        node.hasBlock = oneSided;
        node.contour = null;
        cached(node, CTX_TIDY, inherited, dir);
        return null;
      }
      const contours = new Array<Contour | null>(kids.length);
      let hasBlock = oneSided;
      for (let i = 0; i < kids.length; i++) {
        const k = kids[i] as Node;
        contours[i] = this.tidyItem(k, st, dir);
        if (k.hasBlock) hasBlock = true;
      }
      const plans = this.summaryPlans(node, kids, st, dir);
      for (let i = 0; i < plans.length; i++) if ((plans[i] as SummaryPlan).node.hasBlock) hasBlock = true;
      contour = packChildren(node, kids, contours, dir, plans, this.spacing, false);
      // A one-shot engine never asks for a child's contour again: let it die young.
      if (!this.incremental) for (let i = 0; i < kids.length; i++) (kids[i] as Node).contour = null;
      node.hasBlock = hasBlock;
    } else {
      const box = this.computeBlock(node, own);
      contour = this.blockContour(node, box, dir);
      node.hasBlock = true;
    }
    node.contour = contour;
    cached(node, CTX_TIDY, inherited, dir);
    return contour;
  }

  /** The contour of a block (a subtree with its own structure) inside a tidy group. */
  private blockContour(node: Node, box: Rect, dir: Direction): Contour {
    let u0: number;
    let u1: number;
    let v0: number;
    let v1: number;
    switch (dir) {
      case 'right':
        [u0, u1, v0, v1] = [box.x, box.x + box.width, box.y, box.y + box.height];
        break;
      case 'left':
        [u0, u1, v0, v1] = [node.w - box.x - box.width, node.w - box.x, box.y, box.y + box.height];
        break;
      case 'down':
        [u0, u1, v0, v1] = [box.y, box.y + box.height, box.x, box.x + box.width];
        break;
      default:
        [u0, u1, v0, v1] = [node.h - box.y - box.height, node.h - box.y, box.x, box.x + box.width];
    }
    node.lead = Math.max(0, -u0);
    const len = u1 + node.lead + this.spacing.hGap;
    return { top: [len, v0], bot: [len, v1] };
  }

  /** Lays out `node`'s subtree with structure `st` as a block; returns its extent (cached). */
  private blockOf(node: Node, st: BlockStructure): Rect {
    if (!node.dirty && node.bbox && node.ctxKind === CTX_BLOCK && node.ctxStructure === st && node.ctxDepth === node.depth)
      return node.bbox;
    this.prepare(node);
    node.onPath = true;
    let box: Rect;
    try {
      box = this.computeBlock(node, st);
    } finally {
      node.onPath = false;
    }
    cached(node, CTX_BLOCK, st, null);
    return box;
  }

  private computeBlock(node: Node, st: BlockStructure): Rect {
    node.structure = st === 'tree-up' ? 'tree' : st;
    node.spine = null;
    let box: Rect;
    const dir = st === 'tree-up' ? undefined : tidyDirection(st);
    if (dir) box = this.tidyRoot(node, node.structure, dir);
    else if (st === 'mindmap') box = this.balanced(node);
    else {
      const ctx: BlockContext = {
        spacing: this.spacing,
        blockOf: (n, s) => this.blockOf(n, s),
        prepare: (n) => this.prepare(n),
      };
      if (st === 'tree' || st === 'tree-up') box = layoutCatalog(node, st === 'tree-up', ctx);
      else if (st === 'timeline-horizontal' || st === 'timeline-vertical') box = layoutTimeline(node, st === 'timeline-horizontal', ctx);
      else box = layoutFishbone(node, st === 'fishbone-left', ctx);
      box = placeBlockSummaries(node, box, ctx);
    }
    node.bbox = box;
    return box;
  }

  /** A tidy structure rooted at `node`: its children take `dir` as their own frame. */
  private tidyRoot(node: Node, st: StructureName, dir: Direction): Rect {
    const kids = node.kids;
    const contours = kids.map((k) => this.tidyItem(k, st, dir));
    const plans = this.summaryPlans(node, kids, st, dir);
    const c = packChildren(node, kids, contours, dir, plans, this.spacing, true);
    return this.contourBox(node, c, dir);
  }

  /** A mind map around `node`: branches split over the right and left so both sides weigh alike. */
  private balanced(node: Node): Rect {
    const kids = node.kids;
    const rightContours = kids.map((k) => this.tidyItem(k, 'mindmap', 'right'));
    const heights = rightContours.map((c, i) => {
      if (c === null) return (kids[i] as Node).cross('right') + this.spacing.vGap;
      const e = contourExtent(c);
      return e.vMax - e.vMin + this.spacing.vGap;
    });
    const onRight = splitSides(kids, heights);
    const right: Node[] = [];
    const rc: (Contour | null)[] = [];
    const left: Node[] = [];
    for (let i = 0; i < kids.length; i++) {
      if (onRight[i]) {
        right.push(kids[i] as Node);
        rc.push(rightContours[i] as Contour | null);
      } else left.push(kids[i] as Node);
    }
    left.reverse(); // clockwise: the left side reads from the bottom up
    const lc = left.map((k) => this.tidyItem(k, 'mindmap', 'left'));
    const rightPlans = this.summaryPlans(node, right, 'mindmap', 'right');
    const leftPlans = this.summaryPlans(node, left, 'mindmap', 'left').filter((p) => !rightPlans.some((q) => q.node === p.node));
    const r = packChildren(node, right, rc, 'right', rightPlans, this.spacing, true);
    const l = packChildren(node, left, lc, 'left', leftPlans, this.spacing, true);
    const a = this.contourBox(node, r, 'right');
    const b = this.contourBox(node, l, 'left');
    return union(a, b);
  }

  /** Map-space extent (relative to the node's box) of a subtree contour in a frame. */
  private contourBox(node: Node, c: Contour, dir: Direction): Rect {
    const e = contourExtent(c);
    const len = Math.max(e.uEnd - this.spacing.hGap, node.main(dir));
    const vMin = Math.min(e.vMin, 0);
    const vMax = Math.max(e.vMax, node.cross(dir));
    switch (dir) {
      case 'right':
        return { x: 0, y: vMin, width: len, height: vMax - vMin };
      case 'left':
        return { x: node.w - len, y: vMin, width: len, height: vMax - vMin };
      case 'down':
        return { x: vMin, y: 0, width: vMax - vMin, height: len };
      default:
        return { x: vMin, y: node.h - len, width: vMax - vMin, height: len };
    }
  }
}

/** Deeper maps are refused with a LayoutError rather than overflowing the stack. */
const MAX_DEPTH = 1000;

/** What a node's cached layout was computed as: a member of a tidy group, or a block. */
const CTX_TIDY = 1;
const CTX_BLOCK = 2;

/** Shared empty list for nodes without summaries or floating topics (never mutated). */
const NONE: Node[] = [];

/** The sizes of a parent's children, kept in the children index beside their records. */
interface ChildSizes {
  sizer: TopicMeasurer;
  generation: number;
  level: number;
  sizes: (TopicMeasure | undefined)[];
}
const NO_PLANS: SummaryPlan[] = [];

/** Records the context a node's layout was just computed in, and that it is clean. */
function cached(node: Node, kind: number, structure: string, dir: Direction | null): void {
  node.ctxKind = kind;
  node.ctxStructure = structure;
  node.ctxDir = dir;
  node.ctxDepth = node.depth;
  node.dirty = false;
}

function mirror(d: Direction): Direction {
  return d === 'right' ? 'left' : d === 'left' ? 'right' : d;
}

function union(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

/** All descendants of a topic (attached, summary and detached). */
function countDescendants(state: DocState, id: TopicId): number {
  let count = 0;
  const stack: TopicId[] = [...state.children.get(id)];
  while (stack.length > 0) {
    const cur = stack.pop() as TopicId;
    count++;
    for (const c of state.children.get(cur)) stack.push(c);
  }
  return count;
}

keepShape(new LayoutEngine({ measure: { width: () => 0, lineHeight: () => 0 } }));
