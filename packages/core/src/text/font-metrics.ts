// Advance widths and vertical metrics read from a TrueType/OpenType font's `head`, `hhea`, `hmtx`
// and `cmap` (formats 4 and 12) tables. Isomorphic: it parses bytes it is handed; reading the file
// is the Node entry's job (see ../node.ts).

export class FontFormatError extends Error {
  override readonly name = 'FontFormatError';
}

/** The bytes of the tables this module needs, keyed by tag. */
export type FontTables = Partial<Record<'head' | 'hhea' | 'hmtx' | 'cmap', Uint8Array>>;

interface TableRecord {
  tag: string;
  offset: number;
  length: number;
}

/** Parses the table directory of an sfnt file from its first bytes (12 + 16 × numTables). */
export function parseTableDirectory(header: Uint8Array): TableRecord[] {
  if (header.length < 12) throw new FontFormatError('font file too short for an sfnt header');
  const v = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const version = v.getUint32(0);
  if (version !== 0x00010000 && version !== 0x4f54544f && version !== 0x74727565) {
    throw new FontFormatError('not a TrueType/OpenType font (bad sfnt version)');
  }
  const numTables = v.getUint16(4);
  if (header.length < 12 + numTables * 16) throw new FontFormatError('font table directory is truncated');
  const out: TableRecord[] = [];
  for (let i = 0; i < numTables; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(header[at] as number, header[at + 1] as number, header[at + 2] as number, header[at + 3] as number);
    out.push({ tag, offset: v.getUint32(at + 8), length: v.getUint32(at + 12) });
  }
  return out;
}

type CmapLookup = (cp: number) => number;

function view(t: Uint8Array): DataView {
  return new DataView(t.buffer, t.byteOffset, t.byteLength);
}

function need(t: Uint8Array | undefined, tag: string): Uint8Array {
  if (!t) throw new FontFormatError(`font has no '${tag}' table`);
  return t;
}

function format12(v: DataView, at: number): CmapLookup {
  const numGroups = v.getUint32(at + 12);
  const base = at + 16;
  if (base + numGroups * 12 > v.byteLength) throw new FontFormatError('cmap format 12 is truncated');
  const starts = new Uint32Array(numGroups);
  const ends = new Uint32Array(numGroups);
  const glyphs = new Uint32Array(numGroups);
  for (let g = 0; g < numGroups; g++) {
    starts[g] = v.getUint32(base + g * 12);
    ends[g] = v.getUint32(base + g * 12 + 4);
    glyphs[g] = v.getUint32(base + g * 12 + 8);
  }
  return (cp) => {
    let lo = 0;
    let hi = numGroups - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cp < (starts[mid] as number)) hi = mid - 1;
      else if (cp > (ends[mid] as number)) lo = mid + 1;
      else return (glyphs[mid] as number) + cp - (starts[mid] as number);
    }
    return 0;
  };
}

function format4(v: DataView, at: number): CmapLookup {
  const segCount = v.getUint16(at + 6) >> 1;
  const endsAt = at + 14;
  const startsAt = endsAt + segCount * 2 + 2;
  const deltasAt = startsAt + segCount * 2;
  const rangesAt = deltasAt + segCount * 2;
  if (rangesAt + segCount * 2 > v.byteLength) throw new FontFormatError('cmap format 4 is truncated');
  return (cp) => {
    if (cp > 0xffff) return 0;
    let lo = 0;
    let hi = segCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v.getUint16(endsAt + mid * 2) < cp) lo = mid + 1;
      else hi = mid;
    }
    const start = v.getUint16(startsAt + lo * 2);
    if (cp < start || cp > v.getUint16(endsAt + lo * 2)) return 0;
    const delta = v.getInt16(deltasAt + lo * 2);
    const rangeOffset = v.getUint16(rangesAt + lo * 2);
    if (rangeOffset === 0) return (cp + delta) & 0xffff;
    const glyphAt = rangesAt + lo * 2 + rangeOffset + (cp - start) * 2;
    if (glyphAt + 2 > v.byteLength) return 0;
    const glyph = v.getUint16(glyphAt);
    return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
  };
}

function parseCmap(cmap: Uint8Array): CmapLookup {
  const v = view(cmap);
  const numTables = v.getUint16(2);
  let best: { rank: number; offset: number } | undefined;
  for (let i = 0; i < numTables; i++) {
    const platform = v.getUint16(4 + i * 8);
    const encoding = v.getUint16(6 + i * 8);
    const offset = v.getUint32(8 + i * 8);
    if (offset + 4 > cmap.length) continue;
    const format = v.getUint16(offset);
    // Prefer a full-Unicode format 12 subtable, then a BMP format 4 one.
    let rank = 0;
    if (format === 12 && (platform === 0 || (platform === 3 && encoding === 10))) rank = 2;
    else if (format === 4 && (platform === 0 || (platform === 3 && encoding === 1))) rank = 1;
    if (rank > 0 && (!best || rank > best.rank)) best = { rank, offset };
  }
  if (!best) throw new FontFormatError('font has no Unicode cmap subtable (format 4 or 12)');
  return best.rank === 2 ? format12(v, best.offset) : format4(v, best.offset);
}

/** Metrics of one font face, in em. */
export class FontMetrics {
  readonly unitsPerEm: number;
  readonly ascender: number;
  readonly descender: number;
  readonly lineGap: number;
  private readonly advances: Uint16Array;
  private readonly glyphOf: CmapLookup;
  private readonly bmpCache = new Float32Array(0x10000).fill(-1);

  constructor(tables: FontTables) {
    const head = view(need(tables.head, 'head'));
    const hhea = view(need(tables.hhea, 'hhea'));
    const hmtx = view(need(tables.hmtx, 'hmtx'));
    if (head.byteLength < 20 || hhea.byteLength < 36) throw new FontFormatError("font 'head' or 'hhea' table is truncated");
    this.unitsPerEm = head.getUint16(18);
    if (this.unitsPerEm < 16 || this.unitsPerEm > 16384) throw new FontFormatError(`font unitsPerEm ${this.unitsPerEm} is out of range`);
    this.ascender = hhea.getInt16(4) / this.unitsPerEm;
    this.descender = hhea.getInt16(6) / this.unitsPerEm;
    this.lineGap = hhea.getInt16(8) / this.unitsPerEm;
    const numberOfHMetrics = hhea.getUint16(34);
    if (numberOfHMetrics === 0 || numberOfHMetrics * 4 > hmtx.byteLength) throw new FontFormatError("font 'hmtx' table is truncated");
    this.advances = new Uint16Array(numberOfHMetrics);
    for (let g = 0; g < numberOfHMetrics; g++) this.advances[g] = hmtx.getUint16(g * 4);
    this.glyphOf = parseCmap(need(tables.cmap, 'cmap'));
  }

  /** Glyph id of a code point (0 = missing). */
  glyph(cp: number): number {
    return this.glyphOf(cp);
  }

  /** Advance width of a code point in em (the missing-glyph box for unmapped ones). */
  advance(cp: number): number {
    if (cp < 0x10000) {
      const cached = this.bmpCache[cp] as number;
      if (cached >= 0) return cached;
    }
    const g = this.glyphOf(cp);
    const adv = this.advances;
    const em = (adv[Math.min(g, adv.length - 1)] as number) / this.unitsPerEm;
    if (cp < 0x10000) this.bmpCache[cp] = em;
    return em;
  }

  /** Default line height in em: ascender − descender + line gap. */
  get lineHeightEm(): number {
    return this.ascender - this.descender + this.lineGap;
  }
}
