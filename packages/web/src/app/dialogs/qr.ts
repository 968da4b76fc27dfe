// A QR code as an SVG path (one square per dark module), drawn from uqr's module matrix; the app's
// CSP allows `data:` images, so it is shown as an <img>.

import { encode } from 'uqr';

/** The QR code of `text` as an SVG document string (black on white, 4-module quiet zone). */
export function qrSvg(text: string): string {
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  let d = '';
  for (let y = 0; y < size; y++) {
    const row = data[y] as boolean[];
    for (let x = 0; x < size; x++) if (row[x]) d += `M${x} ${y}h1v1h-1z`;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}

/** The QR code as a data URL for an <img>. */
export function qrDataUrl(text: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrSvg(text))}`;
}
