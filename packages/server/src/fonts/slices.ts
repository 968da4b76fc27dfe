// The bundled Noto Sans SC (@arbor/core/node) cut into unicode-range slices for the pages, so a
// page downloads only the slices its text uses: Latin, symbols and CJK punctuation, then the Han
// characters in slices by frequency (char-order.ts: the common ones in a few large slices, rarer
// ones in small slices, so a rare character costs little), then every other character the font
// has in blocks by code point. The plan is computed once from the font's cmap; a slice's WOFF2 is
// made on first request with subset-font (HarfBuzz, WebAssembly from npm: nothing is downloaded)
// in a worker thread (a subset takes 0.2–1 s of CPU; the event loop keeps serving) and kept on
// disk, so each slice is built once per font version.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { BUNDLED_FONT_FAMILY, bundledFontMetrics, fontFilePath } from '@arbor/core/node';
import { serverFile } from '../paths.ts';
import { CHAR_ORDER, CORPUS_CHARS } from './char-order.ts';

export interface FontSlice {
  /** File name stem, e.g. `latin`, `han-03`, `cp-4e00`. */
  id: string;
  /** Code points, ascending: the glyphs in the slice's file. */
  codePoints: number[];
  /**
   * A block slice declares its whole code-point block as unicode-range (short CSS); the characters
   * of the block that other slices hold are still taken from those, because the stylesheet lists
   * block slices first and browsers try the faces of a family from the last declared one.
   */
  block?: [number, number];
  /** Used by nearly every page (ASCII, Chinese punctuation, the most frequent Han characters). */
  common?: boolean;
}

/** ASCII and the general punctuation of English text (‘’“”–—…•): on every page. */
const LATIN: [number, number][] = [
  [0x0000, 0x007f],
  [0x00a0, 0x00a0],
  [0x00a9, 0x00a9],
  [0x00b7, 0x00b7],
  [0x2010, 0x2027],
  [0x2030, 0x203a],
  [0xfeff, 0xfeff],
  [0xfffd, 0xfffd],
];
/** The rest of Latin-1 and common Latin extras (accents, €, ™). */
const LATIN_EXTRA: [number, number][] = [
  [0x0080, 0x00ff],
  [0x0131, 0x0131],
  [0x0152, 0x0153],
  [0x02bb, 0x02bc],
  [0x02c6, 0x02c6],
  [0x02da, 0x02da],
  [0x02dc, 0x02dc],
  [0x2000, 0x206f],
  [0x20ac, 0x20ac],
  [0x2122, 0x2122],
  [0x2212, 0x2212],
];
/** Chinese punctuation: ，。、；：？！（）《》「」【】…… and the full-width ASCII forms. */
const CJK_PUNCTUATION: [number, number][] = [
  [0x3000, 0x301f],
  [0xff01, 0xff5e],
];
/** Arrows, maths, technical symbols, enclosed numbers (①, ㈠), box drawing and shapes (→ × ● ■ ▲ ★). */
const SYMBOLS: [number, number][] = [
  [0x2100, 0x27bf],
  [0x2e80, 0x2fdf],
  [0x3020, 0x303f],
  [0x3200, 0x32ff],
  [0xfe30, 0xfe4f],
  [0xff5f, 0xffef],
];
/** Han slices by frequency: [how many characters, slice size]. */
const HAN_STEPS: [number, number][] = [
  [1000, 250],
  [CORPUS_CHARS - 1000, 120],
  [Number.POSITIVE_INFINITY, 200],
];
/** Code-point block size for characters outside the frequency list. */
const BLOCK = 256;
/** Highest code point considered (the CJK extension planes are included). */
const MAX_CP = 0x3ffff;

