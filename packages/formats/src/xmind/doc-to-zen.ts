// An Arbor MindDoc → one XMind sheet in the Zen JSON shape (also the input of the XMind 8 writer).
// Images held as data: URLs become archive resources.

import { type Boundary, childrenByParent, type MindDoc, type Topic, type TopicId } from '@arbor/core';
import { arborMarkerToXmind } from '../markers.ts';
import { extensionForMime, fromDataUrl } from './media.ts';
import { structureToXmind } from './structures.ts';
import { styleToXmind } from './styles.ts';
import type { XRange, XRelationship, XSheet, XTopic } from './zen-types.ts';

/** Archive resources collected while writing; identical images are stored once. */
export class ResourceStore {
  readonly files = new Map<string, Uint8Array>();
  private readonly byUrl = new Map<string, string>();
  constructor(private readonly folder: 'resources' | 'attachments') {}

  /** The archive path for a data: URL image, or undefined when it is not one. */
  add(url: string): string | undefined {
    const known = this.byUrl.get(url);
    if (known) return known;
    const parsed = fromDataUrl(url);
    if (!parsed) return undefined;
    const path = `${this.folder}/image-${this.files.size + 1}.${extensionForMime(parsed.mime)}`;
    this.files.set(path, parsed.bytes);
    this.byUrl.set(url, path);
    return path;
  }
}

/**
 * `idPrefix` keeps topic ids unique across the sheets of one workbook.
 */
