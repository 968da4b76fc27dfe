// `arbor render IN.json -o OUT.svg [--structure NAME] [--theme NAME] [--padding N] [--transparent]`
// Lays out a native Arbor document (a MindDoc, or the `{format: 'arbor', version, doc}` envelope)
// with the bundled font's real metrics and writes it as SVG (`-o -` writes to standard output).

import { readFileSync, writeFileSync } from 'node:fs';
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

interface RenderArgs {
  input: string;
  output: string;
  structure?: StructureName;
  theme?: string;
  padding?: number;
  transparent: boolean;
}

export function parseRenderArgs(args: string[]): RenderArgs {
  let input: string | undefined;
  let output: string | undefined;
  let structure: StructureName | undefined;
  let theme: string | undefined;
  let padding: number | undefined;
  let transparent = false;
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
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        if (input !== undefined) throw new UsageError(`one input file only, got "${input}" and "${a}"`);
        input = a;
    }
  }
  if (input === undefined) throw new UsageError(`no input file`);
  if (output === undefined) throw new UsageError(`no output file: add -o OUT.svg, or -o - for standard output`);
  return { input, output, structure, theme, padding, transparent };
}

/** Reads the native JSON (bare document or envelope), refusing what cannot be read with one clear line. */
export function readNativeDocument(text: string, file: string): { state: DocState; repairs: Repair[] } {
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
    return { state: stateFromDoc(doc), repairs };
  } catch (err) {
    if (err instanceof DocFormatError) throw new Error(`${file}: ${err.path ? `${err.path}: ` : ''}${err.message}`);
    throw err;
  }
}

export const command = {
  summary: 'render a map (native JSON) as SVG',
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
    const { state, repairs } = readNativeDocument(text, opts.input);
    if (repairs.length > 0) {
      const first = repairs[0] as Repair;
      process.stderr.write(
        `arbor render: repaired ${repairs.length} problem${repairs.length > 1 ? 's' : ''} in ${opts.input} (first: ${first.message})\n`,
      );
    }
    const svg = renderSvg(state, {
      measure: createFontMeasurer(),
      theme: opts.theme,
      structure: opts.structure,
      padding: opts.padding,
      transparent: opts.transparent,
    });
    if (opts.output === '-') process.stdout.write(svg);
    else {
      try {
        writeFileSync(opts.output, svg);
      } catch (err) {
        throw new Error(
          `cannot write ${opts.output}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : (err as Error).message}`,
        );
      }
    }
    return 0;
  },
};
