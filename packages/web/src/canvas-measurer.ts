// Text measuring in the browser: advance widths from a canvas 2D context, and the line height of
// the bundled Noto Sans SC (1.448 em, what the Node measurer reads from the font), so a browser
// with that font lays a map out as the server does.

import type { FontSpec, TextMeasurer } from '@arbor/core';

/** The part of a canvas 2D context that measuring needs (a real context, or a stand-in in tests). */
export interface MeasuringContext {
  font: string;
  measureText(text: string): { width: number };
}

/** Line height as a multiple of the font size (rounded to whole px, as the Node measurer does). */
const LINE_HEIGHT = 1.448;

export class CanvasMeasurer implements TextMeasurer {
  private current = '';

  constructor(private readonly ctx: MeasuringContext) {}

  /** A measurer on a canvas of its own (browser only). */
  static create(): CanvasMeasurer {
    const ctx = document.createElement('canvas').getContext('2d');
    if (!ctx) throw new Error('this browser has no 2D canvas to measure text with');
    return new CanvasMeasurer(ctx);
  }

  width(text: string, font: FontSpec): number {
    this.use(font);
    return this.ctx.measureText(text).width;
  }

  lineHeight(font: FontSpec): number {
    return Math.round(font.size * LINE_HEIGHT);
  }

  /** Setting `ctx.font` makes the browser parse it: only when the font changes. */
  private use(font: FontSpec): void {
    const css = cssFont(font);
    if (css !== this.current) {
      this.ctx.font = css;
      this.current = css;
    }
  }
}

/** The CSS `font` shorthand of a FontSpec. */
export function cssFont(font: FontSpec): string {
  return `${font.italic ? 'italic ' : ''}${font.bold ? 'bold ' : ''}${font.size}px ${font.family ?? 'sans-serif'}`;
}
