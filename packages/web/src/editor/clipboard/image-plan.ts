// The arithmetic of pasting an image (no DOM here, so it is tested in Node): which clipboard types
// are read, the size an image is drawn at, and the encodings tried until one fits the budget.

/** Raster types read from the clipboard. SVG is refused: it is a document, not a picture. */
export const PASTE_IMAGE_TYPES: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/bmp',
  'image/avif',
]);
export const MAX_IMAGE_WIDTH = 800;
/** Budget for the data URL (the encoded bytes, before base64). */
export const MAX_IMAGE_BYTES = 500 * 1024;
/** Files larger than this are not decoded at all (a paste is not an upload). */
export const MAX_SOURCE_IMAGE_BYTES = 40 * 1024 * 1024;

/** Width and height to draw at: at most `maxWidth` wide, never enlarged, at least 1 px each way. */
export function fitWidth(width: number, height: number, maxWidth = MAX_IMAGE_WIDTH): { width: number; height: number } {
  if (!(width > 0) || !(height > 0)) return { width: 0, height: 0 };
  const scale = Math.min(1, maxWidth / width);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export interface EncodeStep {
  type: 'image/png' | 'image/jpeg';
  quality?: number;
  /** Scale applied to the fitted size before encoding. */
  scale: number;
}

/**
 * Encodings to try in order until one is within the budget: lossless PNG first (screenshots and
 * diagrams stay crisp), then JPEG at falling quality, then JPEG at smaller sizes. The last step is
 * small enough for any picture of at most 800 px.
 */
export function encodeSteps(): EncodeStep[] {
  return [
    { type: 'image/png', scale: 1 },
    { type: 'image/jpeg', quality: 0.9, scale: 1 },
    { type: 'image/jpeg', quality: 0.8, scale: 1 },
    { type: 'image/jpeg', quality: 0.65, scale: 1 },
    { type: 'image/jpeg', quality: 0.65, scale: 0.75 },
    { type: 'image/jpeg', quality: 0.6, scale: 0.5 },
    { type: 'image/jpeg', quality: 0.5, scale: 0.35 },
  ];
}

/** Bytes a base64 data URL decodes to. */
export function dataUrlBytes(url: string): number {
  const comma = url.indexOf(',');
  if (comma < 0) return url.length;
  const b64 = url.length - comma - 1;
  const pad = url.endsWith('==') ? 2 : url.endsWith('=') ? 1 : 0;
  return Math.floor((b64 * 3) / 4) - pad;
}
