// Convenience entry points: a document (or a document plus its layout) straight to an SVG string.

import { layoutDoc } from '../layout/engine.ts';
import type { LayoutResult, Rect } from '../layout/types.ts';
import type { StructureName } from '../model.ts';
import type { DocState } from '../store.ts';
import type { TextMeasurer } from '../text/types.ts';
import { emitShapes, type RenderOptions } from './render-shapes.ts';
import { SvgWriter } from './svg.ts';
import type { Theme } from './theme-types.ts';
import { getTheme, resolveTheme, themeNames } from './themes.ts';

export class UnknownThemeError extends Error {
  override readonly name = 'UnknownThemeError';
  constructor(readonly theme: string) {
    super(`unknown theme "${theme}" (themes: ${themeNames().join(', ')})`);
  }
}

export interface SvgExportOptions extends RenderOptions {
  /** Empty room around the map (px, default 32). */
  padding?: number;
  /** Transparent background instead of the theme's. */
  transparent?: boolean;
}

export interface RenderSvgOptions extends SvgExportOptions {
  measure: TextMeasurer;
  /** A registered theme name or a theme; defaults to the document's theme (with its overrides). */
  theme?: string | Theme;
  /** Lay the map out in this structure instead of the document's. */
  structure?: StructureName;
}

const DEFAULT_PADDING = 32;

/** The theme to draw `state` with: an explicit one, or the document's with its overrides. */
export function themeFor(state: DocState, theme?: string | Theme): Theme {
  if (typeof theme === 'object') return theme;
  if (typeof theme === 'string') {
    if (!getTheme(theme)) throw new UnknownThemeError(theme);
    return resolveTheme({ name: theme, overrides: state.theme.overrides });
  }
  return resolveTheme(state.theme);
}

/** Lays out and renders a document as a standalone SVG document. */
export function renderSvg(state: DocState, options: RenderSvgOptions): string {
  const theme = themeFor(state, options.theme);
  const doc = options.structure && options.structure !== state.structure ? { ...state, structure: options.structure } : state;
  const layout = layoutDoc(doc, { measure: options.measure, theme });
  return layoutToSvg(doc, layout, theme, options);
}

/** Renders an already computed layout as a standalone SVG document. */
export function layoutToSvg(state: DocState, layout: LayoutResult, theme: Theme, options: SvgExportOptions = {}): string {
  const pad = Math.max(0, options.padding ?? DEFAULT_PADDING);
  const area: Rect = options.viewport ?? layout.bounds;
  const x = Math.floor(area.x - pad);
  const y = Math.floor(area.y - pad);
  const viewBox = { x, y, width: Math.ceil(area.x + area.width + pad) - x, height: Math.ceil(area.y + area.height + pad) - y };
  const writer = new SvgWriter(
    {
      width: viewBox.width,
      height: viewBox.height,
      viewBox,
      background: options.transparent ? undefined : theme.background,
      fontFamily: theme.fontFamily,
      title: state.title,
    },
    true, // every shape comes from emitShapes: its path data is numbers and commands only
  );
  emitShapes(state, layout, theme, options, writer);
  return writer.finish();
}
