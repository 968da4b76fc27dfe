// Pasted text made plain: line ends, byte-order marks and zero-width characters, and the inline
// Markdown of one line (emphasis, code spans, links, images, escapes) reduced to its text.
// Everything here is a handful of linear regular expressions per line, so a 10 MB paste stays fast.

/** Characters that carry nothing on a pasted line: BOM, zero-width space, word joiner, soft hyphen. */
const INVISIBLE = /[\uFEFF\u200B\u2060\u00AD]/g;
/** ZWNJ / ZWJ mean something inside words and emoji; at a line's edges they are debris. */
const EDGE_JOINERS = /^[\u200C\u200D]+|[\u200C\u200D]+$/gm;

/** Text with `\n` line ends only, no BOM or zero-width debris. */
export function normalizeText(text: string): string {
  let s = text;
  if (s.includes('\u0000')) s = s.replace(/\u0000/g, '');
  if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n');
  if (/[\u2028\u2029\u0085]/.test(s)) s = s.replace(/[\u2028\u2029\u0085]/g, '\n');
  if (/[\uFEFF\u200B\u2060\u00AD]/.test(s)) s = s.replace(INVISIBLE, '');
  if (/[\u200C\u200D]/.test(s)) s = s.replace(EDGE_JOINERS, '');
  return s;
}

/** Whitespace as a line's edges may hold it: ASCII, NBSP, ideographic space (U+3000) and the like. */
export const SPACE = '[\\s\\u00A0\\u3000]';
const TRIM = /^[\s\u00A0\u3000]+|[\s\u00A0\u3000]+$/g;
export const trimSpace = (s: string): string => s.replace(TRIM, '');

export interface InlineResult {
  text: string;
  href?: string;
  task?: { done: boolean };
}

