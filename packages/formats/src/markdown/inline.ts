// Escaping of topic texts for the Markdown writer, so that the CommonMark reader (ast.ts) gives
// back exactly the text that was written.

/** Characters that could open inline markup (or a table cell, math, an entity) anywhere in a line. */
const INLINE_SPECIAL = /[\\`*_[\]<>~=|&!#$]/g;

/** Numeric character reference of one character (for whitespace the parser would strip). */
const charRef = (c: string): string => `&#${c.codePointAt(0)};`;

/**
 * Escapes text so that, written as the content of a heading or a list item, it reads back
 * unchanged: inline markup characters get a backslash, line breaks become `<br>`, whitespace at
 * the ends becomes character references, and a start that would open a block (a list marker, a
 * rule, an ordered-list number) is escaped too.
 */
export function escapeInline(text: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  let s = lines.map((l) => l.replace(INLINE_SPECIAL, (c) => `\\${c}`)).join('<br>');
  // A list item's content is block content: `- - x`, `- + x`, `- 1. x` and `- ---` would nest.
  s = s.replace(/^([-+])/, '\\$1').replace(/^(\d{1,9})([.)])/, '$1\\$2');
  // Leading and trailing whitespace (including tabs, form feeds and NBSP-free Unicode spaces) is
  // stripped by the parser: keep it as references.
  s = s.replace(/^\s+/, (ws) => [...ws].map(charRef).join('')).replace(/\s+$/, (ws) => [...ws].map(charRef).join(''));
  return s;
}
