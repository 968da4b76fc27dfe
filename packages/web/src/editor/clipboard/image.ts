// Browser only: an image from the clipboard (or dropped files) as a data URL, drawn through a canvas
// at most 800 px wide and encoded within about 500 KB. Drawing through a canvas also drops whatever
// the file carried besides pixels (metadata, colour profiles, scripts in exotic formats).

import { dataUrlBytes, encodeSteps, fitWidth, MAX_IMAGE_BYTES, MAX_SOURCE_IMAGE_BYTES, PASTE_IMAGE_TYPES } from './image-plan.ts';

export interface PastedImage {
  src: string;
  width: number;
  height: number;
}

/** The first raster image among clipboard items or files. */
function firstImage(items: DataTransferItemList | readonly File[]): File | null {
  if (Array.isArray(items)) return (items as readonly File[]).find((f) => PASTE_IMAGE_TYPES.has(f.type)) ?? null;
  const list = items as DataTransferItemList;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (item && item.kind === 'file' && PASTE_IMAGE_TYPES.has(item.type)) {
      const file = item.getAsFile();
      if (file) return file;
    }
  }
  return null;
}

async function decode(file: Blob): Promise<{ source: CanvasImageSource; width: number; height: number; close: () => void }> {
  if (typeof createImageBitmap === 'function') {
    const bitmap = await createImageBitmap(file);
    return { source: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    await img.decode();
    return { source: img, width: img.naturalWidth, height: img.naturalHeight, close: () => {} };
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * The clipboard's image, downscaled to at most 800 px wide and encoded as a data URL of at most
 * about 500 KB (PNG when it fits, JPEG otherwise). Null when there is no raster image, or it cannot
 * be decoded.
 */
export async function imageFromClipboard(items: DataTransferItemList | File[]): Promise<PastedImage | null> {
  const file = firstImage(items);
  if (!file || file.size > MAX_SOURCE_IMAGE_BYTES) return null;
  let decoded: Awaited<ReturnType<typeof decode>>;
  try {
    decoded = await decode(file);
  } catch {
    return null;
  }
  try {
    const fitted = fitWidth(decoded.width, decoded.height);
    if (fitted.width === 0) return null;
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    let last: PastedImage | null = null;
    for (const step of encodeSteps()) {
      const width = Math.max(1, Math.round(fitted.width * step.scale));
      const height = Math.max(1, Math.round(fitted.height * step.scale));
      canvas.width = width;
      canvas.height = height;
      ctx.clearRect(0, 0, width, height);
      if (step.type === 'image/jpeg') {
        // JPEG has no transparency: paint on white rather than black.
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(0, 0, width, height);
      }
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(decoded.source, 0, 0, width, height);
      const src = canvas.toDataURL(step.type, step.quality);
      last = { src, width, height };
      if (dataUrlBytes(src) <= MAX_IMAGE_BYTES) return last;
    }
    return last;
  } finally {
    decoded.close();
  }
}
