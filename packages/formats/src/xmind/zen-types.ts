// The XMind Zen `content.json` shape. Both XMind readers produce it (XMind 8's content.xml is
// converted into it) and both writers start from it, so the document logic exists once.
// Every field is optional and untrusted on the way in: readers check types before use.

export interface XPoint {
  x?: unknown;
  y?: unknown;
}

export interface XNotes {
  plain?: { content?: unknown };
  realHTML?: { content?: unknown };
  /** 2019 shape: `{content: {paragraphs: [{spans: [{text}]}]}}`. */
  html?: { content?: unknown };
  /** 2019 shape: Quill delta, `{ops: [{insert: "text"}]}`. */
  ops?: { ops?: unknown };
}

export interface XRange {
  id?: unknown;
  range?: unknown;
  title?: unknown;
  /** Summaries only: id of the topic in `children.summary` that labels the range. */
  topicId?: unknown;
  style?: XStyle;
}

export interface XStyle {
  id?: unknown;
  properties?: Record<string, unknown>;
}

export interface XTopic {
  id?: unknown;
  class?: string;
  title?: unknown;
  structureClass?: unknown;
  notes?: XNotes;
  labels?: unknown;
  markers?: unknown; // [{markerId}]
  href?: unknown;
  image?: { src?: unknown; width?: unknown; height?: unknown; align?: unknown };
  branch?: unknown;
  position?: XPoint;
  style?: XStyle;
  children?: { attached?: unknown; detached?: unknown; callout?: unknown; summary?: unknown };
  summaries?: unknown; // XRange[]
  boundaries?: unknown; // XRange[]
  extensions?: unknown; // [{provider, content}]
}

export interface XRelationship {
  id?: unknown;
  end1Id?: unknown;
  end2Id?: unknown;
  title?: unknown;
  controlPoints?: Record<string, XPoint>;
  style?: XStyle;
}

export interface XSheet {
  id?: unknown;
  class?: string;
  title?: unknown;
  rootTopic?: XTopic;
  relationships?: unknown; // XRelationship[]
  topicPositioning?: string;
  legend?: unknown;
}

// Narrowing helpers for untrusted values.
export const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const asObject = <T extends object>(v: unknown): T | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as T) : undefined;
export const asNumber = (v: unknown): number | undefined => {
  const n = typeof v === 'string' ? Number.parseFloat(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

/** `(a,b)` → [a, b]; undefined for anything else (`master` is handled by the caller). */
export function parseRange(range: unknown): [number, number] | undefined {
  const m = typeof range === 'string' ? /^\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)\s*$/.exec(range) : null;
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = Number(m[2]);
  return a <= b ? [a, b] : [b, a];
}
