// Chinese-aware tokenizing with jieba (jieba-wasm, dictionary mode without HMM so that a word is
// split the same way in a document and in a query). Documents are indexed with the search mode
// (a long word also yields its dictionary sub-words: 中华人民共和国 → 中华, 人民, 共和国, …);
// queries use the precise mode, so 民法典合同 asks for 民法典 AND 合同.

import { cut, cut_for_search } from 'jieba-wasm';

/** Longest text tokenized for one index field; the rest of a very long outline adds little. */
export const MAX_INDEXED_CHARS = 30_000;

// Anything that is not a letter or a digit separates tokens (punctuation, spaces, symbols).
const SEPARATOR = /[^\p{L}\p{N}]+/u;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

function clean(raw: readonly string[], out: string[]): string[] {
  for (const piece of raw) {
    if (!HAS_WORD_CHAR.test(piece)) continue;
    // jieba keeps e.g. "c++" or "2024-01" together; split them so every token is plain word chars.
    for (const part of piece.toLowerCase().split(SEPARATOR)) if (part !== '') out.push(part);
  }
  return out;
}

/** Tokens of a document field for the full-text index (with sub-words, duplicates kept). */
export function tokenizeForIndex(text: string, maxChars = MAX_INDEXED_CHARS): string[] {
  const body = text.length > maxChars ? text.slice(0, maxChars) : text;
  if (body.trim() === '') return [];
  return clean(cut_for_search(body, false), []);
}

/** Tokens of a search query, each distinct, in order. */
export function tokenizeQuery(query: string): string[] {
  const q = query.trim().slice(0, 200);
  if (q === '') return [];
  return [...new Set(clean(cut(q, false), []))];
}

// Function words that say nothing about what a template is about (similarity only; search keeps them).
const STOPWORDS = new Set(
  (
    '的 了 和 与 或 或者 及 以及 在 是 为 对 由 把 被 从 向 等 其 该 本 此 之 所 以 于 可以 应当 不得 ' +
    '有关 规定 进行 按照 依照 根据 一 二 三 第 条 款 项 章 节 the a an of and or to in on for is are'
  ).split(' '),
);

/** Content terms for TF-IDF similarity: index tokens without stopwords and lone Han characters. */
export function similarityTerms(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    if (STOPWORDS.has(t)) continue;
    if (t.length === 1 && !/[a-z0-9]/.test(t)) continue;
    if (/^\d+$/.test(t)) continue;
    out.push(t);
  }
  return out;
}
