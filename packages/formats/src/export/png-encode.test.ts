import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflateSync, inflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import { adler32Combine, crc32, encodePng } from './png-encode.ts';

/** A deterministic byte stream (xorshift32), so failures reproduce. */
function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = s & 0xff;
  }
  return out;
}

interface Decoded {
  width: number;
  height: number;
  rgba: Uint8Array;
  chunks: string[];
}

/** A small PNG reader for 8-bit RGBA: checks every chunk's CRC, inflates (zlib checks Adler-32), unfilters. */
function readPng(png: Uint8Array): Decoded {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: string[] = [];
  const idat: Uint8Array[] = [];
  let width = 0;
  let height = 0;
  for (let pos = 8; pos < png.length; ) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...png.subarray(pos + 4, pos + 8));
    const data = png.subarray(pos + 8, pos + 8 + length);
    assert.equal(view.getUint32(pos + 8 + length), crc32(png.subarray(pos + 4, pos + 8 + length)), `CRC of ${type}`);
    chunks.push(type);
    if (type === 'IHDR') {
      width = view.getUint32(pos + 8);
      height = view.getUint32(pos + 12);
      assert.deepEqual([...data.subarray(8)], [8, 6, 0, 0, 0], '8-bit RGBA, not interlaced');
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + length;
  }
  assert.equal(chunks[0], 'IHDR');
  assert.equal(chunks[chunks.length - 1], 'IEND');
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  assert.equal(raw.length, (stride + 1) * height, 'one filter byte and one row per scanline');
  const rgba = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] as number;
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i] as number;
      const a = i >= 4 ? (rgba[y * stride + i - 4] as number) : 0;
      const b = y > 0 ? (rgba[(y - 1) * stride + i] as number) : 0;
      const c = i >= 4 && y > 0 ? (rgba[(y - 1) * stride + i - 4] as number) : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else assert.equal(filter, 0, `filter type ${filter}`);
      rgba[y * stride + i] = (x + predictor) & 0xff;
    }
  }
  return { width, height, rgba, chunks };
}

test('crc32 gives the standard check value and continues across pieces', () => {
  const digits = new TextEncoder().encode('123456789');
  assert.equal(crc32(digits), 0xcbf43926);
  assert.equal(crc32(digits.subarray(4), crc32(digits.subarray(0, 4))), 0xcbf43926);
  assert.equal(crc32(new Uint8Array(0)), 0);
});

test('adler32Combine agrees with the checksums zlib writes', () => {
  const adler = (b: Uint8Array) => {
    const z = deflateSync(b, { level: 0 });
    return z.readUInt32BE(z.length - 4);
  };
  const data = bytes(200_000, 7);
  for (const cut of [0, 1, 5552, 65521, 65522, 131_042, 199_999, 200_000]) {
    const a = data.subarray(0, cut);
    const b = data.subarray(cut);
    assert.equal(adler32Combine(adler(a), adler(b), b.length), adler(data), `cut at ${cut}`);
  }
});

test('encodePng round-trips straight RGBA, odd sizes included', async () => {
  for (const [w, h] of [
    [1, 1],
    [37, 23],
    [3, 200],
  ] as const) {
    const rgba = bytes(w * h * 4, w * 31 + h);
    const png = await encodePng(rgba, w, h);
    const back = readPng(png);
    assert.deepEqual([back.width, back.height], [w, h]);
    assert.deepEqual(back.chunks, ['IHDR', 'IDAT', 'IEND']);
    assert.ok(Buffer.from(back.rgba).equals(rgba), `${w}×${h} pixels survive`);
  }
});

test('encodePng in parallel bands writes one valid zlib stream with the same pixels', async () => {
  // 1,000×1,000 (4 MB of scanlines) in bands of 2 MB: two bands, each fed in two writes (1 MB each)
  // through both of its buffers.
  const w = 1000;
  const h = 1000;
  const rgba = new Uint8Array(w * h * 4);
  const noise = bytes(rgba.length / 8, 3);
  for (let i = 0; i < rgba.length; i++) rgba[i] = i % 4 === 3 ? 255 : ((i >> 12) & 0xf0) | ((noise[i >> 3] as number) & 0x0f);
  const one = await encodePng(rgba, w, h);
  const banded = await encodePng(rgba, w, h, { bandBytes: 2 << 20 });
  assert.ok(!Buffer.from(one).equals(Buffer.from(banded)), 'the banded stream differs from the single one');
  for (const png of [one, banded]) assert.ok(Buffer.from(readPng(png).rgba).equals(rgba));
  // An independent decoder agrees: resvg draws the PNG back (opaque, so no premultiplying).
  const href = `data:image/png;base64,${Buffer.from(banded).toString('base64')}`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><image href="${href}" width="${w}" height="${h}"/></svg>`;
  assert.ok(new Resvg(svg).render().pixels.equals(rgba), 'resvg decodes the same pixels');
  // Tiny images never split into more bands than rows.
  assert.deepEqual(readPng(await encodePng(rgba.subarray(0, 8), 1, 2, { bandBytes: 1 })).rgba, rgba.subarray(0, 8));
});

test('premultiplied pixels are demultiplied exactly as resvg’s own encoder does', async () => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80">
    <defs><linearGradient id="g"><stop offset="0" stop-color="#ff8000" stop-opacity="0"/><stop offset="1" stop-color="#2050ff" stop-opacity="1"/></linearGradient></defs>
    <rect x="0" y="0" width="120" height="40" fill="url(#g)"/>
    <circle cx="60" cy="50" r="28" fill="#13a37a" fill-opacity="0.37"/>
    <path d="M5 75 C40 20 80 90 115 45" stroke="#c0306a" stroke-width="3.3" stroke-opacity="0.6" fill="none"/>
  </svg>`;
  const img = new Resvg(svg).render();
  const ours = readPng(await encodePng(img.pixels, img.width, img.height, { premultiplied: true }));
  const theirs = readPng(img.asPng());
  let translucent = 0;
  for (let i = 3; i < theirs.rgba.length; i += 4) if ((theirs.rgba[i] as number) > 0 && (theirs.rgba[i] as number) < 255) translucent++;
  assert.ok(translucent > 1000, `the test image has translucent pixels (${translucent})`);
  assert.ok(Buffer.from(ours.rgba).equals(Buffer.from(theirs.rgba)), 'same straight RGBA as resvg’s asPng()');
});

test('encodePng refuses sizes that do not match the pixels', async () => {
  await assert.rejects(encodePng(new Uint8Array(12), 2, 2), RangeError);
  await assert.rejects(encodePng(new Uint8Array(0), 0, 0), RangeError);
  await assert.rejects(encodePng(new Uint8Array(8), 1.5, 2), RangeError);
});
