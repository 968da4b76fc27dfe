// A string builder for large serialized outputs (the SVG of tens of thousands of topics).
// Concatenation makes a rope; a rope of a whole map is millions of small strings that survive every
// young-generation collection and get copied by each. This builder flattens the rope every 64K
// characters into one chunk and joins the chunks once at the end. (Copying characters one by one
// into a typed array was measured slower: per-character work costs more than per-piece work.)

import { escapeAttr, escapeText } from './escape.ts';
import { fmt } from './shapes.ts';

/** Characters gathered before the rope is flattened into a chunk. */
const CHUNK = 1 << 16;

export class StringBuilder {
  private out = '';
  private readonly chunks: string[] = [];

  /** Appends `s` as it is. */
  str(s: string): void {
    this.out += s;
    if (this.out.length > CHUNK) this.flush();
  }

  /** Appends `s` escaped for XML element content, or for a double-quoted attribute when `attr`. */
  xml(s: string, attr: boolean): void {
    this.out += attr ? escapeAttr(s) : escapeText(s);
    if (this.out.length > CHUNK) this.flush();
  }

  /** Appends a number as `fmt` prints it. */
  num(v: number): void {
    this.out += fmt(v);
  }

  /** The whole text. The builder stays usable (more can be appended). */
  toString(): string {
    if (this.chunks.length === 0) return this.out;
    this.flush();
    const all = this.chunks.join('');
    this.chunks.length = 0;
    this.chunks.push(all);
    return all;
  }

  private flush(): void {
    const s = this.out;
    // ToNumber flattens the rope in place (V8), so its pieces can be collected; the number is unused.
    Number(s);
    this.chunks.push(s);
    this.out = '';
  }
}
