// RGBA pixels → PNG bytes with node:zlib. resvg's own `asPng()` (png crate + pure-Rust deflate)
// took ~530 ms on the main thread for a 2,150×16,384 map; this takes ~100–180 ms, on libuv's
// thread pool, and writes a smaller file.
//
// - Filter None, zlib level 2: Sub/Up cost more JS time than they save, since a map is mostly flat
//   background that deflate finds as long matches anyway.
// - Scanlines are built in small reused buffers and streamed into zlib, never as one image-sized
//   copy (touching 140 MB of fresh memory alone cost ~80 ms of page faults).
// - Large images are split into row bands compressed in parallel (as pigz does): each band ends
//   with a sync flush so the raw deflate data of the bands concatenates, and the bands' Adler-32
//   checksums are combined into the one the zlib stream needs.

import { constants, createDeflate } from 'node:zlib';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Largest IDAT chunk we write (the format allows 2³¹−1 bytes). */
const MAX_CHUNK = 1 << 30;
/** Scanline bytes per band compressed on its own; smaller images are one band. */
const BAND_BYTES = 24 << 20;
const MAX_BANDS = 4;
/** Scanline bytes handed to zlib per write. */
const WRITE_BYTES = 1 << 20;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

let crcTable: Int32Array | undefined;
function table(): Int32Array {
  if (crcTable) return crcTable;
  crcTable = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crcTable[n] = c;
  }
  return crcTable;
}

/** CRC-32 (ISO 3309, as PNG chunks use it) of `bytes`, continuing from `crc`. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  const t = table();
  let c = ~crc;
  for (let i = 0; i < bytes.length; i++) c = (t[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

const ADLER_BASE = 65521;

/** Adler-32 of A followed by B, from adler(A), adler(B) and B's length (zlib's adler32_combine). */
export function adler32Combine(a: number, b: number, lengthB: number): number {
  const rem = lengthB % ADLER_BASE;
  let sum1 = a & 0xffff;
  let sum2 = (rem * sum1) % ADLER_BASE;
  sum1 += (b & 0xffff) + ADLER_BASE - 1;
  sum2 += (a >>> 16) + (b >>> 16) + ADLER_BASE - rem;
  if (sum1 >= ADLER_BASE) sum1 -= ADLER_BASE;
  if (sum1 >= ADLER_BASE) sum1 -= ADLER_BASE;
  if (sum2 >= ADLER_BASE * 2) sum2 -= ADLER_BASE * 2;
  if (sum2 >= ADLER_BASE) sum2 -= ADLER_BASE;
  return ((sum2 << 16) | sum1) >>> 0;
}

// Demultiplying lookup: DEMUL[a * 256 + c] = round(c / (a / 255)), as tiny-skia's encoder does it.
let demulTable: Uint8Array | undefined;
function demul(): Uint8Array {
  if (demulTable) return demulTable;
  demulTable = new Uint8Array(256 * 256);
  for (let a = 1; a < 256; a++) {
    for (let c = 0; c < 256; c++) demulTable[a * 256 + c] = Math.min(255, Math.floor(c / (a / 255) + 0.5));
  }
  return demulTable;
}

export interface EncodePngOptions {
  /** The pixels have premultiplied alpha (resvg's `pixels` do); PNG stores straight alpha. */
  premultiplied?: boolean;
  /** zlib level 0–9 (default 2: fast, and within a few percent of level 3's size). */
  level?: number;
  /** Scanline bytes per band compressed in parallel (default 24 MB; at most 4 bands). */
  bandBytes?: number;
}

