// Safe ZIP reading with limits on entry count, per-entry and total uncompressed size, and names.

import { strToU8, unzipSync, zipSync } from 'fflate';
import { ImportError } from './errors.ts';
import { LIMITS } from './limits.ts';

export interface ZipLimits {
  maxEntries?: number;
  maxEntryBytes?: number;
  maxTotalBytes?: number;
}

export const isZip = (b: Uint8Array): boolean =>
  b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6);

/**
 * Unzips `bytes` into a name → bytes map. Entry sizes are checked from the central directory
 * before anything is inflated, and again after, so a zip bomb is refused without being expanded.
 */
export function readZip(bytes: Uint8Array, format: string, limits: ZipLimits = {}): Map<string, Uint8Array> {
  const maxEntries = limits.maxEntries ?? LIMITS.maxZipEntries;
  const maxEntry = limits.maxEntryBytes ?? LIMITS.maxZipEntryBytes;
  const maxTotal = limits.maxTotalBytes ?? LIMITS.maxZipTotalBytes;
  if (!isZip(bytes)) throw new ImportError('malformed', 'the file is not a ZIP archive', format);
  let count = 0;
  let total = 0;
  let problem: ImportError | undefined;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter(file) {
        if (problem) return false;
        count++;
        if (count > maxEntries) problem = new ImportError('too-large', `the archive has more than ${maxEntries} entries`, format);
        else if (file.originalSize > maxEntry)
          problem = new ImportError('too-large', `archive entry "${file.name}" expands to more than ${maxEntry >> 20} MB`, format);
        else if ((total += file.originalSize) > maxTotal)
          problem = new ImportError('too-large', `the archive expands to more than ${maxTotal >> 20} MB`, format);
        else if (!isSafeEntryName(file.name))
          problem = new ImportError('unsafe', `archive entry "${file.name}" has an unsafe path`, format);
        return !problem && !file.name.endsWith('/');
      },
    });
  } catch (err) {
    if (problem) throw problem;
    throw new ImportError('malformed', `the ZIP archive is damaged (${err instanceof Error ? err.message : String(err)})`, format);
  }
  if (problem) throw problem;
  const out = new Map<string, Uint8Array>();
  let actual = 0;
  for (const [name, data] of Object.entries(files)) {
    actual += data.length;
    if (data.length > maxEntry || actual > maxTotal)
      throw new ImportError('too-large', 'the archive expands beyond the size limit', format);
    out.set(name, data);
  }
  return out;
}

/** Refuses absolute paths, drive letters and `..` segments (zip-slip). */
export function isSafeEntryName(name: string): boolean {
  if (name.startsWith('/') || name.startsWith('\\') || /^[a-zA-Z]:/.test(name) || name.includes('\0')) return false;
  return !name.split(/[\\/]/).some((seg) => seg === '..');
}

export function writeZip(entries: Record<string, Uint8Array | string>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(entries)) files[name] = typeof data === 'string' ? strToU8(data) : data;
  return zipSync(files, { level: 6 });
}
