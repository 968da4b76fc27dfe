// FreeMind / Freeplane `.mm`.

import type { FormatModule } from '../types.ts';
import { parseFreemind } from './parse.ts';
import { serializeFreemind } from './serialize.ts';

export { parseFreemind } from './parse.ts';
export { serializeFreemind } from './serialize.ts';
export { xhtmlToText } from './xhtml.ts';

const head = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes.subarray(0, 1024));

export const freemindFormat: FormatModule = {
  name: 'mm',
  extensions: ['mm'],
  mimeType: 'application/x-freemind',
  detect: (bytes, fileName) => /\.mm$/i.test(fileName ?? '') || /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<map[\s>]/.test(head(bytes)),
  parse: parseFreemind,
  serialize: serializeFreemind,
};
