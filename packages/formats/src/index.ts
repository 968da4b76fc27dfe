// @arbor/formats — one module per file format (DESIGN §5). Isomorphic main entry;
// Node-only exporters (PNG, PDF) live in `./node.ts`.

export * from './errors.ts';
export { freemindFormat, parseFreemind, serializeFreemind, xhtmlToText } from './freemind/index.ts';
export { type ArborEnvelope, docFromJsonValue, ENVELOPE_VERSION, envelope, jsonFormat, parseJson, serializeJson } from './json/index.ts';
export * from './limits.ts';
export * from './markdown/index.ts';
export * from './markers.ts';
export { mmapFormat } from './mmap/index.ts';
export { opmlFormat, parseOpml, serializeOpml } from './opml/index.ts';
export * from './registry.ts';
export { DEFAULT_ROOT_TEXT, parseText, serializeText, textFormat } from './text/index.ts';
export * from './types.ts';
export { xmind8Format, xmindFormat } from './xmind/index.ts';
export * from './xml.ts';
export * from './zip.ts';
