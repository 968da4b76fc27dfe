// Generate a map from a topic or question, expand a topic, rewrite topics.

import { isStructureName, type Op, type StructureName, type TopicId } from '@arbor/core';
import { AiError } from '../errors.ts';
import { expandPrompt, generatePrompt, type Language, type RewriteStyle, rewritePrompt } from '../prompts.ts';
import { chat, type FlowContext, type FlowResult, streamOutline } from './context.ts';

export interface GenerateInput {
  topic: string;
  /** The topic the map grows under; its text becomes the central topic (usually the root of a new map). */
  anchorId: TopicId;
  /** Levels below the central topic (1–5, default 3). */
  depth?: number;
  language?: Language;
  /** Free-text hint: "按时间顺序", "SWOT", "5W2H"… */
  hint?: string;
  /** A layout for the anchor's branch. */
  structure?: StructureName;
}

const clampDepth = (d: number | undefined, dflt: number) => Math.min(5, Math.max(1, Math.floor(d ?? dflt)));

export async function generateMap(ctx: FlowContext, input: GenerateInput): Promise<FlowResult> {
  const depth = clampDepth(input.depth, 3);
  let first = true;
  const { parser, usage } = await streamOutline(
    ctx,
    generatePrompt({ topic: input.topic, depth, language: input.language ?? 'zh', hint: input.hint }),
    { anchorId: input.anchorId, mode: 'title', maxDepth: depth },
    {
      transform: (ops) => {
        if (!first || !ops.length || !input.structure || !isStructureName(input.structure)) return ops;
        first = false;
        return [...ops, { type: 'topic.update', id: input.anchorId, patch: { structure: input.structure } }];
      },
    },
  );
  return { usage, topics: parser.count };
}

export interface ExpandInput {
  anchorId: TopicId;
  /** Texts from the central topic down to the topic being expanded (inclusive). */
  path: string[];
  siblings?: string[];
  children?: string[];
  /** New subtopics wanted (default 5). */
  count?: number;
  /** Levels to add (default 1). */
  depth?: number;
  language?: Language;
}

export async function expandTopic(ctx: FlowContext, input: ExpandInput): Promise<FlowResult> {
  if (!input.path.length) throw new AiError('invalid-config', 'expand needs the path of the topic');
  const depth = clampDepth(input.depth, 1);
  const { parser, usage } = await streamOutline(
    ctx,
    expandPrompt({
      path: input.path,
      siblings: input.siblings ?? [],
      children: input.children ?? [],
      count: Math.min(12, Math.max(1, input.count ?? 5)),
      depth,
      language: input.language ?? 'zh',
    }),
    { anchorId: input.anchorId, mode: 'children', maxDepth: depth },
  );
  return { usage, topics: parser.count };
}

export interface RewriteInput {
  topics: { id: TopicId; text: string }[];
  style: RewriteStyle;
  targetLanguage?: string;
  language?: Language;
}

const REWRITE_LINE = /^\s*(?:[-*]\s*)?[[【(（]?(\d{1,4})[\]】)）.:：、]\s*(.*)$/;

/** One `topic.update` per topic the model rewrote, emitted as each numbered line completes. */
export async function rewriteTopics(ctx: FlowContext, input: RewriteInput): Promise<FlowResult> {
  if (!input.topics.length) return { usage: { promptTokens: 0, completionTokens: 0, estimated: false }, topics: 0 };
  let buffer = '';
  let count = 0;
  const seen = new Set<number>();
  const line = (raw: string) => {
    const m = REWRITE_LINE.exec(raw);
    if (!m) return;
    const n = Number(m[1]) - 1;
    const text = (m[2] as string).replace(/\*\*/g, '').trim().slice(0, 500);
    const t = input.topics[n];
    if (!t || !text || seen.has(n)) return;
    seen.add(n);
    count++;
    if (text !== t.text) ctx.emit({ type: 'ops', ops: [{ type: 'topic.update', id: t.id, patch: { text } } satisfies Op] });
  };
  const { usage } = await chat(
    ctx,
    rewritePrompt({
      texts: input.topics.map((t) => t.text),
      style: input.style,
      targetLanguage: input.targetLanguage,
      language: input.language ?? 'zh',
    }),
    (d) => {
      buffer += d;
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        line(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
        nl = buffer.indexOf('\n');
      }
    },
  );
  line(buffer);
  if (count === 0) throw new AiError('no-outline', '模型没有按编号给出改写结果 (the model did not answer with numbered lines)');
  return { usage, topics: count };
}
