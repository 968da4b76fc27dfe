// Shapes → SVG text. Every string that reaches the output is escaped; attribute names are fixed or
// sanitised (`data-*` keys, class names), so no document content can add elements or handlers.

import type { Rect } from '../layout/types.ts';
import { keepShape } from '../shape-anchor.ts';
import type { GroupShape, Paint, Shape, TextShape } from './shapes.ts';
import { safeImageHref, safeLinkHref } from './shapes.ts';
import { StringBuilder } from './string-builder.ts';

export { escapeAttr, escapeText } from './escape.ts';

/** Memoises a string cleaner: maps use a handful of class names and data keys, thousands of times. */
function memo(clean: (s: string) => string): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    let c = seen.get(s);
    if (c === undefined) {
      c = clean(s);
      if (seen.size < 256) seen.set(s, c);
    }
    return c;
  };
}

const cleanClass = memo((s) => s.replace(/[^A-Za-z0-9_ -]/g, '').trim());

export interface SvgOptions {
  width: number;
  height: number;
  viewBox: Rect;
  /** Background colour; omitted or 'none' for a transparent image. */
  background?: string;
  /** Default font family, set once on the root; text shapes with the same family omit it. */
  fontFamily?: string;
  /** Document title, emitted as the SVG's `<title>`. */
  title?: string;
}

/** Serialises shapes into a standalone SVG document. */
export function shapesToSvg(shapes: readonly Shape[], opts: SvgOptions): string {
  const w = new SvgWriter(opts);
  for (const s of shapes) w.add(s);
  return w.finish();
}

/** Receives shapes as they are produced: layers are groups opened and closed around their shapes. */
export interface ShapeSink {
  /** Opens a layer group; its `children` are ignored (they arrive through `add`). */
  openLayer(layer: GroupShape): void;
  add(shape: Shape): void;
  closeLayer(): void;
}

interface Inherited {
  fill: string;
  stroke: string;
  strokeWidth: number | undefined;
  fontSize: number | undefined;
  linecap: string;
  linejoin: string;
}

/**
 * A constant piece of markup in its two spellings: as it is, and right after an attribute value,
 * where it also closes that value's quote. Writing `" y="` as one piece instead of `"` and ` y="`
 * saves a quarter of the pieces the builder has to join, and nothing is concatenated at run time.
 */
type Piece = readonly [plain: string, afterValue: string];
const piece = (s: string): Piece => [s, `"${s}`];

const SVG_OPEN = piece('<svg xmlns="http://www.w3.org/2000/svg"');
const SVG_CLOSE = piece('</svg>\n');
const TAG_END = piece('>');
const TAG_END_NL = piece('>\n');
const EMPTY_END = piece('/>\n');
const TITLE_OPEN = piece('<title>');
const TITLE_CLOSE = piece('</title>\n');
const RECT = piece('<rect');
const BACKGROUND = piece('<rect class="background"');
const ELLIPSE = piece('<ellipse');
const IMAGE = piece('<image');
const IMAGE_END = piece(' preserveAspectRatio="xMidYMid meet"/>\n');
const TEXT = piece('<text');
const TEXT_CLOSE = piece('</text>\n');
const TSPAN = piece('<tspan');
const TSPAN_CLOSE = piece('</tspan>');
const BOLD = piece(' font-weight="bold"');
const ITALIC = piece(' font-style="italic"');
const G = piece('<g');
const G_CLOSE = piece('</g>\n');
const A_CLOSE = piece('</a>\n');
const LINK_END = piece(' target="_blank" rel="noopener noreferrer">\n');
const A_HREF = piece('<a href="');
const PATH_D = piece('<path d="');
const WIDTH = piece(' width="');
const HEIGHT = piece(' height="');
const VIEW_BOX = piece(' viewBox="');
const FONT_FAMILY = piece(' font-family="');
const FONT_SIZE = piece(' font-size="');
const TEXT_ANCHOR = piece(' text-anchor="');
const X = piece(' x="');
const Y = piece(' y="');
const CX = piece(' cx="');
const CY = piece(' cy="');
const RX = piece(' rx="');
const RY = piece(' ry="');
const FILL = piece(' fill="');
const STROKE = piece(' stroke="');
const STROKE_WIDTH = piece(' stroke-width="');
const DASH = piece(' stroke-dasharray="');
const OPACITY = piece(' opacity="');
const LINECAP = piece(' stroke-linecap="');
const LINEJOIN = piece(' stroke-linejoin="');
const HREF = piece(' href="');
const CLASS = piece(' class="');

/** `data-*` attribute leads by key (sanitised), or null when nothing of the key is left. */
const dataLead = memo((s: string) => {
  const k = s.toLowerCase().replace(/[^a-z0-9-]/g, '');
  return k ? ` data-${k}="` : '';
});
const dataPieces = new Map<string, Piece | null>();
function dataPiece(key: string): Piece | null {
  let p = dataPieces.get(key);
  if (p === undefined) {
    const lead = dataLead(key);
    p = lead ? piece(lead) : null;
    if (dataPieces.size < 256) dataPieces.set(key, p);
  }
  return p;
}