/** The slices of a font, given which code points it maps (a pure function of the font's cmap). */
export function planSlices(hasGlyph: (cp: number) => boolean): FontSlice[] {
  const taken = new Set<number>();
  const slices: FontSlice[] = [];
  const add = (id: string, cps: Iterable<number>, block?: [number, number]) => {
    const codePoints: number[] = [];
    for (const cp of cps) if (!taken.has(cp) && hasGlyph(cp)) codePoints.push(cp);
    if (codePoints.length === 0) return;
    for (const cp of codePoints) taken.add(cp);
    codePoints.sort((a, b) => a - b);
    slices.push(block ? { id, codePoints, block } : { id, codePoints });
  };
  function* ranges(list: [number, number][]) {
    for (const [a, b] of list) for (let cp = a; cp <= b; cp++) yield cp;
  }
  add('latin', ranges(LATIN));
  add('cjk-punct', ranges(CJK_PUNCTUATION));
  for (const slice of slices) slice.common = true;
  add('latin-ext', ranges(LATIN_EXTRA));
  add('symbols', ranges(SYMBOLS));
  const han = Array.from(CHAR_ORDER, (ch) => ch.codePointAt(0)!);
  let at = 0;
  let n = 0;
  HAN_STEPS.forEach(([count, size], step) => {
    const end = Math.min(han.length, at + count);
    for (; at < end; at += size) {
      const before = slices.length;
      add(`han-${String(n++).padStart(2, '0')}`, han.slice(at, Math.min(end, at + size)));
      if (step === 0 && slices.length > before) slices[before]!.common = true;
    }
  });
  for (let base = 0; base <= MAX_CP; base += BLOCK) {
    const block: number[] = [];
    for (let cp = base; cp < base + BLOCK; cp++) if (!taken.has(cp)) block.push(cp);
    add(`cp-${base.toString(16).padStart(4, '0')}`, block, [base, base + BLOCK - 1]);
  }
  return slices;
}

/** `U+4E00-4E0F,U+4E2D`: a slice's code points as CSS unicode-range, runs collapsed. */
export function unicodeRange(codePoints: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < codePoints.length; ) {
    let j = i;
    while (j + 1 < codePoints.length && codePoints[j + 1] === codePoints[j]! + 1) j++;
    const a = codePoints[i]!.toString(16).toUpperCase();
    parts.push(j === i ? `U+${a}` : `U+${a}-${codePoints[j]!.toString(16).toUpperCase()}`);
    i = j + 1;
  }
  return parts.join(',');
}

export interface SlicedFont {
  family: string;
  /** Changes with the font file and the slicing plan; part of every URL (served immutable). */
  version: string;
  slices: FontSlice[];
  byId: Map<string, FontSlice>;
  /** The stylesheet with one @font-face per slice. */
  css: string;
  /** Whether a file id names a slice or a registered page subset. */
  has(id: string): boolean;
  /**
   * The @font-face rule of a page's own subset: the characters of `text` that no common slice holds
   * (a long law's rarer characters), registered under a content hash so the file can be made when
   * the browser asks. Declared after the stylesheet, it is tried before the shared slices, so a
   * page fetches the common slices (cached across pages) and one file with exactly its other
   * characters — instead of a dozen shared slices of which it uses a few characters each.
   * Empty when the common slices cover the text.
   */
  pageFace(text: string): string;
  /** The WOFF2 bytes of one slice or page subset (from the disk cache, else made now and cached). */
  woff2(id: string): Promise<Buffer>;
  /** Makes no more files; resolves once the one being made (if any) is done. */
  close(): Promise<void>;
}

