// @arbor/docmap — document → mind map (DESIGN §6). Isomorphic: no `node:` imports here.

export type { Block, BlockKind, ExtractedDocument } from './blocks.ts';
export { condenseTitle, setWordSegmenter, type WordSegmenter } from './condense.ts';
export {
  type DocumentKind,
  type DocumentMap,
  type DocumentToMapOptions,
  detectDocumentKind,
  documentToMap,
  extractDocument,
  isDocumentFileName,
  sourceText,
  textToMap,
} from './convert.ts';
export { decodeText } from './decode.ts';
export { type Marker, type MarkerFamily, parseMarker, STRONG_FAMILIES } from './markers.ts';
export {
  type CitationParts,
  collectReferences,
  lawKey,
  lawNames,
  parseCitation,
  type Repeal,
  type ResolvedCitation,
  resolveCitation,
} from './references.ts';
