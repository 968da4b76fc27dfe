// Safe ZIP reading with limits on entry count, per-entry and total uncompressed size, and names.
// The central directory is read here, and each entry is inflated in small steps with a running
// count: a zip bomb that lies about its sizes is stopped after at most a few MB of extra work,
// instead of being expanded in full (fflate's one-shot inflate trusts the declared size).

import { Inflate, inflateSync, strToU8, zipSync } from 'fflate';
import { ImportError } from './errors.ts';
import { LIMITS } from './limits.ts';

export interface ZipLimits {
  maxEntries?: number;
  maxEntryBytes?: number;
  maxTotalBytes?: number;
}

export const isZip = (b: Uint8Array): boolean =>
  b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6);

interface CentralEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

class ZipFormatError extends Error {}

/** Lists the central directory; throws ZipFormatError when it is damaged. */
function readCentralDirectory(bytes: Uint8Array, maxEntries: number): CentralEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--)
    if (u32(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new ZipFormatError('no end of central directory record');
  let count = u16(eocd + 10);
  let offset = u32(eocd + 16);
  if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && u32(eocd - 20) === 0x07064b50) {
    const z64 = Number(view.getBigUint64(eocd - 12, true));
    if (z64 + 56 > bytes.length || u32(z64) !== 0x06064b50) throw new ZipFormatError('bad ZIP64 directory');
    count = Number(view.getBigUint64(z64 + 32, true));
    offset = Number(view.getBigUint64(z64 + 48, true));
  }
  if (count > maxEntries) throw new ImportError('too-large', `the archive has more than ${maxEntries} entries`);
  const out: CentralEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || u32(p) !== 0x02014b50) throw new ZipFormatError('damaged central directory');
    const flags = u16(p + 8);
    const nameLen = u16(p + 28);
    const extraLen = u16(p + 30);
    const commentLen = u16(p + 32);
    let compressedSize = u32(p + 20);
    let size = u32(p + 24);
    let localOffset = u32(p + 42);
    if (p + 46 + nameLen + extraLen > bytes.length) throw new ZipFormatError('damaged central directory');
    const rawName = bytes.subarray(p + 46, p + 46 + nameLen);
    // ZIP64 sizes live in extra field 0x0001, in this order, only for the fields set to 0xffffffff.
    for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen; ) {
      const id = u16(e);
      const len = u16(e + 2);
      if (id === 1) {
        let q = e + 4;
        const next = () => {
          const v = q + 8 <= e + 4 + len ? Number(view.getBigUint64(q, true)) : 0;
          q += 8;
          return v;
        };
        if (size === 0xffffffff) size = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localOffset === 0xffffffff) localOffset = next();
      }
      e += 4 + len;
    }
    out.push({ name: decodeName(rawName, flags), method: u16(p + 10), flags, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

function decodeName(raw: Uint8Array, flags: number): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    // Not UTF-8 and not flagged as such: the legacy code page, read byte for byte.
    return flags & 0x800 ? new TextDecoder().decode(raw) : new TextDecoder('latin1').decode(raw);
  }
}

/** Names of the entries of a ZIP archive, read from its central directory; undefined when it is not one. */
export function zipEntryNames(bytes: Uint8Array): string[] | undefined {
  if (!isZip(bytes)) return undefined;
  try {
    return readCentralDirectory(bytes, LIMITS.maxZipEntries).map((e) => e.name);
  } catch {
    return undefined;
  }
}

/** Deflate's best case: one compressed byte yields at most about 1032 bytes. */
const MAX_DEFLATE_RATIO = 1032;
/** Compressed bytes fed to the inflater per step: at most ~17 MB of output per step, and big enough that
 * honest data inflates as fast as in one pass. */
const INFLATE_STEP = 16 * 1024;

/** Inflates `data`, stopping as soon as the output passes `limit` bytes (returns undefined then). */
function inflateBounded(data: Uint8Array, limit: number): Uint8Array | undefined {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > limit) over = true;
    else chunks.push(chunk);
  });
  for (let i = 0; i < data.length && !over; i += INFLATE_STEP) {
    const end = Math.min(data.length, i + INFLATE_STEP);
    inflater.push(data.subarray(i, end), end === data.length);
  }
  if (over) return undefined;
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** An opened archive: the directory is checked up front, entries are inflated when first read. */
export interface ZipArchive {
  readonly names: readonly string[];
  has(name: string): boolean;
  /** The entry's bytes (inflated within its declared size), or undefined when there is no such file. */
  get(name: string): Uint8Array | undefined;
}

/**
 * Opens `bytes` as a ZIP archive. Entry count, names and declared sizes are checked from the
 * central directory before anything is inflated; inflation stops at the declared size, so a
 * zip bomb is refused without being expanded. Entries are inflated only when read.
 */
