// The effective look of one topic: theme level, then rainbow branch colour, then the topic's own
// style overrides (validated colours only).

import type { Topic, TopicShape } from '../model.ts';
import { contrastText, mix, safeColor } from './color.ts';
import type { Theme } from './theme-types.ts';
import { levelStyle } from './themes.ts';

export interface ResolvedTopicStyle {
  fill: string;
  color: string;
  borderColor: string;
  borderWidth: number;
  shape: TopicShape;
  bold: boolean;
  italic: boolean;
  paddingX: number;
  paddingY: number;
  /** Connector colour and width towards this topic's children. */
  lineColor: string;
  lineWidth: number;
}

const SHAPES: readonly TopicShape[] = ['rect', 'rounded', 'ellipse', 'underline', 'none', 'capsule', 'diamond'];

/**
 * Style of a topic at `depth`; `branchColor` is the rainbow colour of its main branch (if the
 * theme has branch colours and the topic is not the root).
 */
export function resolveTopicStyle(
  theme: Theme,
  depth: number,
  topic: Topic | undefined,
  branchColor: string | undefined,
): ResolvedTopicStyle {
  const base = levelStyle(theme, depth);
  const s: ResolvedTopicStyle = {
    fill: base.fill,
    color: base.color,
    borderColor: base.borderColor,
    borderWidth: base.borderWidth,
    shape: base.shape,
    bold: base.bold,
    italic: false,
    paddingX: base.paddingX,
    paddingY: base.paddingY,
    lineColor: base.lineColor,
    lineWidth: base.lineWidth,
  };
  if (branchColor && depth > 0) {
    s.lineColor = branchColor;
    if (depth === 1) {
      if (s.fill !== 'none') {
        s.fill = branchColor;
        s.color = contrastText(branchColor);
        if (s.borderColor !== 'none') s.borderColor = mix(branchColor, '#000000', 0.2);
      } else {
        s.borderColor = branchColor;
        if (s.borderWidth === 0) s.borderWidth = 1.5;
      }
    } else {
      if (s.borderColor !== 'none' || s.shape === 'underline') s.borderColor = branchColor;
      if (s.fill !== 'none') s.fill = mix(branchColor, '#ffffff', 0.85);
    }
  }
  const o = topic?.style;
  if (o) {
    s.fill = safeColor(o.fill, s.fill);
    s.color = safeColor(o.color, s.color);
    s.borderColor = safeColor(o.borderColor, s.borderColor);
    if (typeof o.borderWidth === 'number' && Number.isFinite(o.borderWidth)) s.borderWidth = Math.max(0, Math.min(20, o.borderWidth));
    if (o.shape && SHAPES.includes(o.shape)) s.shape = o.shape;
    if (typeof o.bold === 'boolean') s.bold = o.bold;
    if (typeof o.italic === 'boolean') s.italic = o.italic;
    s.lineColor = safeColor(o.lineColor, s.lineColor);
    // A custom fill without a custom text colour: keep the text readable.
    if (o.fill && !o.color && s.fill !== 'none') s.color = contrastText(s.fill);
  }
  return s;
}