/** Encodes `width`×`height` RGBA pixels (8 bits per channel, rows top to bottom) as a PNG. */
export async function encodePng(rgba: Uint8Array, width: number, height: number, options: EncodePngOptions = {}): Promise<Uint8Array> {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > 0x7fffffff || height > 0x7fffffff)
    throw new RangeError(`PNG size ${width}×${height} is invalid`);
  const stride = width * 4;
  if (rgba.length !== stride * height) throw new RangeError(`expected ${stride * height} bytes of RGBA, got ${rgba.length}`);
  const level = options.level ?? 2;
  const rowBytes = stride + 1;
  const bandCount = Math.min(MAX_BANDS, height, Math.max(1, Math.round((rowBytes * height) / (options.bandBytes ?? BAND_BYTES))));
  const scan = new Scanlines(rgba, width, options.premultiplied === true);
  const bands: Promise<Band>[] = [];
  for (let i = 0; i < bandCount; i++) {
    const y0 = Math.round((height * i) / bandCount);
    const y1 = Math.round((height * (i + 1)) / bandCount);
    bands.push(deflateBand(scan, y0, y1, level, bandCount > 1));
  }
  const done = await Promise.all(bands);
  return assemble(width, height, joinBands(done));
}

/** Writes rows of the image as PNG scanlines (filter byte 0, then the row, straight alpha). */
class Scanlines {
  private readonly words: Uint32Array | undefined;
  constructor(
    private readonly rgba: Uint8Array,
    readonly width: number,
    private readonly premultiplied: boolean,
  ) {
    // On little-endian machines one word compare tells an opaque pixel (alpha is the top byte).
    this.words = rgba.byteOffset % 4 === 0 && LITTLE_ENDIAN ? new Uint32Array(rgba.buffer, rgba.byteOffset, rgba.length >>> 2) : undefined;
  }

  /** Fills `out` with scanlines for rows y0 … y0 + count − 1. */
  write(out: Uint8Array, y0: number, count: number): void {
    const stride = this.width * 4;
    for (let r = 0; r < count; r++) {
      const src = (y0 + r) * stride;
      const dst = r * (stride + 1);
      out[dst] = 0;
      out.set(this.rgba.subarray(src, src + stride), dst + 1);
      if (this.premultiplied) this.demultiply(out, src, dst + 1);
    }
  }

  /** Rewrites the non-opaque pixels of one row (already copied to `out`) with straight alpha. */
  private demultiply(out: Uint8Array, src: number, dst: number): void {
    const { rgba, words } = this;
    const d = demul();
    const w0 = src >>> 2;
    for (let x = 0; x < this.width; x++) {
      if (words ? (words[w0 + x] as number) >= 0xff000000 : rgba[src + x * 4 + 3] === 255) continue;
      const s = src + x * 4;
      const o = dst + x * 4;
      const base = (rgba[s + 3] as number) << 8;
      out[o] = d[base + (rgba[s] as number)] as number;
      out[o + 1] = d[base + (rgba[s + 1] as number)] as number;
      out[o + 2] = d[base + (rgba[s + 2] as number)] as number;
    }
  }
}

interface Band {
  /** The complete zlib stream of the band, or (when `open`) its raw deflate data ending in a sync flush. */
  data: Uint8Array;
  adler: number;
  /** Uncompressed length. */
  length: number;
}

/**
 * Compresses rows [y0, y1) on the thread pool, two reused buffers taking turns so JS fills one
 * while zlib reads the other. With `open`, the band's deflate data is cut after a sync flush so
 * more bands can follow it.
 */
