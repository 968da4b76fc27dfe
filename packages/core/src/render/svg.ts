// Shapes → SVG text. Every string that reaches the output is escaped; attribute names are fixed or
// sanitised (`data-*` keys, class names), so no document content can add elements or handlers.

import type { Rect } from '../layout/types.ts';
import type { GroupShape, Paint, Shape, TextShape } from './shapes.ts';
import { fmt, safeImageHref, safeLinkHref } from './shapes.ts';

// Characters XML 1.0 forbids (C0 controls except tab/newline/return, lone surrogates, U+FFFE/FFFF).
const INVALID_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const TEXT_SPECIAL = /[&<>]/g;
const ATTR_SPECIAL = /[&<>"']/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const entity = (c: string): string => ENTITIES[c] as string;

// One cheap test first: most strings (colours, ids, plain text) need no change at all.
const NEEDS_WORK = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

/** Escapes element content; drops characters XML cannot carry. */
export function escapeText(s: string): string {
  if (!NEEDS_WORK.test(s)) return s;
  return s.replace(INVALID_XML, '').replace(TEXT_SPECIAL, entity);
}

/** Escapes a double-quoted attribute value; drops characters XML cannot carry. */
export function escapeAttr(s: string): string {
  if (!NEEDS_WORK.test(s)) return s;
  return s.replace(INVALID_XML, '').replace(ATTR_SPECIAL, entity);
}

const cleanClass = (s: string): string => s.replace(/[^A-Za-z0-9_ -]/g, '').trim();
const cleanDataKey = (s: string): string => s.toLowerCase().replace(/[^a-z0-9-]/g, '');

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
  const vb = opts.viewBox;
  let head = `<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(opts.width)}" height="${fmt(opts.height)}" viewBox="${fmt(vb.x)} ${fmt(vb.y)} ${fmt(vb.width)} ${fmt(vb.height)}"`;
  if (opts.fontFamily) head += ` font-family="${escapeAttr(opts.fontFamily)}"`;
  // SVG's initial values: black fill, butt caps, miter joins.
  const ctx: Ctx = { out: `${head}>\n`, fontFamily: opts.fontFamily, fill: 'black', linecap: 'butt', linejoin: 'miter' };
  if (opts.title) ctx.out += `<title>${escapeText(opts.title)}</title>\n`;
  if (opts.background && opts.background !== 'none') {
    ctx.out += `<rect class="background" x="${fmt(vb.x)}" y="${fmt(vb.y)}" width="${fmt(vb.width)}" height="${fmt(vb.height)}" fill="${escapeAttr(opts.background)}"/>\n`;
  }
  for (const s of shapes) writeShape(ctx, s);
  ctx.out += '</svg>\n';
  return ctx.out;
}

interface Ctx {
  /** The document so far (string concatenation is cheaper than joining many pieces). */
  out: string;
  fontFamily: string | undefined;
  /** Inherited presentation attributes: elements leave out values equal to these. */
  fill: string;
  linecap: string;
  linejoin: string;
}

function paint(ctx: Ctx, p: Paint): string {
  const fill = p.fill ?? 'none';
  let a = fill === ctx.fill ? '' : ` fill="${escapeAttr(fill)}"`;
  if (p.stroke && p.stroke !== 'none') {
    a += ` stroke="${escapeAttr(p.stroke)}"`;
    if (p.strokeWidth !== undefined) a += ` stroke-width="${fmt(p.strokeWidth)}"`;
    if (p.dash) a += ` stroke-dasharray="${escapeAttr(p.dash)}"`;
  }
  if (p.opacity !== undefined && p.opacity < 1) a += ` opacity="${fmt(p.opacity)}"`;
  return a;
}

