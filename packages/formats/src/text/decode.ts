// Decoding text inputs (Markdown, plain text, JSON): BOM-aware, strict UTF-8 by default, with a
// clear ImportError for bytes that are not text.

import { ImportError } from '../errors.ts';
import { LIMITS } from '../limits.ts';

/** Refuses inputs over the size limit before any work is done on them. */
export function checkInputSize(bytes: Uint8Array, format: string): void {
  if (bytes.length > LIMITS.maxInputBytes)
    throw new ImportError('too-large', `the file is larger than ${LIMITS.maxInputBytes >> 20} MB`, format);
}

/** Decodes UTF-8 (or UTF-16 with a BOM) text; invalid bytes raise an `encoding` ImportError. */
export function decodeText(bytes: Uint8Array, format: string): string {
  checkInputSize(bytes, format);
  let label = 'utf-8';
  let body = bytes;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) body = bytes.subarray(3);
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [label, body] = ['utf-16le', bytes.subarray(2)];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [label, body] = ['utf-16be', bytes.subarray(2)];
  let text: string;
  try {
    text = new TextDecoder(label, { fatal: true }).decode(body);
  } catch {
    const at = firstInvalidUtf8(body);
    const where = label === 'utf-8' && at >= 0 ? ` (first bad byte at offset ${at})` : '';
    throw new ImportError('encoding', `the file is not valid ${label.toUpperCase()} text${where}`, format);
  }
  if (text.includes('\0')) throw new ImportError('encoding', 'the file contains NUL characters: it is binary data, not text', format);
  return text;
}

/** Offset of the first byte that breaks UTF-8, or -1. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || ((b[i + k] as number) & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

/** Most lines a text document may have; beyond it the file is refused rather than split. */
export const MAX_LINES = 4_000_000;

/** Splits text into lines (any line break), refusing absurd line counts before allocating them. */
export function splitLines(text: string, format: string): string[] {
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1))
    if (++count > MAX_LINES) throw new ImportError('too-large', `the file has more than ${MAX_LINES.toLocaleString('en')} lines`, format);
  return text.split(/\r\n|\r|\n/);
}

const encoder = new TextEncoder();
export const encodeText = (s: string): Uint8Array => encoder.encode(s);

/** File name without directory and extension, for titles of maps that have none. */
export function baseName(fileName: string | undefined): string {
  if (!fileName) return '';
  const name = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}
