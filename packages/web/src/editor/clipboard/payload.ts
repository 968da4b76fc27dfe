// The Arbor clipboard payload: copied subtrees with everything they carry (notes, markers, labels,
// task, style, image, link) and the relationships, summaries and boundaries wholly inside them.
// Reading one never trusts it: the payload goes through core's `restore()` (types, orphans, cycles,
// dangling references), then every field that reaches the screen is checked again (link schemes,
// image sources, colours), and every id is replaced by a fresh one.

import {
  type Boundary,
  type BoundaryCreateOp,
  DocFormatError,
  type DocState,
  type ImageRef,
  keysBetween,
  type MindDoc,
  type NewTopic,
  type Op,
  type Relationship,
  type RelationshipCreateOp,
  restore,
  type Summary,
  type SummaryCreateOp,
  stateFromDoc,
  type Topic,
  type TopicId,
  type TopicStyle,
} from '@arbor/core';
import { safeHref } from './inline.ts';
import { MAX_OUTLINE_DEPTH } from './outline.ts';

export const ARBOR_CLIPBOARD_FORMAT = 'arbor-clipboard';
export const ARBOR_CLIPBOARD_VERSION = 1;
/** The custom clipboard type (the `web ` prefix is what the async Clipboard API requires). */
export const ARBOR_MIME = 'web application/x-arbor+json';
/** Payloads longer than this (in UTF-16 units) are not read. */
export const MAX_PAYLOAD_CHARS = 32 * 1024 * 1024;
/** Payloads with more topics than this are not read. */
export const MAX_PAYLOAD_TOPICS = 200_000;

export interface ClipboardPayload {
  format: typeof ARBOR_CLIPBOARD_FORMAT;
  version: typeof ARBOR_CLIPBOARD_VERSION;
  /** Id of the map the topics were copied from. */
  source: string;
  /** Ids of the copied subtrees' roots, in document order. */
  roots: string[];
  /** Every topic of the copied subtrees, as stored. */
  topics: Topic[];
  relationships: Relationship[];
  summaries: Summary[];
  boundaries: Boundary[];
}

/** What a paste creates: topic trees for `topic.create`, then the operations that refer to them. */
export interface ClipboardContent {
  topics: NewTopic[];
  /** `summary.create`, `boundary.create`, `relationship.create`, in an order that applies cleanly. */
  extraOps: Op[];
  /** Topics in `topics` and in the summaries of `extraOps`. */
  count: number;
}

// ---------------------------------------------------------------------------------------------
// Copy

/** The topics among `ids` that no other of `ids` contains, in document order. */
export function copiedRoots(state: DocState, ids: readonly TopicId[]): TopicId[] {
  const wanted = new Set(ids.filter((id) => state.topics.has(id)));
  const roots: TopicId[] = [];
  for (const id of wanted) {
    let p = state.topics.get(id)?.parentId ?? null;
    let covered = false;
    for (let guard = state.topics.size; p !== null && guard > 0; guard--) {
      if (wanted.has(p)) {
        covered = true;
        break;
      }
      p = state.topics.get(p)?.parentId ?? null;
    }
    if (!covered) roots.push(id);
  }
  if (roots.length < 2) return roots;
  const path = (id: TopicId): number[] => {
    const out: number[] = [];
    let cur: TopicId | null = id;
    for (let guard = state.topics.size; cur !== null && guard > 0; guard--) {
      const parent: TopicId | null = state.topics.get(cur)?.parentId ?? null;
      if (parent === null) break;
      out.push(state.children.get(parent).indexOf(cur));
      cur = parent;
    }
    return out.reverse();
  };
  const keyed = roots.map((id) => ({ id, path: path(id) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < Math.min(a.path.length, b.path.length); i++) {
      const d = (a.path[i] as number) - (b.path[i] as number);
      if (d !== 0) return d;
    }
    return a.path.length - b.path.length;
  });
  return keyed.map((k) => k.id);
}

