// `arbor convert IN OUT [--from F] [--to F] [--sheet N|all] [--lenient] [--jieba] [--page-size S]
// [--orientation O]` — converts between map formats (formats from the extensions or the flags; the
// page options for PDF output only). Documents (.docx .pdf .html .htm .txt .md) are turned into
// maps by @arbor/docmap unless --from names an outline format. `-` as IN reads stdin, `-` as OUT
// writes stdout (with nothing else on stdout); the import report goes to stderr.

import { readFile, writeFile } from 'node:fs/promises';
import type { MindDoc } from '@arbor/core';
import {
  type ExportOptions,
  exportDoc,
  extensionFor,
  findFormat,
  ImportError,
  type ImportResult,
  importFile,
  listFormats,
  type ReportItem,
} from '@arbor/formats';
import { UsageError } from '../main.ts';
import { assertPdfOutput, ORIENTATIONS, type Orientation, oneOf, PAGE_SIZES, type PageSize } from './pdf-options.ts';

/** Formats that may be read as outlines even though their extensions are also documents. */
const OUTLINE_FORMATS = new Set(['markdown', 'md', 'text', 'txt']);
/** Output formats whose bytes are JSON, so several sheets can go to stdout as one array. */
const JSON_OUTPUTS = new Set(['json', 'tree-json']);

export interface ConvertArgs {
  input: string;
  output: string;
  from?: string;
  to?: string;
  sheet?: number | 'all';
  lenient: boolean;
  /** Shorten document titles at jieba's word boundaries instead of Intl.Segmenter's (0.35 s of CPU to start). */
  jieba?: boolean;
  /** PDF only: one page the size of the map (`fit`), or the map at print scale tiled over A4/A3 sheets. */
  pageSize?: PageSize;
  /** PDF only: sheet orientation (`auto` picks the one needing fewer sheets). */
  orientation?: Orientation;
}

export function parseConvertArgs(args: string[]): ConvertArgs {
  const positional: string[] = [];
  const out: Partial<ConvertArgs> & { lenient: boolean } = { lenient: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-' || !a.startsWith('-')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const [flag, inline] = eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--from') out.from = value();
    else if (flag === '--to') out.to = value();
    else if (flag === '--sheet') {
      const v = value();
      if (v === 'all') out.sheet = 'all';
      else if (/^[1-9]\d{0,5}$/.test(v)) out.sheet = Number(v);
      else throw new UsageError(`--sheet takes a sheet number (1, 2, …) or "all", not "${v}"`);
    } else if (flag === '--lenient') out.lenient = true;
    else if (flag === '--jieba') out.jieba = true;
    else if (flag === '--page-size') out.pageSize = oneOf(flag, value(), PAGE_SIZES);
    else if (flag === '--orientation') out.orientation = oneOf(flag, value(), ORIENTATIONS);
    else throw new UsageError(`unknown option ${a}`);
  }
  if (positional.length !== 2)
    throw new UsageError(
      positional.length < 2
        ? 'convert needs an input and an output'
        : `convert takes one input and one output, not ${positional.length} paths`,
    );
  const [input, output] = positional as [string, string];
  return { ...out, input, output };
}

