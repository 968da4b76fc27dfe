// `arbor render IN.json -o OUT.svg|png|pdf [--structure NAME] [--theme NAME] [--padding N] [--transparent]
// [--page-size fit|a4|a3] [--orientation auto|portrait|landscape]`
// Lays out a native Arbor document (a MindDoc, or the `{format: 'arbor', version, doc}` envelope)
// with the bundled font's real metrics and writes it as SVG (`-o -` writes to standard output), or,
// for an OUT ending in .png or .pdf, through @arbor/formats' exporters (the page options: PDF only).

import { readFileSync, writeFileSync } from 'node:fs';
import type { MindDoc } from '@arbor/core';
import {
  DocFormatError,
  type DocState,
  getTheme,
  isStructureName,
  parseDocJson,
  type Repair,
  renderSvg,
  restore,
  STRUCTURE_NAMES,
  type StructureName,
  stateFromDoc,
  themeNames,
  validateDoc,
} from '@arbor/core';
import { createFontMeasurer } from '@arbor/core/node';
import { UsageError } from '../main.ts';
import { assertPdfOutput, ORIENTATIONS, type Orientation, oneOf, PAGE_SIZES, type PageSize } from './pdf-options.ts';

interface RenderArgs {
  input: string;
  output: string;
  structure?: StructureName;
  theme?: string;
  padding?: number;
  transparent: boolean;
  pageSize?: PageSize;
  orientation?: Orientation;
}

/** What -o asks for, by its extension: PNG and PDF, else SVG (standard output is SVG). */
export function renderFormat(output: string): 'svg' | 'png' | 'pdf' {
  const ext = /\.([A-Za-z0-9]+)$/.exec(output)?.[1]?.toLowerCase();
  return ext === 'png' || ext === 'pdf' ? ext : 'svg';
}

export function parseRenderArgs(args: string[]): RenderArgs {
  let input: string | undefined;
  let output: string | undefined;
  let structure: StructureName | undefined;
  let theme: string | undefined;
  let padding: number | undefined;
  let transparent = false;
  const page: { pageSize?: PageSize; orientation?: Orientation } = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const inline = eq > 0 ? a.slice(eq + 1) : undefined;
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-o':
      case '--output':
        output = value();
        break;
      case '--structure': {
        const v = value();
        if (!isStructureName(v)) throw new UsageError(`unknown structure "${v}" (structures: ${STRUCTURE_NAMES.join(', ')})`);
        structure = v;
        break;
      }
      case '--theme': {
        const v = value();
        if (!getTheme(v)) throw new UsageError(`unknown theme "${v}" (themes: ${themeNames().join(', ')})`);
        theme = v;
        break;
      }
      case '--padding': {
        const v = value();
        const n = Number(v);
        if (!Number.isFinite(n) || n < 0 || n > 10000)
          throw new UsageError(`--padding must be a number of pixels from 0 to 10000, not "${v}"`);
        padding = n;
        break;
      }
      case '--transparent':
        transparent = true;
        break;
      case '--page-size':
        page.pageSize = oneOf(flag, value(), PAGE_SIZES);
        break;
      case '--orientation':
        page.orientation = oneOf(flag, value(), ORIENTATIONS);
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        if (input !== undefined) throw new UsageError(`one input file only, got "${input}" and "${a}"`);
        input = a;
    }
  }
  if (input === undefined) throw new UsageError(`no input file`);
  if (output === undefined) throw new UsageError(`no output file: add -o OUT.svg, or -o - for standard output`);
  const format = renderFormat(output);
  assertPdfOutput(page, format === 'pdf', output);
  // The exporters frame every map with their own fixed margin.
  if (padding !== undefined && format !== 'svg') throw new UsageError(`--padding is for SVG output only, not "${output}"`);
  return { input, output, structure, theme, padding, transparent, ...page };
}

/** Reads the native JSON (bare document or envelope), refusing what cannot be read with one clear line. */
export function readNativeDocument(text: string, file: string): { doc: MindDoc; state: DocState; repairs: Repair[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // parseDocJson names the line and column of the first syntax error.
    try {
      parseDocJson(text);
    } catch (err) {
      if (err instanceof DocFormatError) throw new Error(`${file}: ${err.message}`);
    }
    throw new Error(`${file}: malformed JSON`);
  }
  let json = value;
  let prefix = '';
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'doc' in value) {
    const env = value as { format?: unknown; version?: unknown; doc: unknown };
    if (env.format !== undefined && env.format !== 'arbor')
      throw new Error(`${file}: format must be "arbor", not ${JSON.stringify(env.format)}`);
    if (env.version !== undefined && typeof env.version !== 'number') throw new Error(`${file}: version must be a number`);
    json = env.doc;
    prefix = 'doc';
  }
  const first = validateDoc(json).find((i) => !i.repairable);
  if (first) {
    const path = [prefix, first.path].filter(Boolean).join('.');
    throw new Error(`${file}: ${path ? `${path} ${first.message}` : `the document ${first.message}`}`);
  }
  try {
    const { doc, repairs } = restore(json);
    return { doc, state: stateFromDoc(doc), repairs };
  } catch (err) {
    if (err instanceof DocFormatError) throw new Error(`${file}: ${err.path ? `${err.path}: ` : ''}${err.message}`);
    throw err;
  }
}

export const command = {
  summary: 'render a map (native JSON) as SVG, PNG or PDF',
  async run(args: string[]): Promise<number> {
    const opts = parseRenderArgs(args);
    let text: string;
    try {
      text = readFileSync(opts.input === '-' ? 0 : opts.input, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new Error(
        code === 'ENOENT' ? `cannot read ${opts.input}: no such file` : `cannot read ${opts.input}: ${(err as Error).message}`,
      );
    }
    const { doc, state, repairs } = readNativeDocument(text, opts.input);
    if (repairs.length > 0) {
      const first = repairs[0] as Repair;
      process.stderr.write(
        `arbor render: repaired ${repairs.length} problem${repairs.length > 1 ? 's' : ''} in ${opts.input} (first: ${first.message})\n`,
      );
    }
    const format = renderFormat(opts.output);
    let out: string | Uint8Array;
    if (format === 'svg')
      out = renderSvg(state, {
        measure: createFontMeasurer(),
        theme: opts.theme,
        structure: opts.structure,
        padding: opts.padding,
        transparent: opts.transparent,
      });
    else {
      // The Node entry registers the PNG and PDF exporters.
      const [{ exportDoc }] = await Promise.all([import('@arbor/formats'), import('@arbor/formats/node')]);
      out = await exportDoc(doc, format, {
        ...(opts.structure ? { structure: opts.structure } : {}),
        ...(opts.theme ? { theme: opts.theme } : {}),
        ...(opts.transparent ? { background: 'transparent' } : {}),
        ...(format === 'pdf' ? { pageSize: opts.pageSize ?? 'fit', orientation: opts.orientation ?? 'auto' } : {}),
      });
    }
    if (opts.output === '-') process.stdout.write(out);
    else {
      try {
        writeFileSync(opts.output, out);
      } catch (err) {
        throw new Error(
          `cannot write ${opts.output}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : (err as Error).message}`,
        );
      }
    }
    return 0;
  },
};
