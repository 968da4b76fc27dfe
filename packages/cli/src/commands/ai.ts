// `arbor ai generate "主题" -o map.xmind` and `arbor ai document notice.docx -o map.xmind`: the AI
// flows of @arbor/ai from the command line, with the server's environment variables
// (ARBOR_AI_BASE_URL, ARBOR_AI_API_KEY, ARBOR_AI_MODEL or ARBOR_AI_PRESET). Topics are printed to
// stderr as they arrive; the map is written in the format of the output's extension.

import { readFile, writeFile } from 'node:fs/promises';
import {
  AiError,
  documentToMapWithModel,
  type FlowContext,
  type FlowEvent,
  findPreset,
  generateMap,
  PROVIDER_PRESETS,
  type ProviderConfig,
} from '@arbor/ai';
import { applyOps, DocBuilder, docFromState, type MindDoc, type Op, STRUCTURE_NAMES, type StructureName, stateFromDoc } from '@arbor/core';
import { exportDoc, findFormat, listFormats } from '@arbor/formats';
import { UsageError } from '../main.ts';

const USAGE = `usage:
  arbor ai generate "TOPIC" -o OUT [--depth 1-5] [--lang zh|en] [--hint TEXT] [--structure NAME]
  arbor ai document FILE -o OUT [--concurrency 1-4] [--lang zh|en]
environment: ARBOR_AI_BASE_URL, ARBOR_AI_MODEL, ARBOR_AI_API_KEY (or ARBOR_AI_PRESET=${PROVIDER_PRESETS.map((p) => p.id).join('|')})`;

export interface AiArgs {
  action: 'generate' | 'document';
  input: string;
  output: string;
  depth?: number;
  lang?: string;
  hint?: string;
  structure?: StructureName;
  concurrency?: number;
}

export function parseAiArgs(args: string[]): AiArgs {
  const [action, ...rest] = args;
  if (action !== 'generate' && action !== 'document') throw new UsageError(`ai needs generate or document (${USAGE})`);
  const positional: string[] = [];
  const out: Partial<AiArgs> = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (!a.startsWith('-') || a === '-') {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const [flag, inline] = eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    const int = (lo: number, hi: number): number => {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < lo || n > hi) throw new UsageError(`${flag} takes a whole number from ${lo} to ${hi}, not "${v}"`);
      return n;
    };
    if (flag === '-o' || flag === '--output') out.output = value();
    else if (flag === '--depth') out.depth = int(1, 5);
    else if (flag === '--concurrency') out.concurrency = int(1, 4);
    else if (flag === '--lang') out.lang = value();
    else if (flag === '--hint') out.hint = value();
    else if (flag === '--structure') {
      const v = value();
      if (!(STRUCTURE_NAMES as readonly string[]).includes(v))
        throw new UsageError(`--structure must be one of ${STRUCTURE_NAMES.join(', ')}`);
      out.structure = v as StructureName;
    } else throw new UsageError(`unknown option ${a}`);
  }
  if (positional.length !== 1) throw new UsageError(`ai ${action} needs one ${action === 'generate' ? 'topic' : 'file'} (${USAGE})`);
  if (!out.output) throw new UsageError(`ai ${action} needs -o OUT`);
  return { ...out, action, input: positional[0] as string, output: out.output };
}

/** The provider from the environment, or a usage error naming what to set. */
export function providerFromEnv(env: NodeJS.ProcessEnv, offlineHint: string): ProviderConfig {
  const preset = env.ARBOR_AI_PRESET ? findPreset(env.ARBOR_AI_PRESET) : undefined;
  if (env.ARBOR_AI_PRESET && !preset)
    throw new UsageError(`ARBOR_AI_PRESET "${env.ARBOR_AI_PRESET}" is not one of ${PROVIDER_PRESETS.map((p) => p.id).join(', ')}`);
  const baseUrl = env.ARBOR_AI_BASE_URL || preset?.baseUrl;
  const model = env.ARBOR_AI_MODEL || preset?.model;
  if (!baseUrl || !model) {
    throw new UsageError(
      `未配置模型服务 (no model provider): set ARBOR_AI_BASE_URL and ARBOR_AI_MODEL (and ARBOR_AI_API_KEY), or ARBOR_AI_PRESET=ollama for a local Ollama.${offlineHint}`,
    );
  }
  return { baseUrl, model, ...(env.ARBOR_AI_API_KEY ? { apiKey: env.ARBOR_AI_API_KEY } : {}) };
}

