// The format registry: which formats exist, which one a file is, and one entry point each for
// importing a file and exporting a document. Image/PDF exporters join through `registerExporter`.

import type { MindDoc } from '@arbor/core';
import { docToTitleTree } from '@arbor/core';
import { ImportError } from './errors.ts';
import { freemindFormat } from './freemind/index.ts';
import { jsonFormat } from './json/index.ts';
import { LIMITS } from './limits.ts';
import { markdownFormat } from './markdown/index.ts';
import { mmapFormat } from './mmap/index.ts';
import { opmlFormat } from './opml/index.ts';
import { encodeText } from './text/decode.ts';
import { textFormat } from './text/index.ts';
import type { FormatModule, ImportResult, SerializeOptions } from './types.ts';
import { xmind8Format, xmindFormat } from './xmind/index.ts';
import { isZip } from './zip.ts';

/** Options an exporter may read; image exporters add their own (scale, background, paper…). */
export interface ExportOptions extends SerializeOptions {
  [option: string]: unknown;
}

export type Exporter = (doc: MindDoc, options: ExportOptions) => Uint8Array | Promise<Uint8Array>;

export interface FormatInfo {
  name: string;
  extensions: string[];
  mimeType: string;
  canRead: boolean;
  canWrite: boolean;
}

export interface ImportFileOptions {
  fileName?: string;
  /** Format name or extension; overrides detection. */
  from?: string;
  /** 1-based sheet to return as `doc`, or `all` (then `doc` is the first and `sheets` all). */
  sheet?: number | 'all';
  lenient?: boolean;
}

/** Readable formats, in detection order: archives first, then XML, JSON, and text last. */
const FORMATS: FormatModule[] = [xmindFormat, xmind8Format, mmapFormat, freemindFormat, opmlFormat, jsonFormat, markdownFormat, textFormat];

const ALIASES: Record<string, string> = {
  freemind: 'mm',
  freeplane: 'mm',
  md: 'markdown',
  txt: 'text',
  arbor: 'json',
  zen: 'xmind',
  mindmanager: 'mmap',
};

interface ExtraExporter {
  name: string;
  extensions: string[];
  mimeType: string;
  write: Exporter;
}

const treeJson: ExtraExporter = {
  name: 'tree-json',
  extensions: [],
  mimeType: 'application/json',
  write: (doc) => encodeText(`${JSON.stringify(docToTitleTree(doc), null, 2)}\n`),
};
const exporters = new Map<string, ExtraExporter>([[treeJson.name, treeJson]]);

/** Adds (or replaces) an export-only format such as `svg`, `png` or `pdf`. */
export function registerExporter(name: string, ext: string | string[], write: Exporter, mimeType = 'application/octet-stream'): void {
  const extensions = (Array.isArray(ext) ? ext : [ext]).map((e) => e.replace(/^\./, '').toLowerCase());
  exporters.set(name, { name, extensions, mimeType, write });
}

export function listFormats(): FormatInfo[] {
  const out: FormatInfo[] = FORMATS.map((f) => ({
    name: f.name,
    extensions: f.extensions,
    mimeType: f.mimeType,
    canRead: true,
    canWrite: f.serialize !== undefined,
  }));
  for (const e of exporters.values())
    out.push({ name: e.name, extensions: e.extensions, mimeType: e.mimeType, canRead: false, canWrite: true });
  return out;
}

const extensionOf = (s: string): string => {
  const m = /\.([A-Za-z0-9]+)$/.exec(s);
  return (m ? m[1] : s).toLowerCase();
};

/** A readable format by name, alias, extension (`xmind`, `.mm`) or file name (`a.opml`). */
export function findFormat(nameOrExt: string): FormatModule | undefined {
  const key = nameOrExt.trim().toLowerCase().replace(/^\./, '');
  const name = ALIASES[key] ?? key;
  const byName = FORMATS.find((f) => f.name === name);
  if (byName) return byName;
  const ext = extensionOf(key);
  return FORMATS.find((f) => f.extensions.includes(ext));
}

/** The format of these bytes: the file extension first, then the content. */
export function detectFormat(bytes: Uint8Array, fileName?: string): FormatModule | undefined {
  if (fileName) {
    const ext = extensionOf(fileName);
    const owners = FORMATS.filter((f) => f.extensions.includes(ext));
    // An archive format is trusted only when the bytes are an archive; the caller explains if not.
    const fitting = owners.find((f) => safeDetect(f, bytes, fileName));
    if (fitting) return fitting;
    if (owners[0]) return owners[0];
  }
  if (isZip(bytes)) return [mmapFormat, xmindFormat].find((f) => safeDetect(f, bytes));
  for (const f of [freemindFormat, opmlFormat, jsonFormat]) if (safeDetect(f, bytes)) return f;
  return undefined;
}