/** The characters a page shows: its markup without tags, scripts and styles (entities left as they are). */
export function visibleText(markup: string): string {
  return markup.replace(/<(script|style|title)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ');
}

const PAGE_SUBSET = /^page-[0-9a-f]{20}$/;
/** Page subsets remembered in memory (the files stay on disk). */
const MAX_PAGE_SETS = 5000;

export const FONT_URL_BASE = '/fonts/noto-sans-sc';

/** The bundled regular face, sliced, with its slice files cached under `cacheDir`. */
export function slicedBundledFont(cacheDir: string): SlicedFont {
  const metrics = bundledFontMetrics('regular');
  const path = fontFilePath('regular');
  const slices = planSlices((cp) => metrics.glyph(cp) !== 0);
  const st = statSync(path);
  const version = createHash('sha256')
    .update(`${st.size}|${Math.trunc(st.mtimeMs)}|`)
    .update(slices.map((s) => `${s.id}:${s.codePoints.length}:${s.codePoints[0]}`).join(','))
    .digest('hex')
    .slice(0, 12);
  const byId = new Map(slices.map((s) => [s.id, s]));
  const common = new Set<number>();
  for (const s of slices) if (s.common) for (const cp of s.codePoints) common.add(cp);
  const pageSets = new Map<string, number[]>();
  // Block slices first: the later a face is declared, the earlier it is tried (CSS Fonts 4, §4.5).
  const css = [...slices.filter((s) => s.block), ...slices.filter((s) => !s.block)]
    .map(
      (s) =>
        `@font-face{font-family:"${BUNDLED_FONT_FAMILY}";font-style:normal;font-weight:400;font-display:swap;src:url(${FONT_URL_BASE}/${version}/${s.id}.woff2) format("woff2");unicode-range:${s.block ? `U+${s.block[0].toString(16).toUpperCase()}-${s.block[1].toString(16).toUpperCase()}` : unicodeRange(s.codePoints)}}`,
    )
    .join('\n');
  const dir = join(cacheDir, `noto-sans-sc-${version}`);
  let worker: Worker | undefined;
  let nextJob = 0;
  const jobs = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();
  const subset = (text: string): Promise<Buffer> => {
    if (!worker) {
      const w = new Worker(serverFile('src', 'fonts', 'subset-worker.mjs'));
      w.unref();
      w.on('message', (msg: { id: number; bytes?: Uint8Array; error?: string }) => {
        const job = jobs.get(msg.id);
        jobs.delete(msg.id);
        if (msg.bytes) job?.resolve(Buffer.from(msg.bytes.buffer, msg.bytes.byteOffset, msg.bytes.byteLength));
        else job?.reject(new Error(`font subset failed: ${msg.error}`));
      });
      const fail = (err: Error) => {
        for (const job of jobs.values()) job.reject(err);
        jobs.clear();
        worker = undefined;
      };
      w.on('error', fail);
      w.on('exit', (code) => fail(new Error(`font subset worker exited (${code})`)));
      worker = w;
    }
    const id = ++nextJob;
    const w = worker;
    return new Promise((resolve, reject) => {
      jobs.set(id, { resolve, reject });
      w.postMessage({ id, fontPath: path, text });
    });
  };
  const inFlight = new Map<string, Promise<Buffer>>();
  // One subset at a time: each holds the whole 10 MB font in WebAssembly memory.
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  const setFile = (id: string) => join(dir, `${id}.txt`);
  const pageSet = (id: string): number[] | undefined => {
    const known = pageSets.get(id);
    if (known) return known;
    try {
      return Array.from(readFileSync(setFile(id), 'utf8'), (ch) => ch.codePointAt(0)!);
    } catch {
      return undefined;
    }
  };

  const build = async (slice: FontSlice): Promise<Buffer> => {
    const file = join(dir, `${slice.id}.woff2`);
    try {
      return readFileSync(file);
    } catch {
      // not cached yet
    }
    if (closed) throw new Error('the font is closed');
    const bytes = await subset(String.fromCodePoint(...slice.codePoints));
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
    return bytes;
  };

  return {
    family: BUNDLED_FONT_FAMILY,
    version,
    slices,
    byId,
    css,
    has(id) {
      return byId.has(id) || (PAGE_SUBSET.test(id) && pageSet(id) !== undefined);
    },
    pageFace(text) {
      const rare = new Set<number>();
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        if (cp > 0x2000 && !common.has(cp) && metrics.glyph(cp) !== 0) rare.add(cp);
      }
      if (rare.size === 0) return '';
      const codePoints = [...rare].sort((a, b) => a - b);
      const chars = String.fromCodePoint(...codePoints);
      const id = `page-${createHash('sha256').update(chars).digest('hex').slice(0, 20)}`;
      if (!pageSets.has(id)) {
        if (pageSets.size >= MAX_PAGE_SETS) pageSets.delete(pageSets.keys().next().value!);
        pageSets.set(id, codePoints);
        mkdirSync(dir, { recursive: true });
        try {
          writeFileSync(setFile(id), chars, { flag: 'wx' });
        } catch {
          // already registered (another process, or before a restart)
        }
      }
      return `@font-face{font-family:"${BUNDLED_FONT_FAMILY}";font-style:normal;font-weight:400;font-display:swap;src:url(${FONT_URL_BASE}/${version}/${id}.woff2) format("woff2");unicode-range:${unicodeRange(codePoints)}}`;
    },
    async close() {
      closed = true;
      await queue;
      await worker?.terminate();
      worker = undefined;
    },
    woff2(id) {
      const codePoints = byId.get(id)?.codePoints ?? (PAGE_SUBSET.test(id) ? pageSet(id) : undefined);
      if (!codePoints) return Promise.reject(new Error(`no font slice ${id}`));
      const slice = { id, codePoints };
      let p = inFlight.get(id);
      if (!p) {
        p = queue.then(() => build(slice));
        queue = p.catch(() => {});
        inFlight.set(id, p);
        p.finally(() => inFlight.delete(id)).catch(() => {});
      }
      return p;
    },
  };
}

/** Which slices a text needs (for tests and the page-weight bench). */
export function slicesFor(font: Pick<SlicedFont, 'slices'>, text: string): FontSlice[] {
  const need = new Set<number>();
  for (const ch of text) need.add(ch.codePointAt(0)!);
  // Exactly the browser's choice: a character is served by the one slice whose file holds it.
  return font.slices.filter((s) => s.codePoints.some((cp) => need.has(cp)));
}
