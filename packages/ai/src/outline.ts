// The incremental outline parser (DESIGN §7): the model writes an indented outline; each completed
// line becomes one core operation as soon as its line break arrives, so the map grows while tokens
// stream in. Tolerant of what models actually write: a preamble ("好的，以下是…："), code fences,
// Markdown headings, lists with any bullet, any numbering style (1. 1) 1、 一、 （一） ① a. IV. 1.2.3),
// bold markup, blank lines, CRLF, and a closing remark. Ids are stable by (parent, text) (ids.ts),
// so any split of the same stream into chunks gives exactly the same operations.

import type { NewTopic, Op, TopicId } from '@arbor/core';
import { parseMarker, STRONG_FAMILIES } from '@arbor/docmap';
import { StableIds } from './ids.ts';

export interface OutlineNode {
  id: TopicId;
  parentId: TopicId;
  text: string;
  /** 1 for the anchor's children (the title line, in `title` mode, is depth 0 and is the anchor). */
  depth: number;
  /** The raw line it came from (after trimming). */
  line: number;
}

export interface OutlineParserOptions {
  /** The topic the outline grows under. */
  anchorId: TopicId;
  /**
   * `title`: the first outline line is the central topic (updates the anchor's text), the rest
   * grow under it (generate). `children` (default): every line grows under the anchor.
   */
  mode?: 'title' | 'children';
  /** Ids already in the map, never handed out. */
  taken?: (id: string) => boolean;
  idPrefix?: string;
  /** Extra fields for each created topic (e.g. a `source` span). */
  decorate?: (node: OutlineNode) => Partial<Omit<NewTopic, 'id' | 'children'>> | undefined;
  /** Deepest level kept below the anchor; deeper lines attach at this level (default 8). */
  maxDepth?: number;
  /** Most topics created; later lines are ignored (default 2,000). */
  maxTopics?: number;
  /** Longest topic text in characters (default 200); longer text is cut with `…`. */
  maxTextLength?: number;
}

interface Open {
  id: TopicId;
  depth: number;
  /** Heading level (1–6) for Markdown headings, else 0. */
  heading: number;
  /** Indentation column for list lines; -1 for headings and the title. */
  indent: number;
  family: string;
}

