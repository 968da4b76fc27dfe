// @arbor/docmap/node — Node-only helpers: jieba word segmentation (WASM read from the installed
// package, never fetched) and reading documents from disk.

import { readFile } from 'node:fs/promises';
import { setWordSegmenter } from './condense.ts';
import { type DocumentMap, type DocumentToMapOptions, documentToMap } from './convert.ts';

let jiebaReady: Promise<void> | undefined;

/** Loads jieba (jieba-wasm's Node build reads its .wasm from node_modules) and uses it to condense Chinese titles. */
export function enableJieba(): Promise<void> {
  jiebaReady ??= import('jieba-wasm').then((jieba) => {
    setWordSegmenter((text) => jieba.cut(text, true));
  });
  return jiebaReady;
}

/** Reads a document from disk and converts it, with jieba segmentation enabled. */
export async function documentFileToMap(path: string, options: DocumentToMapOptions = {}): Promise<DocumentMap> {
  await enableJieba();
  const bytes = new Uint8Array(await readFile(path));
  return documentToMap(bytes, { fileName: path, ...options });
}
