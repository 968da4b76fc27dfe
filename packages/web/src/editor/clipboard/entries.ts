// The middle of paste parsing: a flat list of entries (headings, outline lines, note material),
// whichever source they came from (text, Markdown, HTML), turned into a tree in one pass.
//
// How a line finds its parent, with a stack of open nodes:
// - headings nest by level, and everything else sits under the latest heading;
// - outline lines nest by indentation (columns: tab stops, full-width spaces count two);
// - at equal indentation, numbering decides: 一、 > （一） > 1. by the order in which the numbering
//   families first appear, and a bullet or plain line under a numbered line at the same indentation
//   is its child; a plain line (a title) takes the bullets and numbered lines that follow it.
// Preambles and closing remarks of chat answers are dropped before the tree is built.

import { safeHref, stripInline, trimSpace } from './inline.ts';
import { numberingFamily } from './numbering.ts';
import { MAX_OUTLINE_DEPTH, type OutlineNode, type PastedOutline } from './outline.ts';

export type Entry =
  | { kind: 'heading'; level: number; text: string; href?: string }
  | { kind: 'line'; indent: number; bullet: boolean; text: string; href?: string }
  /** Code, quotes and tables: they go to the previous topic's note. */
  | { kind: 'note'; text: string }
  | { kind: 'rule' }
  | { kind: 'blank' };