const FENCE = /^\s*(```|~~~)/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^([-*+•·●○◦▪▫■□➤►▶→✓✔]|\d+[.)、]?\s*[-–—])\s+/;
const CHECKBOX = /^\[[ xX]\]\s+/;
const RULE = /^\s*([-*_=])(\s*\1){2,}\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{2,}/;
/**
 * Marker families that are content (第一章 总则 keeps its 第一章), not list numbering: the ones whose
 * wording says they are headings (all but §) and reference numbers ([1]).
 */
const CONTENT_FAMILIES: ReadonlySet<string> = new Set([...STRONG_FAMILIES, 'bracket'].filter((f) => f !== 'en-para'));
const PREAMBLE_START = /^(好的|当然|以下|下面|这是|这里|根据|sure|certainly|here|okay|ok\b|below)/i;
const EPILOGUE_START = /^(希望|如需|如果您|如有|以上|注[:：]|备注|总结[:：]|hope|let me know|note[:：]|i hope|feel free)/i;
const SENTENCE_END = /[。！？!?]$|[.]$/;

/** Visual indentation: a tab counts 4 columns, a full-width space 2. */
function indentOf(line: string): number {
  let n = 0;
  for (const ch of line) {
    if (ch === ' ') n++;
    else if (ch === '\t') n += 4;
    else if (ch === '\u3000') n += 2;
    else break;
  }
  return n;
}

const MARKUP = /[*_`[]|\s\s|[\t\n\r\f\v\u00a0\u3000]/;

function stripInline(text: string): string {
  if (!MARKUP.test(text)) return text.trim();
  return text
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/__(.+?)__/g, '$1')
    .replace(/(^|[^*])\*([^*\s][^*]*?)\*(?!\*)/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\[([^\]]+)\]\((?:[^)\s]+)\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface ClassifiedLine {
  kind: 'heading' | 'item' | 'plain';
  text: string;
  indent: number;
  heading: number;
  family: string;
  /** Extra depth from dotted numbering (1.2.3 → 2) when the line is not indented. */
  dotted: number;
}

/** Reads one line of model output; null for lines that carry nothing (blank, fences, rules). */
export function classifyLine(raw: string): ClassifiedLine | null {
  const line = raw.replace(/\s+$/, '');
  if (!line.trim() || FENCE.test(line) || RULE.test(line) || TABLE_RULE.test(line)) return null;
  const indent = indentOf(line);
  let t = line.trim().replace(/^>\s*/, '');
  const h = HEADING.exec(t);
  if (h) {
    let text = h[2] as string;
    const m = parseMarker(text);
    if (m && !CONTENT_FAMILIES.has(m.family) && m.rest) text = m.rest;
    text = stripInline(text);
    return text ? { kind: 'heading', text, indent: -1, heading: (h[1] as string).length, family: 'heading', dotted: 0 } : null;
  }
  if (t.startsWith('|'))
    t = t
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split('|')
      .map((c) => c.trim())
      .filter(Boolean)
      .join(' · ');
  let family = 'plain';
  let dotted = 0;
  const b = BULLET.exec(t);
  if (b) {
    family = 'bullet';
    t = t.slice(b[0].length);
  }
  t = t.replace(CHECKBOX, '');
  const bold = /^\*\*(.+?)\*\*(.*)$/.exec(t);
  const probe = bold ? `${bold[1]}${bold[2]}` : t;
  const m = parseMarker(probe);
  if (m?.rest && !CONTENT_FAMILIES.has(m.family)) {
    if (family === 'plain') family = m.family;
    if (m.family.startsWith('decimal')) dotted = Number(m.family.slice(7)) - 1;
    t = m.rest;
  }
  const text = stripInline(t);
  if (!text) return null;
  return { kind: family === 'plain' ? 'plain' : 'item', text, indent, heading: 0, family, dotted };
}

/** Looks like a sentence of prose rather than a topic (used only before the outline starts and after a blank line). */
function isProse(text: string, before: boolean): boolean {
  if (before && /[:：]$/.test(text)) return true;
  if (before && PREAMBLE_START.test(text) && text.length > 6) return true;
  if (!before && EPILOGUE_START.test(text)) return true;
  return SENTENCE_END.test(text) && text.length > 24 && /[，,。；;]/.test(text.slice(0, -1));
}

export class OutlineParser {
  readonly nodes: OutlineNode[] = [];
  private readonly ids: StableIds;
  private readonly stack: Open[] = [];
  private buffer = '';
  private lineNo = 0;
  private titleDone = false;
  private blankBefore = false;
  private ended = false;
  /** Lines dropped as preamble/epilogue prose or beyond the limits. */
  skipped = 0;

  constructor(readonly options: OutlineParserOptions) {
    this.ids = new StableIds(options.idPrefix ?? 'ai', options.taken);
  }

  get mode(): 'title' | 'children' {
    return this.options.mode ?? 'children';
  }

  /** The central topic's text, in `title` mode, once its line is complete. */
  title: string | undefined;

  /** Feeds a piece of the answer; returns the operations for the lines it completed. */
  push(chunk: string): Op[] {
    if (this.ended) throw new Error('OutlineParser: push after end');
    const ops: Op[] = [];
    let start = 0;
    const text = this.buffer + chunk;
    let from = this.buffer.length;
    for (;;) {
      const nl = text.indexOf('\n', from);
      if (nl < 0) break;
      this.line(text.slice(start, nl), ops);
      start = nl + 1;
      from = start;
    }
    this.buffer = text.slice(start);
    if (this.buffer.length > 10_000) {
      // A "line" this long is not an outline line; keep its start as one line.
      this.line(this.buffer, ops);
      this.buffer = '';
    }
    return ops;
  }

  /** The end of the answer: the last line needs no line break. */
  end(): Op[] {
    const ops: Op[] = [];
    if (!this.ended && this.buffer) this.line(this.buffer, ops);
    this.buffer = '';
    this.ended = true;
    return ops;
  }

  /** Number of topics created (the title not counted). */
  get count(): number {
    return this.nodes.length;
  }

  private line(raw: string, ops: Op[]): void {
    this.lineNo++;
    const c = classifyLine(raw.replace(/\r$/, ''));
    if (!c) {
      if (!raw.trim()) this.blankBefore = true;
      return;
    }
    const started = this.titleDone || this.nodes.length > 0;
    const afterBlank = this.blankBefore;
    this.blankBefore = false;
    if (c.kind === 'plain' && (!started ? isProse(c.text, true) : afterBlank && c.indent === 0 && isProse(c.text, false))) {
      this.skipped++;
      return;
    }
    const maxLen = this.options.maxTextLength ?? 200;
    // "机器学习：" introducing subtopics reads better without its colon.
    const bare = c.text.replace(/\s*[:：]$/, '') || c.text;
    const text = bare.length > maxLen ? `${bare.slice(0, maxLen - 1)}…` : bare;
    const anchor = this.options.anchorId;
    if (this.mode === 'title' && !this.titleDone) {
      this.titleDone = true;
      this.title = text;
      ops.push({ type: 'topic.update', id: anchor, patch: { text } });
      // Everything later nests under the title, whatever its heading level or indentation.
      this.stack.push({ id: anchor, depth: 0, heading: 0, indent: -1, family: '\u0000title' });
      return;
    }
    if (this.nodes.length >= (this.options.maxTopics ?? 2000)) {
      this.skipped++;
      return;
    }
    const base = this.mode === 'title' ? 1 : 0; // the title entry at the bottom of the stack is never popped
    const s = this.stack;
    if (c.kind === 'heading') {
      while (s.length > base && ((s.at(-1) as Open).indent >= 0 || (s.at(-1) as Open).heading >= c.heading)) s.pop();
    } else {
      const indent = c.indent + (c.indent === 0 ? c.dotted * 2 : 0);
      while (s.length > base && (s.at(-1) as Open).indent > indent) s.pop();
      const top = s.at(-1);
      if (top && s.length > base && top.indent === indent) {
        if (top.family === c.family) s.pop();
        else {
          // A different numbering at the same indentation nests, unless an open line of that
          // family sits at this indentation further down (then it is that line's sibling).
          let k = s.length - 2;
          while (k >= base && (s[k] as Open).indent === indent && (s[k] as Open).family !== c.family) k--;
          if (k >= base && (s[k] as Open).indent === indent && (s[k] as Open).family === c.family) s.length = k;
        }
      }
    }
    const parent = s.at(-1);
    const parentId = parent ? parent.id : anchor;
    let depth = (parent?.depth ?? 0) + 1;
    const maxDepth = this.options.maxDepth ?? 8;
    let attachTo = parentId;
    if (depth > maxDepth) {
      // Too deep: attach to the ancestor at the deepest allowed level.
      const at = s.filter((o) => o.depth <= maxDepth - 1).at(-1);
      attachTo = at ? at.id : anchor;
      depth = (at?.depth ?? 0) + 1;
    }
    const id = this.ids.next(attachTo, text);
    const node: OutlineNode = { id, parentId: attachTo, text, depth, line: this.lineNo };
    this.nodes.push(node);
    const extra = this.options.decorate?.(node);
    ops.push({ type: 'topic.create', parentId: attachTo, topic: { ...(extra ?? {}), id, text } });
    if (depth <= maxDepth)
      s.push({
        id,
        depth,
        heading: c.kind === 'heading' ? c.heading : 0,
        indent: c.kind === 'heading' ? -1 : c.indent + (c.indent === 0 ? c.dotted * 2 : 0),
        family: c.family,
      });
  }
}

/** Parses a whole answer at once (tests, CLI). */
export function parseOutline(text: string, options: OutlineParserOptions): { ops: Op[]; nodes: OutlineNode[]; title?: string } {
  const p = new OutlineParser(options);
  const ops = [...p.push(text), ...p.end()];
  return { ops, nodes: p.nodes, ...(p.title !== undefined ? { title: p.title } : {}) };
}
