// The editor's clipboard: paste parsing (text, Markdown, chat answers, HTML), copying subtrees with
// the Arbor payload, and reading a paste back into operations. Framework-free. The image reader
// (`./image.ts`) needs a browser when called; importing it anywhere is harmless.
export { type ClipboardData, type CopiedSubtrees, copySubtrees, readClipboard } from './clipboard.ts';
export { domHtmlParser, type HtmlAdapter, type HtmlParser, type ParsedHtml } from './html.ts';
export { imageFromClipboard, type PastedImage } from './image.ts';
export { dataUrlBytes, encodeSteps, fitWidth, MAX_IMAGE_BYTES, MAX_IMAGE_WIDTH, PASTE_IMAGE_TYPES } from './image-plan.ts';
export { normalizeText, safeHref, stripInline } from './inline.ts';
export { countNodes, MAX_OUTLINE_DEPTH, type OutlineNode, outlineToNewTopics, type PastedOutline } from './outline.ts';
export { parsePastedText } from './paste-text.ts';
export {
  ARBOR_MIME,
  type ClipboardContent,
  type ClipboardPayload,
  MAX_PAYLOAD_CHARS,
  MAX_PAYLOAD_TOPICS,
  payloadFromState,
  readPayload,
  safeColor,
  safeImageSrc,
} from './payload.ts';