function outputFormat(path: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase();
  if (!ext || !(listFormats().some((f) => f.canWrite && (f.name === ext || f.extensions.includes(ext))) || findFormat(ext)?.serialize)) {
    throw new UsageError(`cannot tell how to write "${path}" (use .xmind, .json, .md, .opml, .mm, …)`);
  }
  return ext;
}

/** Runs a flow, applying its operations to a fresh map as they arrive. */
export async function runToDoc(
  provider: ProviderConfig,
  title: string,
  run: (ctx: FlowContext, rootId: ReturnType<DocBuilder['build']>['rootId']) => Promise<unknown>,
  log: (line: string) => void = () => {},
  chat: FlowContext['chat'] = {},
): Promise<MindDoc> {
  const state = stateFromDoc(new DocBuilder({ rootText: title, title, idPrefix: 'r' }).build());
  const ctl = new AbortController();
  const onSignal = () => ctl.abort();
  process.once('SIGINT', onSignal);
  const apply = (ops: Op[]) => {
    applyOps(state, ops);
    for (const op of ops) if (op.type === 'topic.create') log(`  + ${op.topic.text}`);
  };
  const emit = (e: FlowEvent) => {
    if (e.type === 'ops') apply(e.ops);
    else if (e.type === 'progress') log(`  [${e.done}/${e.total}] ${e.label ?? ''}`);
    else if (e.type === 'section' && e.status === 'failed') log(`  ! ${e.error?.message ?? 'section failed'}`);
  };
  try {
    await run({ provider, chat, signal: ctl.signal, emit }, state.rootId);
  } finally {
    process.off('SIGINT', onSignal);
  }
  const doc = docFromState(state);
  const root = doc.topics[doc.rootId];
  if (root?.text) doc.title = root.text;
  return doc;
}

export const command = {
  summary: 'generate a map with an LLM, or turn a document into a map with one',
  async run(args: string[]): Promise<number> {
    if (args.includes('-h') || args.includes('--help')) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const a = parseAiArgs(args);
    const format = outputFormat(a.output);
    const provider = providerFromEnv(
      process.env,
      a.action === 'document' ? ` Offline, without a model: arbor convert ${a.input} ${a.output}` : '',
    );
    const log = (line: string) => process.stderr.write(`${line}\n`);
    let doc: MindDoc;
    try {
      if (a.action === 'generate') {
        doc = await runToDoc(
          provider,
          a.input,
          (ctx, rootId) =>
            generateMap(ctx, { topic: a.input, anchorId: rootId, depth: a.depth, language: a.lang, hint: a.hint, structure: a.structure }),
          log,
        );
      } else {
        const bytes = new Uint8Array(await readFile(a.input));
        // Word segmentation for condensed titles, as `arbor convert` does (the WASM is read from the package).
        await (await import('@arbor/docmap/node')).enableJieba();
        const name = a.input.split(/[\\/]/).pop() ?? a.input;
        doc = await runToDoc(
          provider,
          name,
          async (ctx, rootId) => {
            const r = await documentToMapWithModel(ctx, {
              anchorId: rootId,
              bytes,
              fileName: name,
              concurrency: a.concurrency,
              language: a.lang,
            });
            if (r.failed)
              log(`arbor ai: ${r.failed} of ${r.sections} sections could not be condensed; they keep their full text in the note`);
          },
          log,
        );
      }
    } catch (err) {
      if (err instanceof AiError) throw new Error(`${err.message} [${err.code}]`);
      throw err;
    }
    await writeFile(a.output, await exportDoc(doc, format));
    log(`arbor ai: wrote ${a.output} (${Object.keys(doc.topics).length} topics)`);
    return 0;
  },
};
