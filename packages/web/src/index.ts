// @arbor/web — the browser side: text measuring now; the editor follows (see the package README).
export { CanvasMeasurer, cssFont, type MeasuringContext } from './canvas-measurer.ts';
