// @arbor/web — the browser app. Its entry is `src/app/main.ts` (built by Vite); this module exports
// what other code may mount: the editor in any element, and the canvas text measurer.
export { CanvasMeasurer, cssFont, type MeasuringContext } from './canvas-measurer.ts';
export { Editor, type EditorEvents } from './editor/editor.ts';
export { type EditorView, type MountOptions, mountEditor } from './editor/mount.ts';