function safeDetect(f: FormatModule, bytes: Uint8Array, fileName?: string): boolean {
  try {
    return f.detect(bytes, fileName);
  } catch {
    return false;
  }
}

/** What some bytes look like, for messages such as "x.xmind is really a PDF document". */
export function describeBytes(bytes: Uint8Array): string {
  const b = bytes;
  if (b.length === 0) return 'an empty file';
  if (b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) return 'a PDF document';
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'a PNG image';
  if (b[0] === 0xff && b[1] === 0xd8) return 'a JPEG image';
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return 'a GIF image';
  if (isZip(b)) return 'a ZIP archive';
  const head = new TextDecoder('latin1').decode(b.subarray(0, 256)).trimStart();
  if (head.startsWith('<')) return 'an XML or HTML document';
  if (head.startsWith('{') || head.startsWith('[')) return 'JSON data';
  return 'text or unknown data';
}

/** Formats that are ZIP archives, with the name people know them by. */
const ARCHIVE_FORMATS: Record<string, string> = { xmind: 'an XMind', xmind8: 'an XMind 8', mmap: 'a MindManager' };

export async function importFile(bytes: Uint8Array, options: ImportFileOptions = {}): Promise<ImportResult> {
  const { fileName, from, sheet, lenient } = options;
  if (bytes.length > LIMITS.maxInputBytes)
    throw new ImportError('too-large', `the file is larger than ${LIMITS.maxInputBytes >> 20} MB`, from);
  const format = from ? findFormat(from) : detectFormat(bytes, fileName);
  if (!format) {
    if (from) throw new ImportError('unknown-format', `unknown input format "${from}" (known: ${FORMATS.map((f) => f.name).join(', ')})`);
    throw new ImportError(
      'unknown-format',
      `cannot tell what kind of map ${fileName ? `"${fileName}"` : 'this file'} is (${describeBytes(bytes)})`,
    );
  }
  const archive = ARCHIVE_FORMATS[format.name];
  if (archive && !isZip(bytes))
    throw new ImportError(
      'malformed',
      `${fileName ? `"${fileName}"` : 'the file'} is not ${archive} file: it is really ${describeBytes(bytes)}`,
      format.name,
    );
  let result: ImportResult;
  try {
    result = await format.parse(bytes, { fileName, lenient });
  } catch (err) {
    if (err instanceof ImportError) throw err;
    // A parser bug must still reach the user as a clear, typed error; `cause` keeps the original.
    const message = `the ${format.name} file could not be read (${err instanceof Error ? err.message : String(err)})`;
    const wrapped = new ImportError('malformed', message, format.name);
    wrapped.cause = err;
    throw wrapped;
  }
  return selectSheet(result, sheet);
}

function selectSheet(result: ImportResult, sheet: number | 'all' | undefined): ImportResult {
  if (sheet === undefined || sheet === 'all') return result;
  const n = result.sheets.length;
  if (!Number.isInteger(sheet) || sheet < 1 || sheet > n)
    throw new ImportError('missing-part', `there is no sheet ${sheet}: the file has ${n} sheet${n === 1 ? '' : 's'}`, result.format);
  const chosen = result.sheets[sheet - 1] as ImportResult['sheets'][number];
  return { ...result, doc: chosen.doc };
}

/** Serializes a document to a format given by name or extension. */
export async function exportDoc(doc: MindDoc, to: string, options: ExportOptions = {}): Promise<Uint8Array> {
  const key = to.trim().toLowerCase().replace(/^\./, '');
  const extra = exporters.get(key) ?? [...exporters.values()].find((e) => e.extensions.includes(extensionOf(key)));
  if (extra) return extra.write(doc, options);
  const format = findFormat(key);
  if (!format?.serialize) {
    const writable = listFormats()
      .filter((f) => f.canWrite)
      .map((f) => f.name);
    throw new ImportError('unsupported', `cannot write "${to}" (writable formats: ${writable.join(', ')})`);
  }
  return format.serialize(doc, options);
}

/** Preferred file extension for writing a format, e.g. `xmind8` → `xmind`, `tree-json` → `json`. */
export function extensionFor(formatName: string): string {
  const extra = exporters.get(formatName);
  if (extra) return extra.extensions[0] ?? 'json';
  const f = findFormat(formatName);
  return f?.extensions[0] ?? (f?.name === 'xmind8' ? 'xmind' : formatName);
}