/**
 * Writes shapes as SVG as they arrive, so a whole map need not exist as shapes at once: the shapes
 * of one topic die young, which keeps the garbage collector's work small.
 */
export class SvgWriter implements ShapeSink {
  private readonly out = new StringBuilder();
  private readonly fontFamily: string | undefined;
  /** 1 while the last attribute value's closing quote is still to be written (see `Piece`). */
  private q: 0 | 1 = 0;
  /**
   * Inherited presentation attributes: elements leave out values equal to these. They start as
   * SVG's initial values: black fill, butt caps, miter joins.
   */
  private fill = 'black';
  private stroke = 'none';
  /** The stroke width a group set, or undefined (then every stroked element writes its own). */
  private strokeWidth: number | undefined = undefined;
  /** The font size a group set, or undefined (then every text writes its own). */
  private fontSize: number | undefined = undefined;
  private linecap = 'butt';
  private linejoin = 'miter';
  private readonly layers: (Inherited & { href: boolean })[] = [];

  /**
   * @param ownPaths the shapes come from Arbor's own renderer, whose path data is made of numbers
   *   (`fmt`) and command letters only: it is written as it is. Escaping it would flatten and scan
   *   the longest strings of the output (hand-drawn paths are hundreds of characters per topic).
   *   Shapes from anywhere else (`shapesToSvg`) have their path data escaped like any attribute.
   */
  constructor(
    opts: SvgOptions,
    private readonly ownPaths = false,
  ) {
    const o = this.out;
    const vb = opts.viewBox;
    this.put(SVG_OPEN);
    this.numAttr(WIDTH, opts.width);
    this.numAttr(HEIGHT, opts.height);
    this.put(VIEW_BOX);
    o.num(vb.x);
    o.str(' ');
    o.num(vb.y);
    o.str(' ');
    o.num(vb.width);
    o.str(' ');
    o.num(vb.height);
    this.q = 1;
    if (opts.fontFamily) this.attr(FONT_FAMILY, opts.fontFamily);
    this.put(TAG_END_NL);
    this.fontFamily = opts.fontFamily;
    if (opts.title) this.title(opts.title);
    if (opts.background && opts.background !== 'none') {
      this.put(BACKGROUND);
      this.box(vb.x, vb.y, vb.width, vb.height);
      this.attr(FILL, opts.background);
      this.put(EMPTY_END);
    }
  }

  openLayer(layer: GroupShape): void {
    const saved = this.inherited();
    this.layers.push({ ...saved, href: this.openGroup(layer) });
  }

  add(shape: Shape): void {
    this.shape(shape);
  }

  closeLayer(): void {
    const saved = this.layers.pop();
    if (saved) this.closeGroup(saved, saved.href);
  }

  /** Closes open layers and the document; returns the SVG text. */
  finish(): string {
    while (this.layers.length > 0) this.closeLayer();
    this.put(SVG_CLOSE);
    return this.out.toString();
  }

  private inherited(): Inherited {
    return {
      fill: this.fill,
      stroke: this.stroke,
      strokeWidth: this.strokeWidth,
      fontSize: this.fontSize,
      linecap: this.linecap,
      linejoin: this.linejoin,
    };
  }

  /** Writes a constant piece (closing a pending quote). */
  private put(p: Piece): void {
    this.out.str(p[this.q]);
    this.q = 0;
  }

  /** Writes ` name="value"` with the value escaped; `lead` is the text up to the opening quote. */
  private attr(lead: Piece, value: string): void {
    this.out.str(lead[this.q]);
    this.out.xml(value, true);
    this.q = 1;
  }

  /** A group's own value of an inherited attribute: written when it differs; returns what its children inherit. */
  private inherit<T extends string>(lead: Piece, own: T | undefined, current: T): T {
    if (own === undefined || own === current) return current;
    this.attr(lead, own);
    return own;
  }

  /** `inherit` for a number. */
  private inheritNum(lead: Piece, own: number | undefined, current: number | undefined): number | undefined {
    if (own === undefined || own === current) return current;
    this.numAttr(lead, own);
    return own;
  }

  /** Writes ` name="number"`; `lead` is the text up to the opening quote. */
  private numAttr(lead: Piece, v: number): void {
    this.out.str(lead[this.q]);
    this.out.num(v);
    this.q = 1;
  }

  /** Writes ` x="…" y="…" width="…" height="…"`. */
  private box(x: number, y: number, width: number, height: number): void {
    this.numAttr(X, x);
    this.numAttr(Y, y);
    this.numAttr(WIDTH, width);
    this.numAttr(HEIGHT, height);
  }

  private title(text: string): void {
    this.put(TITLE_OPEN);
    this.out.xml(text, false);
    this.put(TITLE_CLOSE);
  }

