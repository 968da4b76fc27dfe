// Markdown read by a CommonMark parser (micromark through mdast-util-from-markdown) with GFM tables
// and strikethrough. Shared by the Markdown format and docmap's Markdown reader: both need the same
// notion of what a heading, a list item, code and HTML are, and source offsets into the text.
//
// Before parsing, the lines that are metadata and not content are masked with spaces (offsets stay
// the same): YAML front matter, Hexo/Jekyll tags on a line of their own (`{% markmap %}`) and the
// YAML options block that may follow `{% markmap %}`. Lines inside code fences are never masked.

import type { Nodes, PhrasingContent, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { ImportError } from '../errors.ts';
import { LIMITS } from '../limits.ts';

export type { Nodes, PhrasingContent, Root, RootContent } from 'mdast';

export interface MarkdownAst {
  /** The source with metadata lines masked by spaces (same length and offsets as the input). */
  source: string;
  root: Root;
  /** `title:` of the YAML front matter, if any. */
  frontTitle?: string;
  /** Link reference definitions by normalized label. */
  definitions: Map<string, string>;
}

const TEMPLATE_TAG = /^[ \t]*\{%.*%\}[ \t]*$/s;
const YAML_FENCE = /^---[ \t]*$/;
const YAML_END = /^(?:---|\.\.\.)[ \t]*$/;
const CODE_FENCE = /^[ \t]*(?:>[ \t]?)*[ \t]*(`{3,}|~{3,})(.*)$/s;

interface Line {
  start: number;
  /** End of the line's text, before `\r\n`, `\r` or `\n`. */
  end: number;
}

function sourceLines(text: string, format: string): Line[] {
  const lines: Line[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lines.push({ start, end: m.index });
    start = m.index + m[0].length;
    if (lines.length > 10_000_000) throw new ImportError('too-large', 'the file has more than 10,000,000 lines', format);
  }
  lines.push({ start, end: text.length });
  return lines;
}

/**
 * Masks front matter, template tags and markmap option blocks with spaces; returns the masked text
 * and the front matter's title.
 */
export function maskMetadata(text: string, format = 'markdown'): { text: string; frontTitle?: string } {
  const lines = sourceLines(text, format);
  const raw = (i: number): string => {
    const l = lines[i] as Line;
    return text.slice(l.start, l.end);
  };
  const masked: [number, number][] = []; // line ranges [from, to)
  let frontTitle: string | undefined;
  const yamlBlock = (from: number): number => {
    if (from >= lines.length || !YAML_FENCE.test(raw(from))) return -1;
    for (let j = from + 1; j < lines.length; j++) if (YAML_END.test(raw(j))) return j + 1;
    return -1;
  };
  let i = 0;
  const front = yamlBlock(0);
  if (front > 0) {
    for (let j = 1; j < front - 1; j++) {
      const t = /^title:[ \t]*(.+?)[ \t]*$/s.exec(raw(j));
      if (t) frontTitle = (t[1] as string).replace(/^(['"])(.*)\1$/s, '$2');
    }
    masked.push([0, front]);
    i = front;
  }
  let fence: { char: string; length: number } | undefined;
  for (; i < lines.length; i++) {
    const line = raw(i);
    const f = CODE_FENCE.exec(line);
    if (fence) {
      if (f && (f[1] as string)[0] === fence.char && (f[1] as string).length >= fence.length && !(f[2] as string).trim()) fence = undefined;
      continue;
    }
    if (f && !((f[1] as string)[0] === '`' && (f[2] as string).includes('`'))) {
      fence = { char: (f[1] as string)[0] as string, length: (f[1] as string).length };
      continue;
    }
    if (!TEMPLATE_TAG.test(line)) continue;
    let end = i + 1;
    if (/^[ \t]*\{%\s*markmap\b/.test(line)) {
      let j = i + 1;
      while (j < lines.length && !raw(j).trim()) j++;
      const options = yamlBlock(j);
      if (options > 0) end = options;
    }
    masked.push([i, end]);
    i = end - 1;
  }
  if (!masked.length) return frontTitle === undefined ? { text } : { text, frontTitle };
  let out = '';
  let pos = 0;
  for (const [from, to] of masked) {
    const a = (lines[from] as Line).start;
    const b = (lines[to - 1] as Line).end;
    out += text.slice(pos, a) + text.slice(a, b).replace(/[^\r\n]/g, ' ');
    pos = b;
  }
  out += text.slice(pos);
  return frontTitle === undefined ? { text: out } : { text: out, frontTitle };
}

/**
 * Refuses input nested deeper than the outline limit before the parser sees it: block quote markers
 * and list indentation at the start of a line (each list level indents by at least two columns).
 */
function checkNesting(text: string, format: string): void {
  const re = /^[ \t>*+-]{256,}/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const prefix = m[0];
    let quotes = 0;
    let width = 0;
    for (const c of prefix)
      if (c === '>') quotes++;
      else if (c === '\t') width += 4;
      else width++;
    if (quotes > LIMITS.maxDepth || quotes + width / 2 > LIMITS.maxDepth)
      throw new ImportError('too-deep', `the outline is nested more than ${LIMITS.maxDepth} levels deep`, format);
  }
}

/** Parses Markdown (CommonMark with GFM tables and strikethrough) into an mdast tree with offsets. */
export function parseMarkdownAst(input: string, format = 'markdown'): MarkdownAst {
  checkNesting(input, format);
  const { text: source, frontTitle } = maskMetadata(input, format);
  let root: Root;
  try {
    root = fromMarkdown(source, {
      extensions: [gfmTable(), gfmStrikethrough({ singleTilde: false })],
      mdastExtensions: [gfmTableFromMarkdown(), gfmStrikethroughFromMarkdown()],
    });
  } catch (e) {
    if (e instanceof RangeError) throw new ImportError('too-deep', 'the Markdown is nested too deeply to read', format);
    throw e;
  }
  const definitions = new Map<string, string>();
  const stack: Nodes[] = [root];
  while (stack.length) {
    const node = stack.pop() as Nodes;
    if (node.type === 'definition') {
      if (!definitions.has(node.identifier)) definitions.set(node.identifier, node.url);
    } else if (
      'children' in node &&
      (node.type === 'root' || node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote')
    )
      for (const c of node.children) stack.push(c);
  }
  return frontTitle === undefined ? { source, root, definitions } : { source, root, definitions, frontTitle };
}

export const startOf = (n: Nodes): number => n.position?.start.offset ?? 0;
export const endOf = (n: Nodes): number => n.position?.end.offset ?? 0;

/** What the inline content of a heading or list item holds for a topic. */
export interface InlineContent {
  text: string;
  href?: string;
  image?: { src: string; alt?: string };
  task?: { done: boolean };
  folded?: boolean;
}

const FOLD = /^<!--\s*markmap:\s*fold\s*-->$/;
const BREAK_TAG = /^<br\s*\/?>$/i;
const SOFT_BREAK = /([\s\S]?)[ \t]*(?:\r\n|\r|\n)[ \t]*([\s\S]?)/g;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
const HIGHLIGHT = /==(?=\S)([\s\S]*?\S)==/g;

/**
 * The text of inline content: emphasis, strikethrough and (unescaped) `==highlight==` markers
 * dropped, code spans kept exactly, `<br>` and hard breaks as line breaks, soft line breaks as spaces, comments dropped (`<!-- markmap: fold -->` folds), any other inline HTML kept as written,
 * link labels kept and the first link's address taken as href, the first image taken as image.
 * A leading `[ ]` / `[x]` written as such is a task box.
 */
export function inlineContent(nodes: readonly PhrasingContent[], source: string, definitions?: ReadonlyMap<string, string>): InlineContent {
  const out: InlineContent = { text: '' };
  let text = '';
  let afterImage = false;
  /** Spaces written literally at the end of the text so far (dropped before a comment). */
  let literalTrail = 0;
  const first = nodes[0];
  const task = first?.type === 'text' ? /^\[([ xX])\](?:[ \t]+|$)/.exec(source.slice(startOf(first), endOf(first))) : null;
  if (task) out.task = { done: task[1] !== ' ' };
  const visit = (n: PhrasingContent) => {
    const leadingImage = n.type === 'image' && text === '' && !out.image;
    switch (n.type) {
      case 'text': {
        const raw = source.slice(startOf(n), endOf(n));
        let value = n === first && task ? n.value.slice(task[0].length) : n.value;
        value = raw === n.value && n.value.includes('==') ? value.replace(HIGHLIGHT, '$1') : value;
        // Written as `![alt](src) text`: the one space after a leading image separates them.
        if (afterImage && value.startsWith(' ')) value = value.slice(1);
        // A soft line break reads as a space, or as nothing between two CJK characters.
        text += value.replace(SOFT_BREAK, (_m, a: string, b: string) => (CJK.test(a) && CJK.test(b) ? a + b : `${a} ${b}`));
        literalTrail = Math.min(/[ \t]*$/.exec(raw)?.[0].length ?? 0, value.length);
        afterImage = false;
        return;
      }
      case 'inlineCode':
        text += n.value;
        break;
      case 'break':
        text += '\n';
        break;
      case 'html':
        if (BREAK_TAG.test(n.value)) text += '\n';
        else if (n.value.startsWith('<!--')) {
          if (FOLD.test(n.value)) out.folded = true;
          text = text.slice(0, text.length - literalTrail);
        } else text += n.value;
        break;
      case 'link':
      case 'linkReference': {
        const url = n.type === 'link' ? n.url : definitions?.get(n.identifier);
        if (out.href === undefined && url !== undefined) out.href = url;
        for (const c of n.children) visit(c);
        break;
      }
      case 'image':
      case 'imageReference': {
        const src = n.type === 'image' ? n.url : definitions?.get(n.identifier);
        if (!out.image && src !== undefined) out.image = n.alt ? { src, alt: n.alt } : { src };
        else text += n.alt ?? '';
        break;
      }
      default:
        if ('children' in n) for (const c of n.children as PhrasingContent[]) visit(c);
        else if ('value' in n) text += String(n.value);
    }
    afterImage = leadingImage;
    literalTrail = 0;
  };
  for (const n of nodes) visit(n);
  out.text = text;
  if (out.image && !out.text.trim()) out.text = out.image.alt ?? '';
  return out;
}
