// Core's shapes → SVG DOM elements, the same drawing `SvgWriter` serializes (DESIGN §4): what the
// screen shows is what an export writes. Text goes in as text nodes, never as markup.

import { type GroupShape, type Shape, safeImageHref, type TextShape } from '@arbor/core';

export const SVG_NS = 'http://www.w3.org/2000/svg';

const num = (v: number): string => String(Math.round(v * 100) / 100);

export function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs?: Record<string, string | number>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  if (attrs) for (const k in attrs) el.setAttribute(k, String(attrs[k]));
  return el;
}

function paint(el: SVGElement, s: { fill?: string; stroke?: string; strokeWidth?: number; dash?: string; opacity?: number }): void {
  el.setAttribute('fill', s.fill ?? 'none');
  if (s.stroke && s.stroke !== 'none') {
    el.setAttribute('stroke', s.stroke);
    el.setAttribute('stroke-width', num(s.strokeWidth ?? 1));
    if (s.dash) el.setAttribute('stroke-dasharray', s.dash);
  }
  if (s.opacity !== undefined && s.opacity < 1) el.setAttribute('opacity', num(s.opacity));
}

function textEl(s: TextShape): SVGTextElement {
  const t = svgEl('text', { 'font-size': num(s.fontSize), fill: s.fill });
  if (s.fontFamily) t.setAttribute('font-family', s.fontFamily);
  if (s.bold) t.setAttribute('font-weight', 'bold');
  if (s.italic) t.setAttribute('font-style', 'italic');
  if (s.anchor && s.anchor !== 'start') t.setAttribute('text-anchor', s.anchor);
  for (let i = 0; i < s.lines.length; i++) {
    const span = svgEl('tspan', { x: num(s.x), y: num(s.y + i * s.lineHeight) });
    span.textContent = s.lines[i] as string;
    t.appendChild(span);
  }
  return t;
}

/** One shape as an element (null for an image whose URL is not allowed). */
export function shapeToElement(s: Shape): SVGElement | null {
  switch (s.type) {
    case 'rect': {
      const el = svgEl('rect', { x: num(s.x), y: num(s.y), width: num(Math.max(0, s.width)), height: num(Math.max(0, s.height)) });
      if (s.rx) el.setAttribute('rx', num(s.rx));
      paint(el, s);
      return el;
    }
    case 'ellipse': {
      const el = svgEl('ellipse', { cx: num(s.cx), cy: num(s.cy), rx: num(Math.max(0, s.rx)), ry: num(Math.max(0, s.ry)) });
      paint(el, s);
      return el;
    }
    case 'path': {
      const el = svgEl('path', { d: s.d });
      paint(el, s);
      if (s.linecap) el.setAttribute('stroke-linecap', s.linecap);
      if (s.linejoin) el.setAttribute('stroke-linejoin', s.linejoin);
      return el;
    }
    case 'text':
      return textEl(s);
    case 'image': {
      const href = safeImageHref(s.href);
      if (!href) return null;
      return svgEl('image', {
        x: num(s.x),
        y: num(s.y),
        width: num(s.width),
        height: num(s.height),
        href,
        preserveAspectRatio: 'xMidYMid meet',
      });
    }
    case 'group':
      return groupEl(s);
  }
}

/** A group and its children. Links are not followed from the canvas (a click selects); the canvas opens them on purpose. */
export function groupEl(g: GroupShape): SVGGElement {
  const el = svgEl('g');
  if (g.className) el.setAttribute('class', g.className);
  if (g.data) for (const k in g.data) el.setAttribute(`data-${k}`, g.data[k] as string);
  if (g.href) el.setAttribute('data-href', g.href);
  if (g.fill) el.setAttribute('fill', g.fill);
  if (g.stroke) el.setAttribute('stroke', g.stroke);
  if (g.strokeWidth !== undefined) el.setAttribute('stroke-width', num(g.strokeWidth));
  if (g.fontSize !== undefined) el.setAttribute('font-size', num(g.fontSize));
  if (g.title) {
    const t = svgEl('title');
    t.textContent = g.title;
    el.appendChild(t);
  }
  for (const c of g.children) {
    const child = shapeToElement(c);
    if (child) el.appendChild(child);
  }
  return el;
}
