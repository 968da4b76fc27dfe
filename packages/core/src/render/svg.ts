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
/** ` data-key="` for a data key (sanitised), or '' when nothing of the key is left. */
const dataLead = memo((s) => {
  const k = s.toLowerCase().replace(/[^a-z0-9-]/g, '');
  return k ? ` data-${k}="` : '';
});

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
  linecap: string;
  linejoin: string;
}

/**
 * Writes shapes as SVG as they arrive, so a whole map need not exist as shapes at once: the shapes
 * of one topic die young, which keeps the garbage collector's work small.
 */
export class SvgWriter implements ShapeSink {
  private readonly out = new StringBuilder();
  private readonly fontFamily: string | undefined;
  /**
   * Inherited presentation attributes: elements leave out values equal to these. They start as
   * SVG's initial values: black fill, butt caps, miter joins.
   */
  private fill = 'black';
  private linecap = 'butt';
  private linejoin = 'miter';
  private readonly layers: (Inherited & { href: boolean })[] = [];

  constructor(opts: SvgOptions) {
    const o = this.out;
    const vb = opts.viewBox;
    o.str('<svg xmlns="http://www.w3.org/2000/svg"');
    this.numAttr(' width="', opts.width);
    this.numAttr(' height="', opts.height);
    o.str(' viewBox="');
    this.numbers(vb.x, vb.y, vb.width, vb.height);
    o.str('"');
    if (opts.fontFamily) this.attr(' font-family="', opts.fontFamily);
    o.str('>\n');
    this.fontFamily = opts.fontFamily;
    if (opts.title) this.title(opts.title);
    if (opts.background && opts.background !== 'none') {
      o.str('<rect class="background"');
      this.box(vb.x, vb.y, vb.width, vb.height);
      this.attr(' fill="', opts.background);
      o.str('/>\n');
    }
  }

  openLayer(layer: GroupShape): void {
    const saved = { fill: this.fill, linecap: this.linecap, linejoin: this.linejoin };
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
    this.out.str('</svg>\n');
    return this.out.toString();
  }

  /** Writes ` name="value"` with the value escaped; `lead` is the text up to the opening quote. */
  private attr(lead: string, value: string): void {
    this.out.str(lead);
    this.out.xml(value, true);
    this.out.str('"');
  }

  /** Writes ` name="number"`; `lead` is the text up to the opening quote. */
  private numAttr(lead: string, v: number): void {
    this.out.str(lead);
    this.out.num(v);
    this.out.str('"');
  }

  /** Writes ` x="…" y="…" width="…" height="…"`. */
  private box(x: number, y: number, width: number, height: number): void {
    this.numAttr(' x="', x);
    this.numAttr(' y="', y);
    this.numAttr(' width="', width);
    this.numAttr(' height="', height);
  }

  private numbers(a: number, b: number, c: number, d: number): void {
    const o = this.out;
    o.num(a);
    o.str(' ');
    o.num(b);
    o.str(' ');
    o.num(c);
    o.str(' ');
    o.num(d);
  }

  private title(text: string): void {
    this.out.str('<title>');
    this.out.xml(text, false);
    this.out.str('</title>\n');
  }

  private paint(p: Paint): void {
    const fill = p.fill ?? 'none';
    if (fill !== this.fill) this.attr(' fill="', fill);
    if (p.stroke && p.stroke !== 'none') {
      this.attr(' stroke="', p.stroke);
      if (p.strokeWidth !== undefined) this.numAttr(' stroke-width="', p.strokeWidth);
      if (p.dash) this.attr(' stroke-dasharray="', p.dash);
    }
    if (p.opacity !== undefined && p.opacity < 1) this.numAttr(' opacity="', p.opacity);
  }

  private shape(s: Shape): void {
    const o = this.out;
    switch (s.type) {
      case 'rect':
        o.str('<rect');
        this.box(s.x, s.y, Math.max(0, s.width), Math.max(0, s.height));
        if (s.rx) this.numAttr(' rx="', s.rx);
        this.paint(s);
        o.str('/>\n');
        return;
      case 'ellipse':
        o.str('<ellipse');
        this.numAttr(' cx="', s.cx);
        this.numAttr(' cy="', s.cy);
        this.numAttr(' rx="', Math.max(0, s.rx));
        this.numAttr(' ry="', Math.max(0, s.ry));
        this.paint(s);
        o.str('/>\n');
        return;
      case 'path':
        this.attr('<path d="', s.d);
        this.paint(s);
        if (s.linecap && s.linecap !== this.linecap) this.attr(' stroke-linecap="', s.linecap);
        if (s.linejoin && s.linejoin !== this.linejoin) this.attr(' stroke-linejoin="', s.linejoin);
        o.str('/>\n');
        return;
      case 'text':
        this.text(s);
        return;
      case 'image': {
        const href = safeImageHref(s.href);
        if (!href) return;
        o.str('<image');
        this.box(s.x, s.y, s.width, s.height);
        this.attr(' href="', href);
        o.str(' preserveAspectRatio="xMidYMid meet"/>\n');
        return;
      }
      case 'group': {
        const saved = { fill: this.fill, linecap: this.linecap, linejoin: this.linejoin };
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
    o.str('<text');
    this.numAttr(' font-size="', s.fontSize);
    if (s.fontFamily && s.fontFamily !== this.fontFamily) this.attr(' font-family="', s.fontFamily);
    if (s.bold) o.str(' font-weight="bold"');
    if (s.italic) o.str(' font-style="italic"');
    if (s.anchor && s.anchor !== 'start') this.attr(' text-anchor="', s.anchor);
    if (s.fill !== this.fill) this.attr(' fill="', s.fill);
    o.str('>');
    for (let i = 0; i < s.lines.length; i++) {
      o.str('<tspan');
      this.numAttr(' x="', s.x);
      this.numAttr(' y="', s.y + i * s.lineHeight);
      o.str('>');
      o.xml(s.lines[i] as string, false);
      o.str('</tspan>');
    }
    o.str('</text>\n');
  }

  /** Writes a group's start tag and sets its inherited attributes; true when it opened a link. */
  private openGroup(g: GroupShape): boolean {
    const o = this.out;
    const href = safeLinkHref(g.href);
    if (href) {
      this.attr('<a href="', href);
      o.str(' target="_blank" rel="noopener noreferrer">\n');
    }
    o.str('<g');
    if (g.className) {
      const c = cleanClass(g.className);
      if (c) this.attr(' class="', c);
    }
    if (g.data) {
      for (const key in g.data) {
        const lead = dataLead(key);
        if (lead) this.attr(lead, g.data[key] as string);
      }
    }
    if (g.fill !== undefined && g.fill !== this.fill) {
      this.attr(' fill="', g.fill);
      this.fill = g.fill;
    }
    if (g.linecap !== undefined && g.linecap !== this.linecap) {
      this.attr(' stroke-linecap="', g.linecap);
      this.linecap = g.linecap;
    }
    if (g.linejoin !== undefined && g.linejoin !== this.linejoin) {
      this.attr(' stroke-linejoin="', g.linejoin);
      this.linejoin = g.linejoin;
    }
    o.str('>\n');
    if (g.title) this.title(g.title);
    return href !== undefined;
  }

  private closeGroup(saved: Inherited, href: boolean): void {
    this.out.str('</g>\n');
    this.fill = saved.fill;
    this.linecap = saved.linecap;
    this.linejoin = saved.linejoin;
    if (href) this.out.str('</a>\n');
  }
}

keepShape(new SvgWriter({ width: 1, height: 1, viewBox: { x: 0, y: 0, width: 1, height: 1 } }));
