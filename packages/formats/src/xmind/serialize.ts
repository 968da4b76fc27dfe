// Writing `.xmind` archives: XMind Zen (content.json, metadata.json, manifest.json, resources/)
// and XMind 8 (content.xml, META-INF/manifest.xml, meta.xml, attachments/).

import type { MindDoc } from '@arbor/core';
import type { SerializeOptions } from '../types.ts';
import { writeZip } from '../zip.ts';
import { docToSheet, ResourceStore } from './doc-to-zen.ts';
import { manifestXml, metaXml, StyleSheet, sheetsToContentXml } from './xml8-write.ts';
import { sheetsToContentJson } from './zen-write.ts';

const allDocs = (doc: MindDoc, options?: SerializeOptions): MindDoc[] => [doc, ...(options?.extraSheets ?? [])];

/** Sheet `n` (from 0) gets ids prefixed so that they stay unique across the workbook. */
const prefixFor = (n: number): string => (n === 0 ? '' : `s${n + 1}-`);

export function serializeZen(doc: MindDoc, options?: SerializeOptions): Uint8Array {
  const resources = new ResourceStore('resources');
  const sheets = allDocs(doc, options).map((d, i) => docToSheet(d, resources, prefixFor(i)));
  const entries: Record<string, Uint8Array | string> = {
    'content.json': sheetsToContentJson(sheets),
    'metadata.json': JSON.stringify({ creator: { name: 'Arbor', version: '0.1.0' }, activeSheetId: sheets[0]?.id }),
  };
  const fileEntries: Record<string, object> = { 'content.json': {}, 'metadata.json': {} };
  for (const [path, bytes] of resources.files) {
    entries[path] = bytes;
    fileEntries[path] = {};
  }
  entries['manifest.json'] = JSON.stringify({ 'file-entries': fileEntries });
  return writeZip(entries, 1);
}

export function serializeXmind8(doc: MindDoc, options?: SerializeOptions): Uint8Array {
  const resources = new ResourceStore('attachments');
  const sheets = allDocs(doc, options).map((d, i) => docToSheet(d, resources, prefixFor(i)));
  const styles = new StyleSheet();
  const entries: Record<string, Uint8Array | string> = {
    'content.xml': sheetsToContentXml(sheets, Date.now(), styles),
    'styles.xml': styles.toXml(),
    'META-INF/manifest.xml': manifestXml([...resources.files.keys()]),
    'meta.xml': metaXml(),
  };
  for (const [path, bytes] of resources.files) entries[path] = bytes;
  return writeZip(entries, 1);
}
