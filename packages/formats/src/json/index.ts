// Native JSON: a MindDoc in a versioned envelope `{format: 'arbor', version: 1, doc}`. Reading
// also accepts a bare MindDoc (both repaired by core's restore()) and the JSON of
// simple-mind-map and Mind Elixir.

import type { MindDoc } from '@arbor/core';
import { ImportError } from '../errors.ts';
import { baseName, decodeText, encodeText } from '../text/decode.ts';
import type { FormatModule, ImportResult, ParseOptions } from '../types.ts';
import { ReportBuilder } from '../types.ts';
import { isMindElixir, isSimpleMindMap, parseMindElixir, parseSimpleMindMap } from './apps.ts';
import { restoreDoc } from './restore-doc.ts';

const FORMAT = 'json';
export const ENVELOPE_FORMAT = 'arbor';
export const ENVELOPE_VERSION = 1;

export interface ArborEnvelope {
  format: typeof ENVELOPE_FORMAT;
  version: number;
  doc: MindDoc;
}

/** Parses JSON text, turning the engine's error into a readable ImportError. */
function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new ImportError('malformed', `the file is not valid JSON (${msg})`, FORMAT);
  }
}

/** Any JSON value read as a map: the Arbor envelope, a bare MindDoc, or another app's tree. */
export function docFromJsonValue(value: unknown, report: ReportBuilder, fileName?: string): { doc: MindDoc; kind: string } {
  const obj = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  if (obj?.format === ENVELOPE_FORMAT) {
    const version = obj.version;
    if (typeof version !== 'number') throw new ImportError('malformed', 'the Arbor envelope has no version number', FORMAT);
    if (version > ENVELOPE_VERSION)
      throw new ImportError('unsupported', `the file was written by a newer Arbor (envelope version ${version})`, FORMAT);
    return { doc: restoreDoc(obj.doc, report, FORMAT), kind: 'arbor' };
  }
  if (obj && 'rootId' in obj && 'topics' in obj) return { doc: restoreDoc(obj, report, FORMAT), kind: 'arbor' };
  const title = baseName(fileName);
  if (isMindElixir(obj)) return { doc: parseMindElixir(obj as Record<string, unknown>, report, FORMAT, title), kind: 'mind-elixir' };
  if (isSimpleMindMap(obj))
    return { doc: parseSimpleMindMap(obj as Record<string, unknown>, report, FORMAT, title), kind: 'simple-mind-map' };
  throw new ImportError(
    'unknown-format',
    'this JSON is not a mind map Arbor knows (expected an Arbor map, simple-mind-map data or Mind Elixir nodeData)',
    FORMAT,
  );
}

export function parseJson(bytes: Uint8Array, options: ParseOptions = {}): ImportResult {
  const value = parseJsonText(decodeText(bytes, FORMAT));
  const report = new ReportBuilder();
  const { doc } = docFromJsonValue(value, report, options.fileName);
  return { doc, sheets: [{ title: doc.title, doc }], report: report.build(), format: FORMAT };
}

export function envelope(doc: MindDoc): ArborEnvelope {
  return { format: ENVELOPE_FORMAT, version: ENVELOPE_VERSION, doc };
}

export function serializeJson(doc: MindDoc): Uint8Array {
  return encodeText(`${JSON.stringify(envelope(doc), null, 2)}\n`);
}

const looksLikeJson = (bytes: Uint8Array): boolean => {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x7b; // '{'
};

export const jsonFormat: FormatModule = {
  name: 'json',
  extensions: ['json', 'arbor', 'smm'],
  mimeType: 'application/json',
  detect: (bytes, fileName) => /\.(json|arbor|smm)$/i.test(fileName ?? '') || looksLikeJson(bytes),
  parse: parseJson,
  serialize: serializeJson,
};