function writeShape(ctx: Ctx, s: Shape): void {
  switch (s.type) {
    case 'rect': {
      let a = `<rect x="${fmt(s.x)}" y="${fmt(s.y)}" width="${fmt(Math.max(0, s.width))}" height="${fmt(Math.max(0, s.height))}"`;
      if (s.rx) a += ` rx="${fmt(s.rx)}"`;
      ctx.out += `${a}${paint(ctx, s)}/>\n`;
      return;
    }
    case 'ellipse':
      ctx.out += `<ellipse cx="${fmt(s.cx)}" cy="${fmt(s.cy)}" rx="${fmt(Math.max(0, s.rx))}" ry="${fmt(Math.max(0, s.ry))}"${paint(ctx, s)}/>\n`;
      return;
    case 'path': {
      let a = `<path d="${escapeAttr(s.d)}"${paint(ctx, s)}`;
      if (s.linecap && s.linecap !== ctx.linecap) a += ` stroke-linecap="${s.linecap}"`;
      if (s.linejoin && s.linejoin !== ctx.linejoin) a += ` stroke-linejoin="${s.linejoin}"`;
      ctx.out += `${a}/>\n`;
      return;
    }
    case 'text':
      writeText(ctx, s);
      return;
    case 'image': {
      const href = safeImageHref(s.href);
      if (!href) return;
      ctx.out += `<image x="${fmt(s.x)}" y="${fmt(s.y)}" width="${fmt(s.width)}" height="${fmt(s.height)}" href="${escapeAttr(href)}" preserveAspectRatio="xMidYMid meet"/>\n`;
      return;
    }
    case 'group':
      writeGroup(ctx, s);
      return;
  }
}

function writeText(ctx: Ctx, s: TextShape): void {
  // Positions sit on the tspans only (one per line).
  let a = `<text font-size="${fmt(s.fontSize)}"`;
  if (s.fontFamily && s.fontFamily !== ctx.fontFamily) a += ` font-family="${escapeAttr(s.fontFamily)}"`;
  if (s.bold) a += ' font-weight="bold"';
  if (s.italic) a += ' font-style="italic"';
  if (s.anchor && s.anchor !== 'start') a += ` text-anchor="${s.anchor}"`;
  a += s.fill === ctx.fill ? '>' : ` fill="${escapeAttr(s.fill)}">`;
  const x = fmt(s.x);
  for (let i = 0; i < s.lines.length; i++) {
    a += `<tspan x="${x}" y="${fmt(s.y + i * s.lineHeight)}">${escapeText(s.lines[i] as string)}</tspan>`;
  }
  ctx.out += `${a}</text>\n`;
}

function writeGroup(ctx: Ctx, g: GroupShape): void {
  const href = safeLinkHref(g.href);
  if (href) ctx.out += `<a href="${escapeAttr(href)}" target="_blank" rel="noopener noreferrer">\n`;
  let a = '<g';
  if (g.className) {
    const c = cleanClass(g.className);
    if (c) a += ` class="${c}"`;
  }
  if (g.data) {
    for (const key in g.data) {
      const k = cleanDataKey(key);
      if (k) a += ` data-${k}="${escapeAttr(g.data[key] as string)}"`;
    }
  }
  const saved = { fill: ctx.fill, linecap: ctx.linecap, linejoin: ctx.linejoin };
  if (g.fill !== undefined && g.fill !== ctx.fill) {
    a += ` fill="${escapeAttr(g.fill)}"`;
    ctx.fill = g.fill;
  }
  if (g.linecap !== undefined && g.linecap !== ctx.linecap) {
    a += ` stroke-linecap="${g.linecap}"`;
    ctx.linecap = g.linecap;
  }
  if (g.linejoin !== undefined && g.linejoin !== ctx.linejoin) {
    a += ` stroke-linejoin="${g.linejoin}"`;
    ctx.linejoin = g.linejoin;
  }
  ctx.out += `${a}>\n`;
  if (g.title) ctx.out += `<title>${escapeText(g.title)}</title>\n`;
  for (const c of g.children) writeShape(ctx, c);
  ctx.out += '</g>\n';
  ctx.fill = saved.fill;
  ctx.linecap = saved.linecap;
  ctx.linejoin = saved.linejoin;
  if (href) ctx.out += '</a>\n';
}
