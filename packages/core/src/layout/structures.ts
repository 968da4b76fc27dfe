// Block layouts that are not tidy trees: catalog (目录组织图), timelines and fishbones. Each lays out
// a node's children in map coordinates relative to the node's box and returns the block's extent.
// Children that keep these structures recurse through `ctx.blockOf`, so overrides nest freely.

import type { StructureName } from '../model.ts';
import { FISHBONE_SLOPE, SUMMARY_BRACE, TREE_INDENT } from './constants.ts';
import { type LayoutNode, mapOffset, setMapOffset } from './layout-node.ts';
import { Skyline } from './skyline.ts';
import type { Spacing } from './tidy.ts';
import type { Rect } from './types.ts';

/** A structure a block can be laid out with; 'tree-up' is the catalog stacked above its parent. */
export type BlockStructure = StructureName | 'tree-up';

export interface BlockContext {
  spacing: Spacing;
  blockOf(node: LayoutNode, st: BlockStructure): Rect;
  /** Refreshes a node's size and children when a layout handles it inline. */
  prepare(node: LayoutNode): void;
}

export function unionRect(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

function boxOf(n: LayoutNode): Rect {
  return { x: 0, y: 0, width: n.w, height: n.h };
}

/**
 * Catalog: children stacked under the parent (or above it when `up`), indented, each followed by
 * its own subtree; an elbow connector runs down the indent.
 */
export function layoutCatalog(node: LayoutNode, up: boolean, ctx: BlockContext): Rect {
  const { vGap } = ctx.spacing;
  const blocks = node.kids.map((k) => ctx.blockOf(k, k.topic.structure ?? 'tree'));
  let total = 0;
  for (const b of blocks) total += b.height + vGap;
  let y = up ? -total : node.h + vGap;
  let box = boxOf(node);
  const stem = TREE_INDENT / 2;
  node.kids.forEach((kid, i) => {
    const b = blocks[i] as Rect;
    const dx = TREE_INDENT - Math.min(0, b.x);
    const dy = y - b.y;
    setMapOffset(kid, node, dx, dy, 'right');
    kid.report = up ? 'up' : 'down';
    const cy = dy + kid.h / 2;
    kid.conn = [stem, up ? 0 : node.h, stem, cy, dx, cy];
    kid.connKind = 'elbow';
    box = unionRect(box, { x: dx + b.x, y: dy + b.y, width: b.width, height: b.height });
    y += b.height + vGap;
  });
  return box;
}

/** Places a block along an axis: the least position past `min` at which no rect meets the skyline. */
function placeAlong(sky: Skyline, rects: readonly Rect[], min: number, gap: number, crossGap: number): number {
  let at = min;
  for (const r of rects) {
    const reach = sky.query(r.y - crossGap, r.y + r.height + crossGap);
    if (Number.isFinite(reach) && reach + gap - r.x > at) at = reach + gap - r.x;
  }
  return at;
}

function raiseAll(sky: Skyline, rects: readonly Rect[], at: number): void {
  for (const r of rects) sky.raise(r.y, r.y + r.height, at + r.x + r.width);
}

/** Swaps x and y of a rect (a vertical layout is computed as a horizontal one). */
function transpose(r: Rect): Rect {
  return { x: r.y, y: r.x, width: r.height, height: r.width };
}

/**
 * Timeline: main topics along an axis from the root (to the right, or downwards), their subtrees
 * alternating on the two sides of the axis (catalogs below/above, or logic charts right/left).
 */
export function layoutTimeline(node: LayoutNode, horizontal: boolean, ctx: BlockContext): Rect {
  const { hGap, vGap } = ctx.spacing;
  const sky = new Skyline();
  // Work in axis coordinates: u along the axis, v across it (x/y for horizontal, y/x for vertical).
  const nodeU = horizontal ? node.w : node.h;
  const nodeV = horizontal ? node.h : node.w;
  const axisV = nodeV / 2;
  sky.raise(0, nodeV, nodeU);
  let prevEnd = nodeU;
  let box = boxOf(node);
  node.kids.forEach((main, i) => {
    const second = i % 2 === 1;
    const st: BlockStructure = main.topic.structure ?? (horizontal ? (second ? 'tree-up' : 'tree') : second ? 'logic-left' : 'logic-right');
    const b = ctx.blockOf(main, st);
    const mainV = horizontal ? main.h : main.w;
    const mainU = horizontal ? main.w : main.h;
    const offV = axisV - mainV / 2; // the main topic is centred on the axis
    const rects: Rect[] = [];
    const add = (r: Rect): void => {
      const t = horizontal ? r : transpose(r);
      rects.push({ x: t.x, y: t.y + offV, width: t.width, height: t.height });
    };
    add(boxOf(main));
    if (main.topic.structure === undefined && horizontal) {
      for (const k of main.kids) {
        const [dx, dy] = mapOffset(k, main, k.dir ?? 'right');
        const kb = k.bbox ?? boxOf(k);
        add({ x: dx + kb.x, y: dy + kb.y, width: kb.width, height: kb.height });
      }
      for (const sum of main.sums) {
        if (!sum.brace) continue;
        const [dx, dy] = mapOffset(sum, main, sum.dir ?? 'right');
        const sb = sum.bbox ?? boxOf(sum);
        add({ x: dx + sb.x, y: dy + sb.y, width: sb.width, height: sb.height });
      }
    } else add(b);
    const at = placeAlong(sky, rects, prevEnd + hGap, hGap, vGap / 2);
    raiseAll(sky, rects, at);
    const [dx, dy] = horizontal ? [at, offV] : [offV, at];
    setMapOffset(main, node, dx, dy, 'right');
    main.report = horizontal ? 'right' : 'down';
    main.conn = horizontal ? [prevEnd, axisV, at, axisV] : [axisV, prevEnd, axisV, at];
    main.connKind = 'timeline';
    prevEnd = at + mainU;
    box = unionRect(box, { x: dx + b.x, y: dy + b.y, width: b.width, height: b.height });
  });
  return box;
}

/**
 * Fishbone: the root is the head; main topics sit at the ends of bones that alternate above and
 * below a spine running away from the head; sub-topics hang off the bones with their own subtrees
 * (logic charts pointing away from the head).
 */
export function layoutFishbone(node: LayoutNode, headLeft: boolean, ctx: BlockContext): Rect {
  const { hGap, vGap } = ctx.spacing;
  const sx = headLeft ? 1 : -1;
  const spineY = node.h / 2;
  const sky = new Skyline(); // over y (relative to the spine): the farthest reach along the spine
  sky.raise(-node.h / 2, node.h / 2, 0);
  let prevFoot = 0;
  let box = boxOf(node);
  const boneGap = 10;
  node.kids.forEach((main, i) => {
    const s = i % 2 === 0 ? -1 : 1; // first bone above the spine
    // Local coordinates: the bone's foot on the spine at (0, 0); u = x · sx grows away from the head.
    const rects: Rect[] = []; // in (u, y)
    const placed: { node: LayoutNode; x: number; y: number; bone: number[] }[] = [];
    let dist = vGap;
    if (main.topic.structure === undefined) {
      ctx.prepare(main);
      main.structure = node.structure;
      for (let k = main.kids.length - 1; k >= 0; k--) {
        const sub = main.kids[k] as LayoutNode;
        const kb = ctx.blockOf(sub, sub.topic.structure ?? (headLeft ? 'logic-right' : 'logic-left'));
        const far = dist + kb.height;
        const y = s > 0 ? dist - kb.y : -dist - (kb.y + kb.height);
        const uStart = far * FISHBONE_SLOPE + boneGap;
        // Near edge of the block at uStart, in map x.
        const x = headLeft ? uStart - kb.x : -uStart - kb.x - kb.width;
        const anchorY = y + sub.h / 2;
        const boneX = sx * Math.abs(anchorY) * FISHBONE_SLOPE;
        placed.push({ node: sub, x, y, bone: [boneX, anchorY, headLeft ? x : x + sub.w, anchorY] });
        rects.push({ x: uStart, y: y + kb.y, width: kb.width, height: kb.height });
        dist = far + vGap;
      }
      const tipU = dist * FISHBONE_SLOPE;
      if (main.sums.length > 0) {
        // Summaries over sub-topics: beside their range, away from the head (main-relative map x).
        const mxLocal = sx * tipU - main.w / 2;
        const myLocal = s > 0 ? dist : -dist - main.h;
        const byKid = new Map(placed.map((p) => [p.node, p]));
        const kidRects = main.kids.map((k) => {
          const p = byKid.get(k) as (typeof placed)[number];
          const kb = k.bbox ?? boxOf(k);
          return { x: p.x - mxLocal + kb.x, y: p.y - myLocal + kb.y, width: kb.width, height: kb.height };
        });
        for (const r of placeSummariesBeside(main, kidRects, headLeft, ctx, [boxOf(main)])) {
          const ux = headLeft ? r.x + mxLocal : -(r.x + mxLocal + r.width);
          rects.push({ x: ux, y: r.y + myLocal, width: r.width, height: r.height });
        }
      }
      const mx = sx * tipU - main.w / 2;
      const my = s > 0 ? dist : -dist - main.h;
      rects.push({ x: tipU - main.w / 2, y: my, width: main.w, height: main.h });
      const localBox = rects.reduce(unionRect);
      main.bbox = {
        x: sx > 0 ? localBox.x - mx : -(localBox.x + localBox.width) - mx,
        y: localBox.y - my,
        width: localBox.width,
        height: localBox.height,
      };
      // Laid out inline by its fishbone parent every time the parent is: no cache of its own.
      main.dirty = false;
      main.ctxKind = 0;
      const at = placeAlong(sky, rects, prevFoot + hGap, hGap, vGap / 2);
      raiseAll(sky, rects, at);
      const footX = headLeft ? node.w + at : -at;
      setMapOffset(main, node, footX + mx, spineY + my, 'right');
      main.report = s < 0 ? 'up' : 'down';
      main.conn = [footX, spineY, footX + sx * tipU, spineY + (s > 0 ? dist : -dist)];
      main.connKind = 'bone';
      for (const p of placed) {
        setMapOffset(p.node, main, p.x - mx, p.y - my, 'right');
        p.node.report = headLeft ? 'right' : 'left';
        p.node.conn = [(p.bone[0] as number) - mx, (p.bone[1] as number) - my, (p.bone[2] as number) - mx, (p.bone[3] as number) - my];
        p.node.connKind = 'straight';
      }
      prevFoot = at;
      box = unionRect(box, { x: footX + mx + main.bbox.x, y: spineY + my + main.bbox.y, width: main.bbox.width, height: main.bbox.height });
    } else {
      const kb = ctx.blockOf(main, main.topic.structure);
      const my = s > 0 ? vGap - kb.y : -vGap - (kb.y + kb.height);
      const u0 = headLeft ? kb.x : -(kb.x + kb.width);
      const r: Rect = { x: 0, y: my + kb.y, width: kb.width, height: kb.height };
      const at = placeAlong(sky, [r], prevFoot + hGap, hGap, vGap / 2);
      raiseAll(sky, [r], at);
      const mx = headLeft ? node.w + at - u0 : -at - kb.x - kb.width;
      setMapOffset(main, node, mx, spineY + my, 'right');
      main.report = s < 0 ? 'up' : 'down';
      const footX = headLeft ? node.w + at : -at;
      main.conn = [footX, spineY, mx + main.w / 2, spineY + my + (s > 0 ? 0 : main.h)];
      main.connKind = 'bone';
      prevFoot = at + kb.width;
      box = unionRect(box, { x: mx + kb.x, y: spineY + my + kb.y, width: kb.width, height: kb.height });
    }
  });
  // The spine runs from the head to just past the last bone.
  const last = node.kids.length > 0 ? prevFoot + hGap : hGap;
  node.spine = headLeft ? [node.w, spineY, node.w + last, spineY] : [0, spineY, -last, spineY];
  box = unionRect(box, headLeft ? { x: node.w, y: spineY, width: last, height: 0 } : { x: -last, y: spineY, width: last, height: 0 });
  return box;
}

/**
 * Summaries in block layouts: the brace runs beside the range's subtrees (to the right, or to the
 * left when `toRight` is false), past anything else in the way at that height, and the summary
 * topic (with its own subtree, a logic chart) sits beyond it. `kidRects` are the children's subtree
 * extents relative to `node`'s box, index-aligned with `node.kids`. Returns the summaries' extents.
 */
export function placeSummariesBeside(
  node: LayoutNode,
  kidRects: readonly Rect[],
  toRight: boolean,
  ctx: BlockContext,
  others: readonly Rect[] = [],
): Rect[] {
  const placed: Rect[] = [];
  for (const s of node.sums) {
    const rec = s.summary;
    if (!rec) continue;
    let from = node.kids.findIndex((k) => k.id === rec.fromId);
    let to = node.kids.findIndex((k) => k.id === rec.toId);
    if (from < 0 && to < 0) continue;
    if (from < 0) from = to;
    if (to < 0) to = from;
    if (from > to) [from, to] = [to, from];
    let range = kidRects[from] as Rect;
    for (let i = from + 1; i <= to; i++) range = unionRect(range, kidRects[i] as Rect);
    const sb = ctx.blockOf(s, s.topic.structure ?? (toRight ? 'logic-right' : 'logic-left'));
    const y = range.y + range.height / 2 - s.h / 2;
    const top = Math.min(range.y, y + sb.y);
    const bottom = Math.max(range.y + range.height, y + sb.y + sb.height);
    let edge = toRight ? range.x + range.width : range.x;
    for (const r of [...kidRects, ...others, ...placed]) {
      if (r.y >= bottom || r.y + r.height <= top) continue;
      edge = toRight ? Math.max(edge, r.x + r.width) : Math.min(edge, r.x);
    }
    const braceX = toRight ? edge + SUMMARY_BRACE.gap : edge - SUMMARY_BRACE.gap;
    const reach = SUMMARY_BRACE.width + SUMMARY_BRACE.topicGap;
    const x = toRight ? braceX + reach - sb.x : braceX - reach - (sb.x + sb.width);
    setMapOffset(s, node, x, y, toRight ? 'right' : 'left');
    s.brace = [toRight ? braceX : node.w - braceX, range.y, range.y + range.height];
    placed.push({ x: x + sb.x, y: y + sb.y, width: sb.width, height: sb.height });
  }
  return placed;
}

/** Summaries of a catalog, timeline or fishbone root: beside the range, to the right. */
export function placeBlockSummaries(node: LayoutNode, box: Rect, ctx: BlockContext): Rect {
  if (node.sums.length === 0) return box;
  const kidRects = node.kids.map((k) => {
    const [dx, dy] = mapOffset(k, node, k.dir ?? 'right');
    const kb = k.bbox ?? boxOf(k);
    return { x: dx + kb.x, y: dy + kb.y, width: kb.width, height: kb.height };
  });
  let out = box;
  for (const r of placeSummariesBeside(node, kidRects, true, ctx, [boxOf(node)])) out = unionRect(out, r);
  return out;
}
