// The PDF page options shared by `arbor convert` and `arbor render`: the same values as
// `exportDoc(doc, 'pdf', …)` and the server's `?format=pdf&pageSize=…&orientation=…`.

import { UsageError } from '../main.ts';

export const PAGE_SIZES = ['fit', 'a4', 'a3'] as const;
export const ORIENTATIONS = ['auto', 'portrait', 'landscape'] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export type Orientation = (typeof ORIENTATIONS)[number];

/** `v` (any case) if it is one of `allowed`, else a usage error listing them. */
export function oneOf<T extends string>(flag: string, v: string, allowed: readonly T[]): T {
  const key = v.toLowerCase();
  if (!(allowed as readonly string[]).includes(key))
    throw new UsageError(`${flag} must be ${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}, not "${v}"`);
  return key as T;
}

/** Refuses --page-size/--orientation when the output is not a PDF (`what` names the output). */
export function assertPdfOutput(opts: { pageSize?: PageSize; orientation?: Orientation }, isPdf: boolean, what: string): void {
  if (isPdf || (opts.pageSize === undefined && opts.orientation === undefined)) return;
  const flags = [opts.pageSize !== undefined && '--page-size', opts.orientation !== undefined && '--orientation'].filter(Boolean);
  throw new UsageError(`${flags.join(' and ')} ${flags.length > 1 ? 'are' : 'is'} for PDF output only, not "${what}"`);
}