/** The payload of `ids` (each with its whole subtree). */
export function payloadFromState(state: DocState, ids: readonly TopicId[]): ClipboardPayload {
  const roots = copiedRoots(state, ids);
  const inSet = new Set<TopicId>();
  const topics: Topic[] = [];
  for (const r of roots) {
    const stack: TopicId[] = [r];
    while (stack.length > 0) {
      const id = stack.pop() as TopicId;
      const t = state.topics.get(id);
      if (!t || inSet.has(id)) continue;
      inSet.add(id);
      topics.push(t);
      const kids = state.children.get(id);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as TopicId);
    }
  }
  const rootSet = new Set(roots);
  // A range's parent inside the set means the whole range is inside (whole subtrees are copied);
  // the copied roots' own parent is not, so a summary or boundary over copied roots stays behind.
  const inside = (parentId: TopicId) => inSet.has(parentId);
  const summaries = [...state.summaries.values()].filter((s) => inside(s.parentId) && inSet.has(s.topicId));
  const boundaries = [...state.boundaries.values()].filter((b) => inside(b.parentId));
  const relationships = [...state.relationships.values()].filter((r) => inSet.has(r.from) && inSet.has(r.to));
  return {
    format: ARBOR_CLIPBOARD_FORMAT,
    version: ARBOR_CLIPBOARD_VERSION,
    source: state.id,
    roots: [...rootSet],
    topics,
    relationships,
    summaries,
    boundaries,
  };
}

// ---------------------------------------------------------------------------------------------
// Field checks for what a payload may put on screen

const HEX = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const FUNC = /^(?:rgba?|hsla?)\(\s*[-+\d.\s,%/]*(?:deg|turn|rad)?[-+\d.\s,%/]*\)$/i;
const NAMED = /^[a-z]{3,24}$/i;

/** A CSS colour in a form that cannot carry anything else (hex, rgb()/hsl(), a colour name). */
export function safeColor(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length > 64) return undefined;
  const s = v.trim();
  return HEX.test(s) || FUNC.test(s) || (NAMED.test(s) && !/^(?:inherit|initial|unset|revert|expression|url)$/i.test(s)) ? s : undefined;
}

