// A search query as people mean it: segments separated by spaces or punctuation must all be
// present (AND); each segment may be written in any of its variants (OR): itself, or with an
// abbreviation spelled out (社保 → 社会保险). A segment counts as present in a template when one
// of its variants occurs there as a whole phrase — not when its words merely occur apart
// (时间管理 is not 时间 … 管理 scattered through a law) — or when every word of a variant is in the
// title. Full-text search narrows the candidates; the phrase test decides.

import { expansionsOf } from './abbreviations.ts';
import { tokenizeQuery } from './tokenize.ts';

/** Longest query handled; longer input is cut. */
export const MAX_QUERY_CHARS = 200;
/** Most segments a query may have (the rest are ignored). */
export const MAX_SEGMENTS = 8;

export interface QueryVariant {
  /** Literal text looked for as a whole phrase (lowercase). */
  phrase: string;
  /** Its words, for the full-text index (each letters and digits only). */
  tokens: string[];
  /** True for a spelled-out abbreviation rather than what the reader typed. */
  expanded: boolean;
}

export interface QuerySegment {
  text: string;
  variants: QueryVariant[];
}

export interface ParsedQuery {
  segments: QuerySegment[];
  /** The spelled-out forms that were searched too, for "also searched for …". */
  expansions: string[];
}

const SEPARATOR = /[^\p{L}\p{N}]+/u;

export function parseQuery(raw: string): ParsedQuery {
  const q = raw.slice(0, MAX_QUERY_CHARS).toLowerCase();
  const seen = new Set<string>();
  const segments: QuerySegment[] = [];
  const expansions: string[] = [];
  for (const text of q.split(SEPARATOR)) {
    if (text === '' || seen.has(text)) continue;
    seen.add(text);
    const variants: QueryVariant[] = [];
    const own = tokenizeQuery(text);
    if (own.length) variants.push({ phrase: text, tokens: own, expanded: false });
    for (const full of expansionsOf(text)) {
      const tokens = tokenizeQuery(full);
      if (tokens.length === 0) continue;
      variants.push({ phrase: full, tokens, expanded: true });
      if (!expansions.includes(full)) expansions.push(full);
    }
    if (variants.length) segments.push({ text, variants });
    if (segments.length >= MAX_SEGMENTS) break;
  }
  return { segments, expansions };
}

/** FTS5 MATCH text: every segment, each as any of its variants, each variant all of its words. */
export function ftsMatch(query: ParsedQuery): string {
  const quote = (t: string) => `"${t.replaceAll('"', '""')}"`;
  return query.segments.map((s) => `(${s.variants.map((v) => `(${v.tokens.map(quote).join(' ')})`).join(' OR ')})`).join(' AND ');
}

/** PostgreSQL to_tsquery text of the same expression. */
export function tsQuery(query: ParsedQuery): string {
  // Tokens hold letters and digits only (see tokenize.ts); quoting keeps to_tsquery literal anyway.
  const quote = (t: string) => `'${t.replaceAll("'", "''").replaceAll('\\', '')}'`;
  return query.segments.map((s) => `(${s.variants.map((v) => `(${v.tokens.map(quote).join(' & ')})`).join(' | ')})`).join(' & ');
}

/** Whether a segment is present in a template (the same rule the SQL applies), for tests and tools. */
export function segmentPresent(segment: QuerySegment, title: string, text: string): boolean {
  const t = title.toLowerCase();
  const all = `${t}\n${text.toLowerCase()}`;
  return segment.variants.some((v) => all.includes(v.phrase) || v.tokens.every((w) => t.includes(w)));
}
