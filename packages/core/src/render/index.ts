// Public surface of rendering: themes, the shape list, the renderer and the SVG serializer.
export { contrastText, mix, safeColor } from './color.ts';
export { bracePath, hashString, type Pen, plainPen, sketchyPen } from './pen.ts';
export { emitShapes, type RenderOptions, renderShapes } from './render-shapes.ts';
export { layoutToSvg, type RenderSvgOptions, renderSvg, type SvgExportOptions, themeFor, UnknownThemeError } from './render-svg.ts';
export type { EllipseShape, GroupShape, ImageShape, Paint, PathShape, RectShape, Shape, TextShape } from './shapes.ts';
export { fmt, safeImageHref, safeLinkHref } from './shapes.ts';
export { escapeAttr, escapeText, type ShapeSink, type SvgOptions, SvgWriter, shapesToSvg } from './svg.ts';
export * from './themes.ts';
export { type ResolvedTopicStyle, resolveTopicStyle } from './topic-style.ts';
