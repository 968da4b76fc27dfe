// Short topic titles from long text: the first sentence, cut at a clause boundary or, failing that,
// at a word boundary (never inside a word), with an ellipsis. Words come from a segmenter: jieba
// when one was loaded (see jieba.ts), else Intl.Segmenter.

import { parseMarker } from './markers.ts';
import { displayWidth, SENTENCE_END } from './text-utils.ts';

/** Splits text into words; the concatenation of the words must equal the text. */
export type WordSegmenter = (text: string) => string[];

let intlSegmenter: Intl.Segmenter | undefined;
const intlWords: WordSegmenter = (text) => {
  intlSegmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  return Array.from(intlSegmenter.segment(text), (s) => s.segment);
};

let activeSegmenter: WordSegmenter = intlWords;

/** Installs the word segmenter used for condensing (jieba, once loaded); `undefined` restores the default. */
export function setWordSegmenter(segmenter: WordSegmenter | undefined): void {
  activeSegmenter = segmenter ?? intlWords;
}

export const DEFAULT_TITLE_LENGTH = 30;
const ELLIPSIS = '…';
/** Clause boundaries; a comma between digits (6,820) is not one. */
const CLAUSE = /[，；：、;:]|,(?!\d)/g;

/**
 * A title of at most `length` wide characters (a Latin character counts half): the text itself when
 * short, else its first sentence, else a clause prefix, else whole words with `…`.
 */
export function condenseTitle(text: string, length = DEFAULT_TITLE_LENGTH): string {
  // Long paragraphs are condensed from their opening only.
  const flat = text.slice(0, 4000).replace(/\s+/g, ' ').trim();
  // The numbering of a heading (`1.`, `第十条`) stays whole and does not count as a sentence.
  const marker = parseMarker(flat);
  if (marker?.rest && marker.label.length < flat.length) {
    const label = flat.slice(0, flat.length - marker.rest.length);
    return label + condenseText(marker.rest, length);
  }
  return condenseText(flat, length);
}

function condenseText(text: string, length: number): string {
  const maxWidth = Math.max(4, length) * 2;
  let t = text;
  t = t.replace(/[。.；;，,：:]$/, '');
  if (displayWidth(t) <= maxWidth) return t;
  const end = SENTENCE_END.exec(t);
  if (end && end.index > 0) {
    const sentence = t.slice(0, end.index);
    if (displayWidth(sentence) <= maxWidth) return sentence;
    t = sentence;
  }
  let clauseCut = -1;
  for (const m of t.matchAll(CLAUSE)) {
    if (displayWidth(t.slice(0, m.index)) > maxWidth) break;
    clauseCut = m.index as number;
  }
  if (clauseCut >= 0 && displayWidth(t.slice(0, clauseCut)) >= maxWidth * 0.5) return t.slice(0, clauseCut) + ELLIPSIS;
  return cutAtWord(t, maxWidth - 2) + ELLIPSIS;
}

/** The longest prefix of whole words within `maxWidth` columns (at least one word, however long). */
function cutAtWord(text: string, maxWidth: number): string {
  let out = '';
  let width = 0;
  // Only a window a little longer than the limit is segmented: titles of huge paragraphs stay cheap.
  for (const word of activeSegmenter(text.slice(0, maxWidth + 64))) {
    const w = displayWidth(word);
    if (width + w > maxWidth) {
      // A single word longer than the limit is kept whole rather than cut in half.
      if (!out) out = word;
      break;
    }
    out += word;
    width += w;
  }
  return out.replace(/[\s，、,;；:：(（《“"-]+$/, '');
}