async function deflateBand(scan: Scanlines, y0: number, y1: number, level: number, open: boolean): Promise<Band> {
  const rowBytes = scan.width * 4 + 1;
  const rowsPerWrite = Math.max(1, Math.floor(WRITE_BYTES / rowBytes));
  // Output in big pieces: each piece is one round trip between the pool and the main thread.
  const z = createDeflate({ level, chunkSize: 256 << 10 });
  const out: Buffer[] = [];
  let outBytes = 0;
  z.on('data', (b: Buffer) => {
    out.push(b);
    outBytes += b.length;
  });
  const failed = new Promise<never>((_, reject) => z.once('error', reject));
  const write = (data: Uint8Array): Promise<void> => new Promise((resolve) => z.write(data, () => resolve()));
  const buffers = [new Uint8Array(rowsPerWrite * rowBytes), new Uint8Array(rowsPerWrite * rowBytes)];
  const pending: Promise<void>[] = [Promise.resolve(), Promise.resolve()];
  for (let y = y0, turn = 0; y < y1; y += rowsPerWrite, turn ^= 1) {
    const rows = Math.min(rowsPerWrite, y1 - y);
    await Promise.race([pending[turn], failed]);
    const buf = buffers[turn] as Uint8Array;
    scan.write(buf, y, rows);
    pending[turn] = write(buf.subarray(0, rows * rowBytes));
  }
  let bodyBytes = 0;
  if (open) {
    // Everything zlib emits up to the flush is the band's data; what follows is a final empty block.
    await Promise.race([new Promise<void>((resolve) => z.flush(constants.Z_SYNC_FLUSH, () => resolve())), failed]);
    bodyBytes = outBytes;
  }
  // 'end' comes after the last 'data' event.
  await Promise.race([new Promise<void>((resolve) => z.once('end', resolve).end()), failed]);
  const all = Buffer.concat(out, outBytes);
  const adler = all.readUInt32BE(all.length - 4);
  const length = (y1 - y0) * rowBytes;
  if (!open) return { data: all, adler, length };
  const body = all.subarray(2, bodyBytes); // without the 2-byte zlib header
  if (bodyBytes < 6 || body.readUInt32BE(body.length - 4) !== 0x0000ffff) throw new Error('zlib did not end the band with a sync flush');
  return { data: body, adler, length };
}

/** One zlib stream from bands: header, the bands' deflate data, a final empty block, Adler-32. */
function joinBands(bands: Band[]): Uint8Array {
  if (bands.length === 1) return (bands[0] as Band).data;
  let adler = (bands[0] as Band).adler;
  let size = 2 + 2 + 4;
  for (let i = 0; i < bands.length; i++) {
    const b = bands[i] as Band;
    if (i > 0) adler = adler32Combine(adler, b.adler, b.length);
    size += b.data.length;
  }
  const out = new Uint8Array(size);
  out[0] = 0x78; // deflate, 32 KB window
  out[1] = 0x01; // no dictionary; 0x7801 is a multiple of 31 as the header check requires
  let pos = 2;
  for (const b of bands) {
    out.set(b.data, pos);
    pos += b.data.length;
  }
  out[pos++] = 0x03; // final block, fixed Huffman codes, just the end-of-block code
  out[pos++] = 0x00;
  new DataView(out.buffer).setUint32(pos, adler);
  return out;
}

function assemble(width: number, height: number, zlib: Uint8Array): Uint8Array {
  const idats = Math.max(1, Math.ceil(zlib.length / MAX_CHUNK));
  const out = new Uint8Array(8 + (12 + 13) + idats * 12 + zlib.length + 12);
  const view = new DataView(out.buffer);
  out.set(SIGNATURE, 0);
  let pos = 8;
  const chunk = (type: string, data: Uint8Array): void => {
    view.setUint32(pos, data.length);
    for (let i = 0; i < 4; i++) out[pos + 4 + i] = type.charCodeAt(i);
    out.set(data, pos + 8);
    view.setUint32(pos + 8 + data.length, crc32(out.subarray(pos + 4, pos + 8 + data.length)));
    pos += 12 + data.length;
  };
  const ihdr = new Uint8Array(13);
  const h = new DataView(ihdr.buffer);
  h.setUint32(0, width);
  h.setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, adaptive filtering, no interlace
  chunk('IHDR', ihdr);
  for (let i = 0; i < idats; i++) chunk('IDAT', zlib.subarray(i * MAX_CHUNK, Math.min(zlib.length, (i + 1) * MAX_CHUNK)));
  chunk('IEND', new Uint8Array(0));
  return out;
}