  private paint(p: Paint): void {
    const fill = p.fill ?? 'none';
    if (fill !== this.fill) this.attr(FILL, fill);
    const stroke = p.stroke && p.stroke !== 'none' ? p.stroke : 'none';
    if (stroke !== this.stroke) this.attr(STROKE, stroke);
    if (stroke !== 'none') {
      // Without a width of its own a stroke is 1 wide, the initial value, unless a group set another.
      const inherited = this.strokeWidth;
      if (inherited === undefined) {
        if (p.strokeWidth !== undefined) this.numAttr(STROKE_WIDTH, p.strokeWidth);
      } else if ((p.strokeWidth ?? 1) !== inherited) this.numAttr(STROKE_WIDTH, p.strokeWidth ?? 1);
      if (p.dash) this.attr(DASH, p.dash);
    }
    if (p.opacity !== undefined && p.opacity < 1) this.numAttr(OPACITY, p.opacity);
  }

  private shape(s: Shape): void {
    switch (s.type) {
      case 'rect':
        this.put(RECT);
        this.box(s.x, s.y, Math.max(0, s.width), Math.max(0, s.height));
        if (s.rx) this.numAttr(RX, s.rx);
        this.paint(s);
        this.put(EMPTY_END);
        return;
      case 'ellipse':
        this.put(ELLIPSE);
        this.numAttr(CX, s.cx);
        this.numAttr(CY, s.cy);
        this.numAttr(RX, Math.max(0, s.rx));
        this.numAttr(RY, Math.max(0, s.ry));
        this.paint(s);
        this.put(EMPTY_END);
        return;
      case 'path':
        if (this.ownPaths) {
          this.out.str(PATH_D[this.q]);
          this.out.str(s.d);
          this.q = 1;
        } else this.attr(PATH_D, s.d);
        this.paint(s);
        if (s.linecap && s.linecap !== this.linecap) this.attr(LINECAP, s.linecap);
        if (s.linejoin && s.linejoin !== this.linejoin) this.attr(LINEJOIN, s.linejoin);
        this.put(EMPTY_END);
        return;
      case 'text':
        this.text(s);
        return;
      case 'image': {
        const href = safeImageHref(s.href);
        if (!href) return;
        this.put(IMAGE);
        this.box(s.x, s.y, s.width, s.height);
        this.attr(HREF, href);
        this.put(IMAGE_END);
        return;
      }
      case 'group': {
        const saved = this.inherited();
        const href = this.openGroup(s);
        for (const c of s.children) this.shape(c);
        this.closeGroup(saved, href);
        return;
      }
    }
  }

  private text(s: TextShape): void {
    // Positions sit on the tspans only (one per line).
    const o = this.out;
    this.put(TEXT);
    if (s.fontSize !== this.fontSize) this.numAttr(FONT_SIZE, s.fontSize);
    if (s.fontFamily && s.fontFamily !== this.fontFamily) this.attr(FONT_FAMILY, s.fontFamily);
    if (s.bold) this.put(BOLD);
    if (s.italic) this.put(ITALIC);
    if (s.anchor && s.anchor !== 'start') this.attr(TEXT_ANCHOR, s.anchor);
    if (s.fill !== this.fill) this.attr(FILL, s.fill);
    this.put(TAG_END);
    for (let i = 0; i < s.lines.length; i++) {
      this.put(TSPAN);
      this.numAttr(X, s.x);
      this.numAttr(Y, s.y + i * s.lineHeight);
      this.put(TAG_END);
      o.xml(s.lines[i] as string, false);
      this.put(TSPAN_CLOSE);
    }
    this.put(TEXT_CLOSE);
  }

  /** Writes a group's start tag and sets its inherited attributes; true when it opened a link. */
  private openGroup(g: GroupShape): boolean {
    const href = safeLinkHref(g.href);
    if (href) {
      this.attr(A_HREF, href);
      this.put(LINK_END);
    }
    this.put(G);
    if (g.className) {
      const c = cleanClass(g.className);
      if (c) this.attr(CLASS, c);
    }
    if (g.data) {
      for (const key in g.data) {
        const lead = dataPiece(key);
        if (lead) this.attr(lead, g.data[key] as string);
      }
    }
    this.fill = this.inherit(FILL, g.fill, this.fill);
    this.stroke = this.inherit(STROKE, g.stroke, this.stroke);
    this.strokeWidth = this.inheritNum(STROKE_WIDTH, g.strokeWidth, this.strokeWidth);
    this.fontSize = this.inheritNum(FONT_SIZE, g.fontSize, this.fontSize);
    this.linecap = this.inherit(LINECAP, g.linecap, this.linecap);
    this.linejoin = this.inherit(LINEJOIN, g.linejoin, this.linejoin);
    this.put(TAG_END_NL);
    if (g.title) this.title(g.title);
    return href !== undefined;
  }

  private closeGroup(saved: Inherited, href: boolean): void {
    this.put(G_CLOSE);
    this.fill = saved.fill;
    this.stroke = saved.stroke;
    this.strokeWidth = saved.strokeWidth;
    this.fontSize = saved.fontSize;
    this.linecap = saved.linecap;
    this.linejoin = saved.linejoin;
    if (href) this.put(A_CLOSE);
  }
}

keepShape(new SvgWriter({ width: 1, height: 1, viewBox: { x: 0, y: 0, width: 1, height: 1 } }));