async function readInput(path: string): Promise<Uint8Array> {
  if (path !== '-') return new Uint8Array(await readFile(path));
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/** The output format name: --to, else the output file's extension. */
async function outputFormat(args: ConvertArgs): Promise<string> {
  const to = args.to ?? (args.output === '-' ? undefined : /\.([A-Za-z0-9]+)$/.exec(args.output)?.[1]?.toLowerCase());
  if (!to) throw new UsageError(`cannot tell the output format of "${args.output}": add --to FORMAT`);
  const known = (name: string) =>
    listFormats().some((f) => f.canWrite && (f.name === name || f.extensions.includes(name))) || findFormat(name)?.serialize !== undefined;
  // Image and PDF exporters live in the Node entry of @arbor/formats, which registers them.
  if (!known(to)) await import('@arbor/formats/node');
  if (!known(to)) {
    const writable = listFormats()
      .filter((f) => f.canWrite)
      .map((f) => f.name);
    throw new UsageError(`cannot write "${to}" (formats: ${writable.join(', ')})`);
  }
  return to;
}

/**
 * docmap; with --jieba, jieba word segmentation switched on (Node reads the WASM from the package).
 * By default titles are shortened at Intl.Segmenter's word boundaries: across the 1,482 laws of
 * ../shared/corpus 2 % of titles end one word earlier or later than with jieba, and starting jieba
 * costs 0.35 s of CPU, more than converting 民法典 (see packages/cli/bench/startup.mjs).
 */
async function loadDocmap(args: ConvertArgs): Promise<typeof import('@arbor/docmap')> {
  if (!args.jieba) return import('@arbor/docmap');
  const [docmap, node] = await Promise.all([import('@arbor/docmap'), import('@arbor/docmap/node')]);
  await node.enableJieba();
  return docmap;
}

async function importInput(bytes: Uint8Array, args: ConvertArgs): Promise<ImportResult> {
  const fileName = args.input === '-' ? undefined : args.input;
  const fromOutline = args.from !== undefined && OUTLINE_FORMATS.has(args.from.toLowerCase());
  if (!args.from && fileName) {
    const docmap = await loadDocmap(args);
    if (docmap.isDocumentFileName(fileName)) {
      const { doc, report } = await docmap.documentToMap(bytes, { fileName });
      return { doc, sheets: [{ title: doc.title, doc }], report, format: 'document' };
    }
  }
  if (args.from && !fromOutline && !findFormat(args.from)) {
    const docmap = await loadDocmap(args);
    if (['docx', 'pdf', 'html', 'htm', 'document'].includes(args.from.toLowerCase())) {
      const { doc, report } = await docmap.documentToMap(bytes, { fileName: `input.${args.from.toLowerCase()}` });
      return { doc, sheets: [{ title: doc.title, doc }], report, format: 'document' };
    }
  }
  try {
    return await importFile(bytes, { fileName, from: args.from, sheet: args.sheet, lenient: args.lenient });
  } catch (err) {
    // Standard input has no file name: what is not a map file is read as a document (PDF, Word and
    // HTML by their bytes, other text as Markdown when it looks like Markdown, else as plain text).
    if (args.input !== '-' || args.from || !(err instanceof ImportError) || err.code !== 'unknown-format') throw err;
    const docmap = await loadDocmap(args);
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
    const binary = head.startsWith('%PDF') || head.startsWith('PK\u0003\u0004');
    const html = !binary && /<(?:!doctype html|html|head|body|meta|h[1-6]|p|div|main|article)[\s>]/i.test(head);
    const { doc, report } =
      binary || html
        ? await docmap.documentToMap(bytes, html ? { fileName: 'stdin.html' } : {})
        : docmap.textToMap(new TextDecoder().decode(bytes));
    return { doc, sheets: [{ title: doc.title, doc }], report, format: 'document' };
  }
}

function printReport(report: ReportItem[]): void {
  for (const item of report) process.stderr.write(`arbor convert: note: ${item.message}\n`);
}

async function writeOutput(path: string, bytes: Uint8Array): Promise<void> {
  if (path !== '-') {
    await writeFile(path, bytes);
    return;
  }
  await new Promise<void>((resolve, reject) => process.stdout.write(bytes, (err) => (err ? reject(err) : resolve())));
}

/** `out.xmind` → `out-2.xmind`. */
export function sheetFileName(path: string, n: number): string {
  const m = /^(.*?)(\.[A-Za-z0-9]+)?$/.exec(path) as RegExpExecArray;
  return `${m[1]}-${n}${m[2] ?? ''}`;
}

/** The PDF page options, refused before any reading when the output is not a PDF. */
function pageOptions(args: ConvertArgs, to: string): ExportOptions {
  if (args.pageSize === undefined && args.orientation === undefined) return {};
  const key = to.toLowerCase().replace(/^\./, '');
  const format = listFormats().find((f) => f.name === key || f.extensions.includes(key));
  assertPdfOutput(args, format?.name === 'pdf', to);
  return { pageSize: args.pageSize ?? 'fit', orientation: args.orientation ?? 'auto' };
}

export async function convert(args: ConvertArgs): Promise<void> {
  const to = await outputFormat(args);
  const options = pageOptions(args, to);
  const result = await importInput(await readInput(args.input), args);
  printReport(result.report);
  if (args.sheet !== 'all') {
    await writeOutput(args.output, await exportDoc(result.doc, to, options));
    return;
  }
  const docs: MindDoc[] = result.sheets.map((s) => s.doc);
  if (args.output === '-') {
    const key = to.toLowerCase();
    if (!JSON_OUTPUTS.has(key) && findFormat(key)?.name !== 'json')
      throw new UsageError(`--sheet all to stdout needs a JSON output (--to json or --to tree-json), not "${to}"`);
    const decoder = new TextDecoder();
    const values = [];
    for (const doc of docs) values.push(JSON.parse(decoder.decode(await exportDoc(doc, to, options))));
    await writeOutput('-', new TextEncoder().encode(`${JSON.stringify(values, null, 2)}\n`));
    return;
  }
  const ext = extensionFor(to);
  const base = /\.[A-Za-z0-9]+$/.test(args.output) ? args.output : `${args.output}.${ext}`;
  for (let i = 0; i < docs.length; i++) await writeOutput(sheetFileName(base, i + 1), await exportDoc(docs[i] as MindDoc, to, options));
  process.stderr.write(`arbor convert: wrote ${docs.length} file${docs.length === 1 ? '' : 's'} (${sheetFileName(base, 1)} …)\n`);
}

export const command = {
  summary: 'convert a map or document between formats',
  async run(args: string[]): Promise<number> {
    await convert(parseConvertArgs(args));
    return 0;
  },
};
