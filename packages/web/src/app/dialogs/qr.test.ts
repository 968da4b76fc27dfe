import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encode } from 'uqr';
import { qrDataUrl, qrSvg } from './qr.ts';

test('a share URL becomes a square QR code with finder patterns in three corners', () => {
  const url = 'https://arbor.example/s/AbCdEfGhIjKlMnOpQrStUvWxYz012345';
  const { data, size } = encode(url, { ecc: 'M', border: 4 });
  // Version 3 or 4 for ~60 bytes at level M: 29 or 33 modules plus the quiet zone.
  assert.ok(size >= 29 + 8 && size <= 41 + 8, `size ${size}`);
  // Finder pattern: a dark 7×7 ring at (4,4), (size-11,4) and (4,size-11).
  for (const [ox, oy] of [
    [4, 4],
    [size - 11, 4],
    [4, size - 11],
  ] as const) {
    assert.equal(data[oy]?.[ox], true);
    assert.equal(data[oy + 1]?.[ox + 1], false);
    assert.equal(data[oy + 3]?.[ox + 3], true);
  }
  const svg = qrSvg(url);
  assert.match(svg, new RegExp(`viewBox="0 0 ${size} ${size}"`));
  const dark = data.flat().filter(Boolean).length;
  assert.equal(svg.split('h1v1h-1z').length - 1, dark);
  assert.ok(qrDataUrl(url).startsWith('data:image/svg+xml;charset=utf-8,%3Csvg'));
});
