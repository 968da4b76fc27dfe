// Response compression for the pages and the font stylesheet: brotli (or gzip) when the client
// accepts it. Pages are compressed per response at brotli's fastest setting (about 1–3 ms per
// 100 KB, four times smaller): the header and counters differ per reader, so bodies cannot be
// stored compressed ahead. Large bodies are remembered by content hash (hashing costs a tenth of
// compressing), so repeated views of a big page with unchanged counters compress once.

import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Bodies smaller than this are sent as they are. */
export const COMPRESS_MIN_BYTES = 4096;

/** br, gzip or none, from Accept-Encoding (q=0 refuses). */
export function pickEncoding(header: string | undefined): 'br' | 'gzip' | null {
  if (!header) return null;
  const accepted = new Set<string>();
  for (const part of header.slice(0, 500).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p))) continue;
    if (name) accepted.add(name.trim());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return null;
}

/** The body in the chosen encoding (fast settings, for bodies made per response). */
export function compressFast(body: Buffer, encoding: 'br' | 'gzip'): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      })
    : gzipSync(body, { level: 1 });
}

/** Bodies at least this large are remembered compressed by content hash. */
const REMEMBER_MIN_BYTES = 64 * 1024;
const REMEMBERED = 64;
const remembered = new Map<string, Buffer>();

/** compressFast, remembering the result for large bodies (LRU by content hash). */
export function compressPage(body: Buffer, encoding: 'br' | 'gzip'): Buffer {
  if (body.length < REMEMBER_MIN_BYTES) return compressFast(body, encoding);
  const key = `${encoding}:${createHash('sha1').update(body).digest('base64')}`;
  const hit = remembered.get(key);
  if (hit) {
    remembered.delete(key);
    remembered.set(key, hit);
    return hit;
  }
  const out = compressFast(body, encoding);
  remembered.set(key, out);
  if (remembered.size > REMEMBERED) remembered.delete(remembered.keys().next().value!);
  return out;
}