export function openZip(bytes: Uint8Array, format: string, limits: ZipLimits = {}): ZipArchive {
  const maxEntries = limits.maxEntries ?? LIMITS.maxZipEntries;
  const maxEntry = limits.maxEntryBytes ?? LIMITS.maxZipEntryBytes;
  const maxTotal = limits.maxTotalBytes ?? LIMITS.maxZipTotalBytes;
  if (!isZip(bytes)) throw new ImportError('malformed', 'the file is not a ZIP archive', format);
  const damaged = (why: string) => new ImportError('malformed', `the ZIP archive is damaged (${why})`, format);
  let entries: CentralEntry[];
  try {
    entries = readCentralDirectory(bytes, maxEntries);
  } catch (err) {
    if (err instanceof ImportError) throw new ImportError(err.code, err.message, format);
    throw damaged(err instanceof Error ? err.message : String(err));
  }
  let declared = 0;
  const byName = new Map<string, CentralEntry>();
  for (const e of entries) {
    if (!isSafeEntryName(e.name)) throw new ImportError('unsafe', `archive entry "${e.name}" has an unsafe path`, format);
    if (e.size > maxEntry)
      throw new ImportError('too-large', `archive entry "${e.name}" expands to more than ${maxEntry >> 20} MB`, format);
    if ((declared += e.size) > maxTotal)
      throw new ImportError('too-large', `the archive expands to more than ${maxTotal >> 20} MB`, format);
    if (!e.name.endsWith('/')) byName.set(e.name, e);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const cache = new Map<string, Uint8Array>();
  const inflate = (e: CentralEntry): Uint8Array => {
    if (e.flags & 1) throw new ImportError('unsupported', `archive entry "${e.name}" is encrypted`, format);
    const h = e.localOffset;
    if (h + 30 > bytes.length || view.getUint32(h, true) !== 0x04034b50) throw damaged(`bad local header for "${e.name}"`);
    const start = h + 30 + view.getUint16(h + 26, true) + view.getUint16(h + 28, true);
    const end = start + e.compressedSize;
    if (end > bytes.length) throw damaged(`entry "${e.name}" runs past the end of the file`);
    const raw = bytes.subarray(start, end);
    let data: Uint8Array | undefined;
    if (e.method === 0) data = raw;
    else if (e.method === 8) {
      // Deflate never grows data by more than a few bytes per 16 KB block: more compressed bytes
      // than that means the declared size is a lie.
      if (raw.length > e.size + (e.size >> 10) + 1024)
        throw new ImportError('unsafe', `archive entry "${e.name}" declares a size smaller than its compressed data (a zip bomb)`, format);
      try {
        // Low-ratio data (images) cannot expand far past its declared size even if it lies: one
        // fast pass into a buffer of that size. High-ratio data is inflated in bounded steps.
        data =
          raw.length * MAX_DEFLATE_RATIO <= 4 * e.size + (1 << 20)
            ? inflateSync(raw, { out: new Uint8Array(e.size) })
            : inflateBounded(raw, e.size);
      } catch (err) {
        throw damaged(`entry "${e.name}": ${err instanceof Error ? err.message : String(err)}`);
      }
      if (!data) throw new ImportError('unsafe', `archive entry "${e.name}" expands beyond its declared size (a zip bomb)`, format);
    } else throw new ImportError('unsupported', `archive entry "${e.name}" uses an unsupported compression method (${e.method})`, format);
    if (data.length !== e.size) throw damaged(`entry "${e.name}" is ${data.length} bytes, not the ${e.size} declared`);
    return data;
  };
  return {
    names: [...byName.keys()],
    has: (name) => byName.has(name),
    get(name) {
      const e = byName.get(name);
      if (!e) return undefined;
      let data = cache.get(name);
      if (!data) cache.set(name, (data = inflate(e)));
      return data;
    },
  };
}

/** Unzips every file of `bytes` into a name → bytes map, with the checks of `openZip`. */
export function readZip(bytes: Uint8Array, format: string, limits: ZipLimits = {}): Map<string, Uint8Array> {
  const archive = openZip(bytes, format, limits);
  const out = new Map<string, Uint8Array>();
  for (const name of archive.names) out.set(name, archive.get(name) as Uint8Array);
  return out;
}

/** Refuses absolute paths, drive letters and `..` segments (zip-slip). */
export function isSafeEntryName(name: string): boolean {
  if (name.startsWith('/') || name.startsWith('\\') || /^[a-zA-Z]:/.test(name) || name.includes('\0')) return false;
  return !name.split(/[\\/]/).some((seg) => seg === '..');
}

/** `level` trades size for time: 1 deflates a large map several times faster than 6, ~20% larger. */
export function writeZip(entries: Record<string, Uint8Array | string>, level: 1 | 6 | 9 = 6): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(entries)) files[name] = typeof data === 'string' ? strToU8(data) : data;
  return zipSync(files, { level });
}
