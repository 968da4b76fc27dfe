// The part of XMind's per-topic style properties that Arbor's TopicStyle holds.

import type { TopicShape, TopicStyle } from '@arbor/core';
import { asString } from './zen-types.ts';

const SHAPES: [xmind: string, arbor: TopicShape][] = [
  ['org.xmind.topicShape.rect', 'rect'],
  ['org.xmind.topicShape.roundedRect', 'rounded'],
  ['org.xmind.topicShape.ellipse', 'ellipse'],
  ['org.xmind.topicShape.underline', 'underline'],
  ['org.xmind.topicShape.noBorder', 'none'],
  ['org.xmind.topicShape.stadium', 'capsule'],
  ['org.xmind.topicShape.diamond', 'diamond'],
];

/** Only plain hex colours pass: anything else could smuggle markup into an SVG export. */
const colour = (v: unknown): string | undefined => {
  const s = asString(v)?.trim();
  return s && /^#(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(s) ? s.toUpperCase() : undefined;
};

export function styleFromXmind(properties: Record<string, unknown> | undefined): TopicStyle | undefined {
  if (!properties || typeof properties !== 'object') return undefined;
  const style: TopicStyle = {};
  const fill = colour(properties['svg:fill']);
  if (fill) style.fill = fill;
  const color = colour(properties['fo:color']);
  if (color) style.color = color;
  const border = colour(properties['border-line-color']);
  if (border) style.borderColor = border;
  const line = colour(properties['line-color']);
  if (line) style.lineColor = line;
  const weight = asString(properties['fo:font-weight']);
  if (weight === 'bold' || (weight && Number(weight) >= 600)) style.bold = true;
  if (asString(properties['fo:font-style']) === 'italic') style.italic = true;
  const size = Number.parseFloat(asString(properties['fo:font-size']) ?? '');
  if (Number.isFinite(size) && size > 0 && size < 500) style.fontSize = size;
  const shape = asString(properties['shape-class']);
  const found = SHAPES.find(([x]) => x === shape);
  if (found) style.shape = found[1];
  return Object.keys(style).length ? style : undefined;
}

export function styleToXmind(style: TopicStyle | undefined): Record<string, string> | undefined {
  if (!style) return undefined;
  const p: Record<string, string> = {};
  if (style.fill) p['svg:fill'] = style.fill;
  if (style.color) p['fo:color'] = style.color;
  if (style.borderColor) p['border-line-color'] = style.borderColor;
  if (style.lineColor) p['line-color'] = style.lineColor;
  if (style.bold) p['fo:font-weight'] = 'bold';
  if (style.italic) p['fo:font-style'] = 'italic';
  if (style.fontSize) p['fo:font-size'] = `${style.fontSize}pt`;
  const shape = SHAPES.find(([, a]) => a === style.shape);
  if (shape) p['shape-class'] = shape[0];
  return Object.keys(p).length ? p : undefined;
}

export { colour as xmindColour };
