// Text measuring and wrapping (DESIGN §3).
export { ApproxMeasurer, approxEm } from './approx-measurer.ts';
export { CLS_BREAK_AFTER, CLS_IDEOGRAPH, CLS_NO_END, CLS_NO_START, CLS_SPACE, charClass } from './char-class.ts';
export { FontFormatError, FontMetrics, type FontTables, parseTableDirectory } from './font-metrics.ts';
export { EmWidthTable, emWidthTable } from './width-cache.ts';
export { roundedLineHeight, wrapText } from './wrap.ts';