/** Images: raster data URLs, http(s) URLs, and paths on this server. */
export function safeImageSrc(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length > 16 * 1024 * 1024) return undefined;
  if (/^data:image\/(?:png|jpeg|gif|webp|avif|bmp);base64,[A-Za-z0-9+/=]+$/.test(v)) return v;
  if (v.length > 4096 || /[\s<>"'`\\]/.test(v)) return undefined;
  if (/^https?:\/\/[^/?#]/i.test(v)) return v;
  if (/^\/(?![/\\])/.test(v)) return v;
  return undefined;
}

const numberIn = (v: unknown, lo: number, hi: number): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi ? v : undefined;

function safeStyle(style: TopicStyle | undefined): TopicStyle | undefined {
  if (!style) return undefined;
  const out: { -readonly [K in keyof TopicStyle]: TopicStyle[K] } = {};
  for (const k of ['fill', 'color', 'borderColor', 'lineColor'] as const) {
    const c = safeColor(style[k]);
    if (c) out[k] = c;
  }
  const bw = numberIn(style.borderWidth, 0, 50);
  if (bw !== undefined) out.borderWidth = bw;
  const fs = numberIn(style.fontSize, 4, 400);
  if (fs !== undefined) out.fontSize = fs;
  if (style.shape) out.shape = style.shape;
  if (typeof style.bold === 'boolean') out.bold = style.bold;
  if (typeof style.italic === 'boolean') out.italic = style.italic;
  return Object.keys(out).length > 0 ? out : undefined;
}

function safeImage(image: ImageRef | undefined): ImageRef | undefined {
  const src = safeImageSrc(image?.src);
  if (!image || !src) return undefined;
  const out: { -readonly [K in keyof ImageRef]: ImageRef[K] } = { src };
  const w = numberIn(image.width, 1, 10_000);
  const h = numberIn(image.height, 1, 10_000);
  if (w !== undefined) out.width = w;
  if (h !== undefined) out.height = h;
  if (typeof image.alt === 'string' && image.alt !== '') out.alt = image.alt.slice(0, 1000);
  return out;
}

const MARKER = /^[A-Za-z0-9][\w-]{0,39}$/;

// ---------------------------------------------------------------------------------------------
// Paste

/** Parses and checks a payload (a JSON string or a parsed value); null when it is not a usable one. */
export function readPayload(value: unknown, newId: () => TopicId): ClipboardContent | null {
  let json = value;
  if (typeof value === 'string') {
    if (value.length > MAX_PAYLOAD_CHARS || !value.trimStart().startsWith('{')) return null;
    try {
      json = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const p = json as Record<string, unknown>;
  if (p.format !== ARBOR_CLIPBOARD_FORMAT || p.version !== ARBOR_CLIPBOARD_VERSION) return null;
  if (!Array.isArray(p.roots) || !Array.isArray(p.topics) || p.topics.length === 0 || p.topics.length > MAX_PAYLOAD_TOPICS) return null;
  const list = (v: unknown) => (Array.isArray(v) ? v.slice(0, MAX_PAYLOAD_TOPICS) : []);

  // Records keyed by id (the first of a repeated id wins), for restore().
  const topics = new Map<string, Record<string, unknown>>();
  for (const t of p.topics) {
    if (typeof t !== 'object' || t === null || Array.isArray(t)) continue;
    const id = (t as Record<string, unknown>).id;
    if (typeof id === 'string' && id !== '' && !topics.has(id)) topics.set(id, { ...(t as Record<string, unknown>) });
  }
  const roots = [...new Set(p.roots.filter((r): r is string => typeof r === 'string' && topics.has(r)))];
  if (roots.length === 0) return null;
  let rootKey = 'clipboard-root';
  while (topics.has(rootKey)) rootKey += '_';
  const keys = keysBetween(null, null, roots.length);
  roots.forEach((r, i) => {
    const t = topics.get(r) as Record<string, unknown>;
    t.parentId = rootKey;
    t.index = keys[i];
    delete t.detached;
    delete t.position;
  });
  topics.set(rootKey, { id: rootKey, parentId: null, index: 'a0', text: '' });
  const keyed = (items: unknown[]) =>
    Object.fromEntries(
      items
        .filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null && typeof (x as { id?: unknown }).id === 'string')
        .map((x) => [x.id as string, x]),
    );
  let doc: MindDoc;
  try {
    doc = restore({
      schema: 1,
      id: 'clipboard',
      title: '',
      rootId: rootKey,
      topics: Object.fromEntries(topics),
      relationships: keyed(list(p.relationships)),
      summaries: keyed(list(p.summaries)),
      boundaries: keyed(list(p.boundaries)),
      structure: 'mindmap',
      theme: { name: 'classic' },
    }).doc;
  } catch (e) {
    if (e instanceof DocFormatError) return null;
    throw e;
  }
  return contentFromDoc(doc, newId);
}

/** The pasteable content under a restored clipboard document's root, with fresh ids. */
function contentFromDoc(doc: MindDoc, newId: () => TopicId): ClipboardContent | null {
  const state = stateFromDoc(doc);
  const rootKey = doc.rootId;
  const fresh = new Map<string, TopicId>();
  const idOf = (old: string): TopicId => {
    let id = fresh.get(old);
    if (!id) fresh.set(old, (id = newId()));
    return id;
  };
  // Summaries that can be placed: over children of a pasted topic (not over the pasted roots).
  const summaryOf = new Map<string, Summary>();
  for (const s of state.summaries.values()) if (s.parentId !== rootKey) summaryOf.set(s.topicId, s);

  const hrefs: { topic: { href?: string }; target: string }[] = [];
  const make = (t: Topic): NewTopic & { children?: NewTopic[] } => {
    const out: { -readonly [K in keyof NewTopic]: NewTopic[K] } = { id: idOf(t.id), text: t.text };
    if (t.note) out.note = t.note;
    if (t.href) {
      if (t.href.startsWith('#topic:')) hrefs.push({ topic: out, target: t.href.slice(7) });
      else {
        const h = safeHref(t.href);
        if (h) out.href = h;
      }
    }
    const image = safeImage(t.image);
    if (image) out.image = image;
    const markers = t.markers?.filter((m) => MARKER.test(m)).slice(0, 32);
    if (markers?.length) out.markers = markers;
    const labels = t.labels
      ?.filter((l) => l.trim() !== '')
      .map((l) => l.slice(0, 200))
      .slice(0, 64);
    if (labels?.length) out.labels = labels;
    if (t.task) out.task = { done: t.task.done };
    const style = safeStyle(t.style);
    if (style) out.style = style;
    if (t.structure) out.structure = t.structure;
    if (t.folded) out.folded = true;
    return out as NewTopic & { children?: NewTopic[] };
  };

  const topics: NewTopic[] = [];
  const summaryOps: SummaryCreateOp[] = [];
  let count = 0;
  type Frame = { id: TopicId; into: NewTopic[]; depth: number };
  const stack: Frame[] = [];
  const pushChildren = (parent: TopicId, into: NewTopic[], depth: number) => {
    const kids = state.children.get(parent);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ id: kids[i] as TopicId, into, depth });
  };
  pushChildren(rootKey, topics, 0);
  while (stack.length > 0) {
    const { id, into, depth } = stack.pop() as Frame;
    const t = state.topics.get(id);
    if (!t) continue;
    const node = make(t);
    count++;
    const summary = t.summaryId !== undefined ? summaryOf.get(t.id) : undefined;
    if (summary) {
      summaryOps.push({
        type: 'summary.create',
        summary: {
          id: newId(),
          parentId: idOf(summary.parentId),
          fromId: idOf(summary.fromId),
          toId: idOf(summary.toId),
          ...(safeColor(summary.style?.color) ? { style: { color: safeColor(summary.style?.color) as string } } : {}),
        },
        topic: node,
      });
    } else into.push(node);
    // Nesting deeper than the limit is flattened onto the deepest allowed topic: nothing is lost.
    const kids: NewTopic[] = [];
    if (depth + 1 < MAX_OUTLINE_DEPTH) {
      node.children = kids;
      pushChildren(id, kids, depth + 1);
    } else pushChildren(id, into, depth);
  }
  for (const n of topics) pruneEmpty(n);
  for (const op of summaryOps) pruneEmpty(op.topic);
  for (const { topic, target } of hrefs) {
    const id = fresh.get(target);
    if (id) topic.href = `#topic:${id}`;
  }
  if (topics.length === 0 && summaryOps.length === 0) return null;

  const boundaryOps: BoundaryCreateOp[] = [];
  for (const b of state.boundaries.values()) {
    if (b.parentId === rootKey || !fresh.has(b.parentId) || !fresh.has(b.fromId) || !fresh.has(b.toId)) continue;
    const boundary: { -readonly [K in keyof Boundary]: Boundary[K] } = {
      id: newId(),
      parentId: idOf(b.parentId),
      fromId: idOf(b.fromId),
      toId: idOf(b.toId),
    };
    if (b.label) boundary.label = b.label;
    const color = safeColor(b.style?.color);
    const fill = safeColor(b.style?.fill);
    if (color || fill) boundary.style = { ...(color ? { color } : {}), ...(fill ? { fill } : {}) };
    boundaryOps.push({ type: 'boundary.create', boundary });
  }
  const relationshipOps: RelationshipCreateOp[] = [];
  for (const r of state.relationships.values()) {
    if (!fresh.has(r.from) || !fresh.has(r.to)) continue;
    const rel: { -readonly [K in keyof Relationship]: Relationship[K] } = { id: newId(), from: idOf(r.from), to: idOf(r.to) };
    if (r.label) rel.label = r.label;
    if (r.controlPoints) rel.controlPoints = [{ ...r.controlPoints[0] }, { ...r.controlPoints[1] }];
    if (r.style) {
      const style: { color?: string; dashed?: boolean; arrowStart?: boolean; arrowEnd?: boolean } = {};
      const color = safeColor(r.style.color);
      if (color) style.color = color;
      for (const k of ['dashed', 'arrowStart', 'arrowEnd'] as const) if (typeof r.style[k] === 'boolean') style[k] = r.style[k];
      if (Object.keys(style).length > 0) rel.style = style;
    }
    relationshipOps.push({ type: 'relationship.create', relationship: rel });
  }
  return { topics, extraOps: [...summaryOps, ...boundaryOps, ...relationshipOps], count };
}

/** Drops empty `children` arrays (a leaf has none). */
function pruneEmpty(root: NewTopic): void {
  const stack = [root as NewTopic & { children?: NewTopic[] }];
  while (stack.length > 0) {
    const n = stack.pop() as NewTopic & { children?: NewTopic[] };
    if (n.children && n.children.length === 0) delete n.children;
    else if (n.children) for (const c of n.children) stack.push(c as NewTopic & { children?: NewTopic[] });
  }
}
