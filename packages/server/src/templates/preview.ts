// The SVG preview of a template: the map drawn by core's renderer with the bundled font's metrics.
// Big maps are folded below the depth at which they would exceed PREVIEW_TOPICS visible topics,
// so a 2,000-article law previews as its chapters (with fold counts), not as an unreadable wall.

import type { MindDoc, Topic } from '@arbor/core';
import { childrenByParent, renderSvg, stateFromDoc } from '@arbor/core';
import { createFontMeasurer } from '@arbor/core/node';
import { attachedChildrenOf } from './record.ts';

export const PREVIEW_TOPICS = 120;

let measurer: ReturnType<typeof createFontMeasurer> | undefined;

/** The document with topics folded from the deepest level that keeps the preview small. */
export function previewDoc(doc: MindDoc, maxTopics = PREVIEW_TOPICS): MindDoc {
  const kids = childrenByParent(doc);
  const root = doc.topics[doc.rootId];
  if (!root) return doc;
  // Count topics per depth, breadth first.
  const levels: Topic[][] = [[root]];
  for (let d = 0; levels[d]!.length > 0 && d < 64; d++) {
    const next: Topic[] = [];
    for (const t of levels[d]!) next.push(...attachedChildrenOf(kids, t.id));
    levels.push(next);
  }
  let visible = 0;
  let cut = -1;
  for (let d = 0; d < levels.length; d++) {
    visible += levels[d]!.length;
    if (visible > maxTopics) {
      // The root cannot be folded: a root with very many children shows them all, folded.
      cut = Math.max(1, d - 1);
      break;
    }
  }
  if (cut < 0) return doc;
  const topics: Record<string, Topic> = { ...doc.topics };
  for (const t of levels[cut] ?? []) {
    if (attachedChildrenOf(kids, t.id).length > 0) topics[t.id] = { ...t, folded: true };
  }
  return { ...doc, topics };
}

/** Renders the preview SVG (a standalone `<svg>` document; the renderer escapes every text). */
export function renderPreviewSvg(doc: MindDoc): string {
  measurer ??= createFontMeasurer();
  const state = stateFromDoc(previewDoc(doc));
  return renderSvg(state, { measure: measurer });
}
