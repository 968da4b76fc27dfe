// Markdown outlines (markmap-compatible), read with a CommonMark parser.

import type { FormatModule } from '../types.ts';
import { parseMarkdown } from './parse.ts';
import { serializeMarkdown } from './serialize.ts';

export {
  type InlineContent,
  type InlineOptions,
  inlineContent,
  isHtmlElementTag,
  lineEnd,
  lineStartsOf,
  linesOf,
  MAX_MARKDOWN_NESTING,
  type MarkdownAst,
  type MdBlock,
  maskMetadata,
  parseInlineTokens,
  parseMarkdownAst,
  plainText,
  type Token,
} from './ast.ts';
export { parseMarkdown } from './parse.ts';
export { serializeMarkdown } from './serialize.ts';

export const markdownFormat: FormatModule = {
  name: 'markdown',
  extensions: ['md', 'markdown', 'mdown', 'mkd'],
  mimeType: 'text/markdown',
  detect: (bytes, fileName) => /\.(md|markdown|mdown|mkd)$/i.test(fileName ?? '') && !bytes.subarray(0, 512).includes(0),
  parse: parseMarkdown,
  serialize: serializeMarkdown,
};