export function docToSheet(doc: MindDoc, resources: ResourceStore, idPrefix: string): XSheet {
  const kids = childrenByParent(doc);
  const outId = (id: TopicId | string) => `${idPrefix}${id}`;
  const summariesByParent = groupBy(Object.values(doc.summaries), (s) => s.parentId);
  const boundariesByParent = groupBy(Object.values(doc.boundaries), (b) => b.parentId);

  const masterBoundaries = new Map<string, XRange[]>();
  const boundaryOut = (bd: Boundary, range: string): XRange => {
    const out: XRange = { id: outId(bd.id), range };
    if (bd.label) out.title = bd.label;
    const props: Record<string, string> = {};
    if (bd.style?.color) props['line-color'] = bd.style.color;
    if (bd.style?.fill) props['svg:fill'] = bd.style.fill;
    if (Object.keys(props).length) out.style = { id: `${outId(bd.id)}-style`, properties: props };
    return out;
  };

  const topicOut = (t: Topic): XTopic => {
    const x: XTopic = { id: outId(t.id), class: 'topic', title: t.text };
    if (t.structure) x.structureClass = structureToXmind(t.structure);
    if (t.note) x.notes = { plain: { content: t.note } };
    if (t.labels?.length) x.labels = [...t.labels];
    if (t.markers?.length) x.markers = t.markers.map((m) => ({ markerId: arborMarkerToXmind(m) }));
    if (t.href) x.href = t.href.startsWith('#topic:') ? `xmind:#${outId(t.href.slice(7))}` : t.href;
    if (t.image) {
      const path = t.image.src.startsWith('data:') ? resources.add(t.image.src) : undefined;
      if (path) x.image = { src: `xap:${path}`, width: t.image.width, height: t.image.height };
    }
    if (t.folded) x.branch = 'folded';
    const style = styleToXmind(t.style);
    if (style) x.style = { id: `${outId(t.id)}-style`, properties: style };
    return x;
  };

  const root = doc.topics[doc.rootId];
  if (!root) throw new Error(`document ${doc.id} has no root topic`);
  const rootOut = topicOut(root);
  rootOut.structureClass = structureToXmind(doc.structure);
  const stack: [Topic, XTopic][] = [[root, rootOut]];
  while (stack.length) {
    const [t, x] = stack.pop() as [Topic, XTopic];
    const children = kids.get(t.id);
    const attached: Topic[] = [];
    const groups: Record<string, XTopic[]> = {};
    if (children) {
      const attachedOut: XTopic[] = [];
      const detachedOut: XTopic[] = [];
      for (const c of children) {
        if (c.summaryId !== undefined) continue; // written with their summary below
        const cx = topicOut(c);
        stack.push([c, cx]);
        if (c.detached) {
          cx.position = { x: c.position?.x ?? 0, y: c.position?.y ?? 0 };
          detachedOut.push(cx);
        } else {
          attached.push(c);
          attachedOut.push(cx);
        }
      }
      if (attachedOut.length) groups.attached = attachedOut;
      if (detachedOut.length) groups.detached = detachedOut;
    }
    const ownSummaries = summariesByParent.get(t.id);
    const ownBoundaries = boundariesByParent.get(t.id);
    const indexOf = ownSummaries || ownBoundaries ? new Map(attached.map((c, i) => [c.id as string, i])) : new Map<string, number>();
    const summaries: XRange[] = [];
    const summaryTopics: Topic[] = [];
    for (const s of ownSummaries ?? []) {
      const a = indexOf.get(s.fromId);
      const b = indexOf.get(s.toId);
      const st = doc.topics[s.topicId];
      if (a === undefined || b === undefined || !st) continue;
      summaries.push({ id: outId(s.id), range: `(${Math.min(a, b)},${Math.max(a, b)})`, topicId: outId(st.id) });
      summaryTopics.push(st);
    }
    if (summaryTopics.length)
      groups.summary = summaryTopics.map((st) => {
        const sx = topicOut(st);
        stack.push([st, sx]);
        return sx;
      });
    if (summaries.length) x.summaries = summaries;
    const boundaries: XRange[] = masterBoundaries.get(t.id) ?? [];
    for (const bd of ownBoundaries ?? []) {
      const a = indexOf.get(bd.fromId);
      const b = indexOf.get(bd.toId);
      const out = boundaryOut(bd, a === undefined || b === undefined ? 'master' : `(${Math.min(a, b)},${Math.max(a, b)})`);
      if (a !== undefined && b !== undefined) boundaries.push(out);
      // A frame around one floating topic is XMind's `master` boundary, written on that topic.
      else if (bd.fromId === bd.toId && doc.topics[bd.fromId])
        masterBoundaries.set(bd.fromId, [...(masterBoundaries.get(bd.fromId) ?? []), out]);
    }
    if (boundaries.length) x.boundaries = boundaries;
    if (Object.keys(groups).length) x.children = groups;
    if (t.id === doc.rootId) {
      const right = rightNumber(doc, attached);
      if (right !== undefined)
        x.extensions = [{ provider: 'org.xmind.ui.map.unbalanced', content: [{ name: 'right-number', content: String(right) }] }];
    }
  }

  const relationships: XRelationship[] = Object.values(doc.relationships)
    .filter((r) => doc.topics[r.from] && doc.topics[r.to])
    .map((r) => {
      const out: XRelationship = { id: outId(r.id), end1Id: outId(r.from), end2Id: outId(r.to) };
      if (r.label) out.title = r.label;
      if (r.controlPoints) out.controlPoints = { '0': { ...r.controlPoints[0] }, '1': { ...r.controlPoints[1] } };
      const props: Record<string, string> = {};
      if (r.style?.color) props['line-color'] = r.style.color;
      if (r.style?.dashed) props['line-pattern'] = 'dash';
      if (Object.keys(props).length) out.style = { id: `${outId(r.id)}-style`, properties: props };
      return out;
    });

  const sheet: XSheet = {
    id: `${idPrefix}sheet`,
    class: 'sheet',
    title: doc.title || root.text,
    rootTopic: rootOut,
    topicPositioning: 'fixed',
  };
  if (relationships.length) sheet.relationships = relationships;
  return sheet;
}

/** XMind's `right-number`: how many main topics, counted from the first, sit on the right. */
function rightNumber(doc: MindDoc, main: Topic[]): number | undefined {
  if (doc.structure === 'mindmap-right') return main.length;
  if (doc.structure === 'mindmap-left') return 0;
  if (doc.structure !== 'mindmap' || !main.length || main.some((t) => !t.side)) return undefined;
  const right = main.findIndex((t) => t.side === 'left');
  const count = right < 0 ? main.length : right;
  // Only a right-then-left order can be said with one number.
  return main.slice(count).every((t) => t.side === 'left') ? count : undefined;
}

function groupBy<T>(list: T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of list) {
    const k = key(item);
    let l = map.get(k);
    if (!l) map.set(k, (l = []));
    l.push(item);
  }
  return map;
}