/** Only these link schemes are kept from pasted text (anything else is dropped, its text kept). */
export function safeHref(url: string): string | undefined {
  const u = trimSpace(url);
  if (u.length > 2048 || /[\s<>"]/.test(u)) return undefined;
  if (/^https?:\/\/[^/?#]/i.test(u) || /^mailto:[^\s]+@/i.test(u)) return u;
  return undefined;
}

// Backslash escapes of ASCII punctuation hide in the Private Use Area while markup is read, so
// `\*` never opens emphasis; `reveal` puts the characters back.
const PUA = 0xe000;
const ESCAPE = /\\([!-/:-@[-`{-~])/g;
const hide = (_m: string, c: string): string => String.fromCharCode(PUA + c.charCodeAt(0));
const HIDDEN = /[\ue000-\ue07f]/g;
const reveal = (s: string): string => s.replace(HIDDEN, (c) => String.fromCharCode(c.charCodeAt(0) - PUA));

// Every pattern is anchored to what it starts with and bounded in how far it looks, so that no line
// (a run of 100,000 `[` or backticks) makes a match attempt at each position scan the rest of it.
// Code spans: a whole backtick run (not a part of one), up to 1,000 characters of code.
const CODE_SPAN = /(?<!`)(`+)(?!`)([^`]|[^`][\s\S]{0,1000}?[^`])\1(?!`)/g;
const TARGET = String.raw`\(\s*(?:<([^<>\n]{0,2048})>|((?:[^()\s]|\([^()\s]{0,2048}\)){0,2048}))(?:\s+(?:"[^"\n]{0,300}"|'[^'\n]{0,300}'))?\s*\)`;
const IMAGE = new RegExp(String.raw`!\[([^[\]\n]{0,300})\]${TARGET}`, 'g');
const LINK = new RegExp(String.raw`\[([^[\]\n]{0,300}(?:\[[^[\]\n]{0,300}\][^[\]\n]{0,300}){0,8})\]${TARGET}`, 'g');
const AUTOLINK = /<((?:https?|mailto):[^<>\s]+)>/gi;
const FOOTNOTE = /\[\^[^\]\s]{1,20}\]/g;
const BREAK_TAG = /<br\s*\/?>/gi;
/** HTML comments removed with indexOf (a regular expression would rescan for every unclosed `<!--`). */
function dropComments(s: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = s.indexOf('<!--', from);
    if (open < 0) break;
    const close = s.indexOf('-->', open + 4);
    if (close < 0) break;
    out += s.slice(from, open);
    from = close + 3;
  }
  return from === 0 ? s : out + s.slice(from);
}
const STRONG = /(\*\*|__)(?=\S)([\s\S]*?\S)\1/g;
const STRIKE = /(~~|==)(?=\S)([\s\S]*?\S)\1/g;
const EM_STAR = /(^|[^*\w\\])\*(?=[^\s*])([^*]*?[^\s*])\*(?![*\w])/g;
const EM_UNDER = /(^|[^_\p{L}\p{N}\\])_(?=[^\s_])([^_]*?[^\s_])_(?![_\p{L}\p{N}])/gu;
const TASK = /^\[([ xX])\](?:[ \t\u00A0\u3000]+|$)/;
/** Code spans are protected from the emphasis rules by swapping them for these placeholders. */
const SLOT = /\u0000(\d+)\u0001/g;

/**
 * One line of pasted Markdown as plain text: the task box it starts with, the first safe link, and
 * the text with emphasis, strike-through, code spans, images (their alt text), links (their text),
 * footnote marks and escapes removed. Text that is not Markdown comes back unchanged but trimmed.
 */
export function stripInline(line: string): InlineResult {
  let s = trimSpace(line.includes('\u0000') ? line.replace(/\u0000/g, '') : line);
  const out: InlineResult = { text: '' };
  const task = TASK.exec(s);
  if (task) {
    out.task = { done: task[1] !== ' ' };
    s = s.slice(task[0].length);
  }
  // Fast path: nothing that could be markup.
  if (!/[\\`*_~=[<!]/.test(s)) {
    out.text = s;
    return out;
  }
  const escaped = s.includes('\\');
  if (escaped) s = s.replace(ESCAPE, hide);
  const codes: string[] = [];
  if (s.includes('`')) {
    s = s.replace(CODE_SPAN, (_m, _f, body: string) => {
      codes.push(body.length > 2 && body.startsWith(' ') && body.endsWith(' ') ? body.slice(1, -1) : body);
      return `\u0000${codes.length - 1}\u0001`;
    });
  }
  if (s.includes('[') || s.includes('<')) {
    if (s.includes('![')) s = s.replace(IMAGE, (_m, alt: string) => alt);
    if (s.includes('](')) {
      s = s.replace(LINK, (_m, text: string, angled: string | undefined, bare: string | undefined) => {
        if (out.href === undefined) {
          const href = safeHref(reveal(angled ?? bare ?? ''));
          if (href) out.href = href;
        }
        return text;
      });
    }
    if (s.includes('<')) {
      s = s.replace(AUTOLINK, (_m, url: string) => {
        if (out.href === undefined) {
          const href = safeHref(reveal(url));
          if (href) out.href = href;
        }
        return url;
      });
      s = dropComments(s.replace(BREAK_TAG, ' '));
    }
    if (s.includes('[^')) s = s.replace(FOOTNOTE, '');
  }
  // Twice at most, so that `***x***` and `**a *b* c**` both come out plain.
  for (let i = 0; i < 2; i++) {
    const star = s.includes('*');
    const under = s.includes('_');
    if (!star && !under && !s.includes('~~') && !s.includes('==')) break;
    if ((star && s.includes('**')) || (under && s.includes('__'))) s = s.replace(STRONG, '$2');
    if (s.includes('~~') || s.includes('==')) s = s.replace(STRIKE, '$2');
    if (star) s = s.replace(EM_STAR, '$1$2');
    if (under) s = s.replace(EM_UNDER, '$1$2');
  }
  if (codes.length > 0) s = s.replace(SLOT, (_m, i: string) => codes[Number(i)] ?? '');
  out.text = trimSpace(escaped ? reveal(s) : s);
  return out;
}
