// A string builder for large serialized outputs (the SVG of tens of thousands of topics).
// Pieces are gathered in an array and joined in batches: `Array.prototype.join` copies flat
// strings in one pass. Concatenation would make a rope of ConsString nodes (one allocation per
// piece) that must then be flattened node by node; that cost about a sixth of a big map's SVG.
// (Copying characters one by one into a typed array was measured slower still: per-character work
// costs more than per-piece work.)

import { escapeAttr, escapeText } from './escape.ts';
import { fmt } from './shapes.ts';

/** Pieces gathered before they are joined into one chunk. */
const BATCH = 4096;

export class StringBuilder {
  private parts = new Array<string>(BATCH);
  private count = 0;
  private readonly chunks: string[] = [];

  /** Appends `s` as it is. */
  str(s: string): void {
    this.parts[this.count++] = s;
    if (this.count === BATCH) this.flush();
  }

  /** Appends `s` escaped for XML element content, or for a double-quoted attribute when `attr`. */
  xml(s: string, attr: boolean): void {
    this.str(attr ? escapeAttr(s) : escapeText(s));
  }

  /** Appends a number as `fmt` prints it. */
  num(v: number): void {
    this.str(fmt(v));
  }

  /** The whole text. The builder stays usable (more can be appended). */
  toString(): string {
    this.flush();
    if (this.chunks.length !== 1) {
      const all = this.chunks.join('');
      this.chunks.length = 0;
      this.chunks.push(all);
    }
    return this.chunks[0] ?? '';
  }

  private flush(): void {
    if (this.count === 0) return;
    const parts = this.count === BATCH ? this.parts : this.parts.slice(0, this.count);
    this.chunks.push(parts.join(''));
    this.parts = new Array<string>(BATCH);
    this.count = 0;
  }
}
