// Ids for generated topics that stay the same for the same (parent, text): a retried or resumed
// answer, or the same line arriving in a different chunking, names its topics identically.

import { asTopicId, type TopicId } from '@arbor/core';

/** 64-bit string hash (two 32-bit multiplicative lanes) in base 36. */
export function hashText(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(36).padStart(7, '0') + (h1 >>> 0).toString(36).padStart(7, '0');
}

/** Normalises text for identity: case, width and spacing do not make a different topic. */
export function identityText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Hands out ids stable by (parent, text); the same pair twice gets `-2`, `-3`… in order. */
export class StableIds {
  private readonly used = new Set<string>();

  constructor(
    private readonly prefix = 'ai',
    /** Ids already present in the target map (never handed out). */
    private readonly taken?: (id: string) => boolean,
  ) {}

  next(parentId: string, text: string): TopicId {
    const base = `${this.prefix}${hashText(`${parentId}\u0001${identityText(text)}`)}`;
    let id = base;
    for (let n = 2; this.used.has(id) || this.taken?.(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return asTopicId(id);
  }

  reserve(id: string): void {
    this.used.add(id);
  }
}
