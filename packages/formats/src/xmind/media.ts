// Images inside archives: MIME types, data: URLs (isomorphic base64, no Buffer), intrinsic sizes.

const MIME_BY_EXT: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  bmp: 'image/bmp',
  ico: 'image/x-icon',
};

const EXT_BY_MIME: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
  'image/bmp': 'bmp',
  'image/x-icon': 'ico',
  'image/vnd.microsoft.icon': 'ico',
};

const startsWith = (b: Uint8Array, sig: number[], at = 0): boolean => sig.every((v, i) => b[at + i] === v);

/** MIME type from the bytes' signature, else from the file name's extension; undefined when neither is an image. */
export function imageMime(bytes: Uint8Array, name = ''): string | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (startsWith(bytes, [0x42, 0x4d])) return 'image/bmp';
  if (startsWith(bytes, [0, 0, 1, 0])) return 'image/x-icon';
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return ext ? MIME_BY_EXT[ext] : undefined;
}

export const extensionForMime = (mime: string): string => EXT_BY_MIME[mime.toLowerCase()] ?? 'bin';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    chunk += B64[a >> 2];
    chunk += B64[((a & 3) << 4) | ((b ?? 0) >> 4)];
    chunk += b === undefined ? '=' : B64[((b & 15) << 2) | ((c ?? 0) >> 6)];
    chunk += c === undefined ? '=' : B64[c & 63];
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

/** Decodes base64 (whitespace ignored); undefined when the text is not base64. */
export function base64ToBytes(text: string): Uint8Array | undefined {
  const clean = text.replace(/[\s=]+/g, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let n = 0;
  for (let i = 0; i < clean.length; i++) {
    const code = clean.charCodeAt(i);
    const v = code < 128 ? (B64_INDEX[code] as number) : -1;
    if (v < 0) return undefined;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

export const toDataUrl = (bytes: Uint8Array, mime: string): string => `data:${mime};base64,${bytesToBase64(bytes)}`;

/** Splits a `data:` URL into its MIME type and bytes; undefined for anything else. */
export function fromDataUrl(url: string): { mime: string; bytes: Uint8Array } | undefined {
  const m = /^data:([^;,]*)((?:;[^;,]*)*),/.exec(url);
  if (!m) return undefined;
  const body = url.slice(m[0].length);
  const mime = m[1] || 'application/octet-stream';
  if (/;base64/i.test(m[2] ?? '')) {
    const bytes = base64ToBytes(body);
    return bytes ? { mime, bytes } : undefined;
  }
  try {
    return { mime, bytes: new TextEncoder().encode(decodeURIComponent(body)) };
  } catch {
    return undefined;
  }
}

/** Width and height of an SVG from its root element's width/height (px or unitless) or viewBox. */
function svgSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const head = new TextDecoder().decode(bytes.subarray(0, 4096));
  const root = /<svg\b[^>]*>/i.exec(head)?.[0];
  if (!root) return undefined;
  const length = (name: string) => {
    const m = new RegExp(`\\s${name}\\s*=\\s*["']\\s*([0-9.]+)\\s*(px)?\\s*["']`).exec(root);
    const v = m ? Number.parseFloat(m[1] as string) : Number.NaN;
    return v > 0 && v < 100_000 ? v : undefined;
  };
  const width = length('width');
  const height = length('height');
  if (width && height) return { width, height };
  const box = /\sviewBox\s*=\s*["']\s*[-0-9.]+[\s,]+[-0-9.]+[\s,]+([0-9.]+)[\s,]+([0-9.]+)/.exec(root);
  const w = Number.parseFloat(box?.[1] ?? '');
  const h = Number.parseFloat(box?.[2] ?? '');
  return w > 0 && h > 0 && w < 100_000 && h < 100_000 ? { width: w, height: h } : undefined;
}

/** Width and height in pixels read from a PNG, GIF, JPEG or SVG header; undefined for other kinds. */
export function intrinsicSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes[0] === 0x3c || (bytes[0] === 0xef && bytes[3] === 0x3c)) return svgSize(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) && bytes.length >= 24) return { width: view.getUint32(16), height: view.getUint32(20) };
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) && bytes.length >= 10)
    return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  if (startsWith(bytes, [0xff, 0xd8])) {
    let i = 2;
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) return undefined;
      const marker = bytes[i + 1] as number;
      const len = view.getUint16(i + 2);
      // SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
        return { width: view.getUint16(i + 7), height: view.getUint16(i + 5) };
      i += 2 + len;
    }
  }
  return undefined;
}
