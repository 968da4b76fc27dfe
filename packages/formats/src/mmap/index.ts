// MindManager `.mmap`: read-only.

import type { FormatModule } from '../types.ts';
import { zipEntryNames } from '../zip.ts';
import { parseMmap } from './parse.ts';

export const mmapFormat: FormatModule = {
  name: 'mmap',
  extensions: ['mmap'],
  mimeType: 'application/vnd.mindjet.mindmanager',
  detect(bytes) {
    return zipEntryNames(bytes)?.includes('Document.xml') ?? false;
  },
  parse: parseMmap,
};
