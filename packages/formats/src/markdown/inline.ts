// Inline Markdown of one heading or list item, reduced to what a topic holds: plain text, the
// first link as href, an image, a task box, and markmap's `<!-- markmap: fold -->`.

import type { ImageRef } from '@arbor/core';
import { decodeEntities } from '../text/html.ts';

export interface InlineTopic {
  text: string;
  href?: string;
  image?: ImageRef;
  task?: { done: boolean };
  folded?: boolean;
}

const LINK_TARGET = String.raw`\(\s*(?:<([^<>\n]*)>|((?:[^()\s\\]|\\.|\([^()\s]*\))*))(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)`;
const IMAGE = new RegExp(String.raw`!\[((?:[^\[\]\\]|\\.)*)\]${LINK_TARGET}`);
const LINK = new RegExp(String.raw`\[((?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]${LINK_TARGET}`);
const AUTOLINK = /<((?:https?|mailto|ftp):[^<>\s]+)>/;

// Escaped punctuation is hidden in the Private Use Area while links, code spans and emphasis are
// recognised, so that `\*` or `\`` never opens anything; `reveal` puts the characters back.
const PUA = 0xe000;
const hideEscapes = (s: string): string => s.replace(/\\([!-/:-@[-`{-~])/g, (_m, c: string) => String.fromCharCode(PUA + c.charCodeAt(0)));
const reveal = (s: string): string => s.replace(/[\ue000-\ue07f]/g, (c) => String.fromCharCode(c.charCodeAt(0) - PUA));

/** Emphasis, strike-through and highlight markers dropped; code spans kept literally. */
function stripEmphasis(s: string): string {
  const parts = s.split(/(`+)([\s\S]*?)\1/);
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    if (i % 3 === 2)
      out += `\u0000${parts[i]?.trim() ?? ''}\u0001`; // code span content, protected
    else if (i % 3 === 0)
      out += (parts[i] as string)
        .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
        .replace(/(~~|==)(?=\S)([\s\S]*?\S)\1/g, '$2')
        .replace(/(^|[^\\*\w])\*(?=[^\s*])([^*]*?[^\s*\\])\*(?![*\w])/g, '$1$2')
        .replace(/(^|[^\\_\w])_(?=[^\s_])([^_]*?[^\s_\\])_(?![_\w])/g, '$1$2');
  }
  return out;
}

export function parseInline(raw: string): InlineTopic {
  const out: InlineTopic = { text: '' };
  let s = hideEscapes(raw);
  if (/<!--\s*markmap:\s*fold\s*-->/.test(s)) out.folded = true;
  s = s.replace(/<!--[\s\S]*?-->/g, '');
  const task = /^\[([ xX])\](?:\s+|$)/.exec(s);
  if (task) {
    out.task = { done: task[1] !== ' ' };
    s = s.slice(task[0].length);
  }
  const img = IMAGE.exec(s);
  if (img) {
    const alt = reveal(img[1] ?? '');
    out.image = { src: reveal(img[2] ?? img[3] ?? '') };
    if (alt) out.image = { ...out.image, alt };
    s = s.slice(0, img.index) + s.slice(img.index + img[0].length);
    if (s.trim() === '') s = alt;
  }
  // Links: every link keeps its label; the first one's address becomes the topic's href.
  for (let m = LINK.exec(s), guard = 0; m && guard < 1000; m = LINK.exec(s), guard++) {
    out.href ??= reveal(m[2] ?? m[3] ?? '');
    s = s.slice(0, m.index) + (m[1] ?? '') + s.slice(m.index + m[0].length);
  }
  const auto = AUTOLINK.exec(s);
  if (auto) {
    out.href ??= reveal(auto[1] as string);
    s = s.replace(AUTOLINK, '$1');
  }
  s = s.replace(/<br\s*\/?>/gi, '\n');
  s = stripEmphasis(s);
  // Code spans were protected from unescaping and entity decoding by sentinels.
  const segments = s.split(/\u0000([\s\S]*?)\u0001/);
  out.text = segments
    .map((seg, i) => reveal(i % 2 === 1 ? seg : decodeEntities(seg)))
    .join('')
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();
  return out;
}

/** Escapes text so that `parseInline` reads it back unchanged. */
export function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>~=|&!#$]/g, (c) => `\\${c}`).replace(/\r?\n/g, '<br>');
}
