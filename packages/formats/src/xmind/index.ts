// XMind formats: `xmind` reads XMind Zen and XMind 8 archives and writes XMind Zen;
// `xmind8` reads the same and writes XMind 8 (content.xml).

import type { FormatModule } from '../types.ts';
import { zipEntryNames } from '../zip.ts';
import { parseXmind } from './parse.ts';
import { serializeXmind8, serializeZen } from './serialize.ts';

const MIME = 'application/vnd.xmind.workbook';

function entries(bytes: Uint8Array): string[] {
  return zipEntryNames(bytes) ?? [];
}

export const xmindFormat: FormatModule = {
  name: 'xmind',
  extensions: ['xmind'],
  mimeType: MIME,
  detect(bytes, fileName) {
    const names = entries(bytes);
    if (names.includes('content.json') || names.includes('content.xml')) return !names.includes('Document.xml');
    return names.length > 0 && /\.xmind$/i.test(fileName ?? '');
  },
  parse: parseXmind,
  serialize: serializeZen,
};

export const xmind8Format: FormatModule = {
  name: 'xmind8',
  // Files are `.xmind` too, but `xmind` owns the extension for writing: XMind 8 is chosen by name.
  extensions: [],
  mimeType: MIME,
  detect(bytes) {
    const names = entries(bytes);
    return names.includes('content.xml') && !names.includes('content.json');
  },
  parse: parseXmind,
  serialize: serializeXmind8,
};
