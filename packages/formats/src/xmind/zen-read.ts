// XMind Zen `content.json` text → sheets, refusing hostile nesting before JSON.parse sees it.

import { ImportError } from '../errors.ts';
import { LIMITS } from '../limits.ts';
import type { XSheet } from './zen-types.ts';

/** Deepest bracket nesting of a JSON text, scanning once and skipping strings. Stops early past `max`. */
export function jsonDepth(text: string, max: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > deepest && (deepest = depth) > max) return deepest;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

export function readZenContent(bytes: Uint8Array, format: string): XSheet[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportError('encoding', 'content.json is not valid UTF-8 text', format);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Each topic level costs three JSON levels (topic → children → attached[]).
  const maxDepth = LIMITS.maxDepth * 3;
  if (jsonDepth(text, maxDepth) > maxDepth)
    throw new ImportError('too-deep', `content.json is nested more than ${maxDepth} levels deep`, format);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ImportError('malformed', `content.json is not valid JSON (${err instanceof Error ? err.message : String(err)})`, format);
  }
  // Some writers store a single sheet object instead of an array of sheets.
  const sheets = Array.isArray(data) ? data : data && typeof data === 'object' ? [data] : [];
  const valid = sheets.filter((s): s is XSheet => s !== null && typeof s === 'object' && !Array.isArray(s));
  if (!valid.length) throw new ImportError('malformed', 'content.json holds no sheet', format);
  return valid;
}