/** A line of chat prose that introduces an answer (以下是…：, Here is…:). */
const PREAMBLE =
  /^(?:好的|当然|没问题|可以|以下是|下面是|下面为|以下为|这是|这里是|为你|为您|根据你|根据您|我为|我将|我来|sure\b|certainly\b|of course\b|okay\b|ok\b|here\s+(?:is|are)\b|here['’]s\b|below\s+is\b|the\s+following\b|great\b|absolutely\b)/i;
/** What only a chat answer says at its end (希望对你有帮助, Let me know…). */
const CLOSING_CHAT =
  /(?:对你有(?:所)?帮助|对您有(?:所)?帮助|有帮助|需要我|如果你(?:还)?(?:需要|想|有|希望)|如果您(?:还)?(?:需要|想|有|希望)|随时(?:告诉|问|联系)|欢迎(?:继续|随时)?(?:提问|追问|交流)|还有什么(?:问题|需要)|hope\s+(?:this|that|it)\s+helps|let\s+me\s+know|feel\s+free|happy\s+to\s+help|would\s+you\s+like|do\s+you\s+want)/i;
/**
 * Weaker signs of a closing remark (希望…, 如需…, a question): trusted only in what is already known
 * to be a chat answer (a preamble was dropped, or a rule separates the remark from the outline), so
 * that a document's own last paragraph (希望各单位认真贯彻执行。) stays.
 */
const CLOSING =
  /(?:希望|如需|如有|若需|若有|需要的话|是否需要|要不要|欢迎|祝你|祝您|请告诉我|可以告诉我|有任何|if\s+you\s+(?:need|want|have|would)|good\s+luck)|[?？]$/i;
const QUOTED = /[“"「『《]([^“”"「」『』《》\n]{2,30})[”"」』》]/g;

interface Parsed {
  text: string;
  href?: string;
  task?: { done: boolean };
  /** Numbering family (`cn-dun`, `num`, `decimal2`…), or null. */
  family: string | null;
}

function parseLine(raw: string, bullet: boolean, href?: string): Parsed {
  const inline = stripInline(raw);
  const p: Parsed = { text: inline.text, family: null };
  if (inline.href ?? href) p.href = inline.href ?? href;
  if (inline.task) p.task = inline.task;
  if (p.text.includes('\t')) p.text = p.text.replace(/\t+/g, ' ');
  if (p.href === undefined && /^https?:\/\/\S+$/i.test(p.text)) {
    const h = safeHref(p.text);
    if (h) p.href = h;
  }
  if (!bullet && p.text !== '') p.family = numberingFamily(p.text);
  return p;
}

interface Frame {
  node: OutlineNode;
  heading: number; // heading level, 0 for a line
  indent: number;
  bullet: boolean;
  level: number; // numbering level, -1 without numbering
  /** Attached at its parent's indentation (as a numbered line's body): takes no same-indent children. */
  inline: boolean;
}

/** Whether `top` may be the parent of the new line `f`. */
function isAbove(top: Frame, f: Frame): boolean {
  if (top.heading > 0) return f.heading === 0 || top.heading < f.heading;
  if (f.heading > 0) return false;
  if (top.indent !== f.indent) return top.indent < f.indent;
  if (top.bullet) return false;
  if (top.level >= 0) return f.level < 0 || top.level < f.level;
  if (top.inline) return false;
  // A plain line at the same indentation takes the bullets and numbered lines after it (a title).
  return f.bullet || f.level >= 0;
}

/** Leading entries that introduce an answer, and trailing ones that close it, when there is an outline. */
function trimChat(entries: Entry[]): { entries: Entry[]; title?: string } {
  const structural = (e: Entry) =>
    e.kind === 'heading' || (e.kind === 'line' && (e.bullet || e.indent > 0 || parseLine(e.text, false).family !== null));
  let first = entries.findIndex(structural);
  if (first < 0) return { entries };
  let last = entries.length - 1;
  while (last > first && !structural(entries[last] as Entry)) last--;

  // The preamble: plain lines before the first structural line that read like chat prose.
  let title: string | undefined;
  let start = 0;
  const lead = entries.slice(0, first).filter((e): e is Entry & { kind: 'line' } => e.kind === 'line');
  if (lead.length > 0 && lead.length <= 3) {
    const prose = lead.every((e) => {
      const t = trimSpace(e.text);
      const plain = stripInline(t).text;
      return PREAMBLE.test(plain) || (/[:：]$/.test(plain) && (plain.length > 15 || /以下|下面|如下|below|following/i.test(plain)));
    });
    if (prose) {
      start = first;
      const quoted = [
        ...lead
          .map((e) => e.text)
          .join('\n')
          .matchAll(QUOTED),
      ].map((m) => trimSpace(m[1] as string));
      if (quoted.length === 1) title = quoted[0];
    }
  }
  // Closing remarks: trailing paragraphs after the outline (past blank lines and rules).
  let end = entries.length;
  let ruled = false;
  for (let i = last + 1; i < entries.length; i++) if (entries[i]?.kind === 'rule') ruled = true;
  const chat = start > 0 || ruled;
  for (let i = entries.length - 1; i > last; i--) {
    const e = entries[i] as Entry;
    if (e.kind === 'blank' || e.kind === 'rule') {
      end = i;
      continue;
    }
    if (e.kind === 'line' && e.indent === 0 && !e.bullet) {
      const t = stripInline(e.text).text;
      if (CLOSING_CHAT.test(t) || (chat && CLOSING.test(t))) {
        end = i;
        continue;
      }
    }
    break;
  }
  if (start === 0 && end === entries.length) return { entries };
  first = start;
  const out: { entries: Entry[]; title?: string } = { entries: entries.slice(first, end) };
  if (title) out.title = title;
  return out;
}

/** The outline of a list of entries (see the module comment). */
export function buildOutline(all: Entry[]): PastedOutline {
  const { entries, title } = trimChat(all);
  const roots: OutlineNode[] = [];
  const stack: Frame[] = [];
  const levels = new Map<string, number>();
  let count = 0;
  let last: OutlineNode | null = null;
  let afterBlank = false;
  /** The list item whose note the previous line went to (its paragraph may go on). */
  let noteOpen: OutlineNode | null = null;

  const attach = (f: Frame) => {
    while (stack.length > 0 && !isAbove(stack[stack.length - 1] as Frame, f)) stack.pop();
    if (stack.length >= MAX_OUTLINE_DEPTH) stack.length = MAX_OUTLINE_DEPTH - 1;
    const parent = stack[stack.length - 1];
    if (parent && parent.heading === 0 && f.heading === 0 && parent.indent === f.indent) f.inline = true;
    (parent ? parent.node.children : roots).push(f.node);
    stack.push(f);
    count++;
    last = f.node;
  };

  for (const e of entries) {
    const blankBefore = afterBlank;
    afterBlank = e.kind === 'blank';
    if (e.kind !== 'line' && e.kind !== 'blank') noteOpen = null;
    switch (e.kind) {
      case 'heading': {
        const p = parseLine(e.text, true, e.href);
        if (p.text === '') break;
        attach({ node: nodeOf(p), heading: e.level, indent: 0, bullet: false, level: -1, inline: false });
        break;
      }
      case 'line': {
        const p = parseLine(e.text, e.bullet, e.href);
        if (p.text === '' && !p.task) break;
        let level = -1;
        if (p.family !== null) {
          level = levels.get(p.family) ?? levels.size;
          if (!levels.has(p.family)) levels.set(p.family, level);
        }
        const f: Frame = { node: nodeOf(p), heading: 0, indent: e.indent, bullet: e.bullet, level, inline: false };
        if (!e.bullet && level < 0 && !p.task) {
          // A paragraph inside a list item (indented under it, after a blank line, as Markdown
          // writes it) is the item's body: its note, kept as Markdown, not a topic of its own.
          while (stack.length > 0 && !isAbove(stack[stack.length - 1] as Frame, f)) stack.pop();
          const parent = stack[stack.length - 1];
          const item =
            parent && parent.heading === 0 && (parent.bullet || parent.level >= 0) && parent.indent < e.indent ? parent.node : null;
          if (item && (blankBefore || noteOpen === item)) {
            const body = trimSpace(e.text);
            item.note = item.note ? `${item.note}${noteOpen === item && !blankBefore ? '\n' : '\n\n'}${body}` : body;
            noteOpen = item;
            break;
          }
        }
        noteOpen = null;
        attach(f);
        break;
      }
      case 'note': {
        const text = e.text.replace(/^\n+|\s+$/g, '');
        if (text === '') break;
        const target = last as OutlineNode | null;
        if (target) target.note = target.note ? `${target.note}\n\n${text}` : text;
        else {
          const firstLine = trimSpace(text.split('\n', 1)[0] as string);
          roots.push((last = { text: firstLine.slice(0, 200), note: text, children: [] }));
          count++;
        }
        break;
      }
      default:
        break;
    }
  }
  if (title && roots.length > 1 && !roots.some((r) => r.text.includes(title))) {
    return { roots: [{ text: title, children: roots }], count: count + 1 };
  }
  return { roots, count };
}

function nodeOf(p: Parsed): OutlineNode {
  const node: OutlineNode = { text: p.text, children: [] };
  if (p.href) node.href = p.href;
  if (p.task) node.task = p.task;
  return node;
}
