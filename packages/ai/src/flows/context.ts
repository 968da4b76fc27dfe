// What every flow is given (a provider, chat options, a sink for events) and the one loop they share:
// stream a chat completion through the outline parser and emit operations line by line.

import type { Op, TopicId } from '@arbor/core';
import { AiError } from '../errors.ts';
import { OutlineParser, type OutlineParserOptions } from '../outline.ts';
import { type ChatMessage, type ChatOptions, type ProviderConfig, streamChat, type Usage } from '../provider.ts';

/** A change proposed by regenerate/condense, accepted or rejected one by one in the editor. */
export interface ProposedChange {
  /** The topic the change is about (the new topic's id for `add`). */
  id: TopicId;
  action: 'add' | 'remove' | 'keep';
  /** Why a topic is kept: it matched the new outline, or the user pinned/edited it. */
  reason?: 'matched' | 'pinned';
  parentId?: TopicId;
  text?: string;
  /** The operations that carry out the change when accepted (none for `keep`). */
  ops: Op[];
}

export type FlowEvent =
  /** Operations against the map, for the preview layer, in order. */
  | { type: 'ops'; ops: Op[] }
  | { type: 'progress'; done: number; total: number; label?: string }
  /** Per-topic changes (regenerate, condense). */
  | { type: 'proposal'; changes: ProposedChange[] }
  /** Document flow: a section finished (send its id back in `resume` to skip it next time) or failed. */
  | { type: 'section'; id: TopicId; status: 'done' | 'failed'; error?: { code: string; message: string } }
  /** Ask flow: the answer (or that the document does not answer the question). */
  | {
      type: 'answer';
      answered: boolean;
      text: string;
      topicId?: TopicId;
      parentId?: TopicId;
      citations: { passage: number; start: number; end: number; quote: string }[];
    };

export interface FlowContext {
  provider: ProviderConfig;
  chat?: ChatOptions;
  signal?: AbortSignal;
  emit: (event: FlowEvent) => void;
  /** Tokens spent by each model call as it finishes (or fails). */
  onUsage?: (usage: Usage) => void;
  /** Called before each model call; throw to stop the flow there (a spent budget). */
  beforeCall?: () => void;
  /** Ids already in the target map. */
  taken?: (id: string) => boolean;
}

export interface FlowResult {
  usage: Usage;
  /** Topics created or proposed. */
  topics: number;
}

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    estimated: a.estimated || b.estimated,
  };
}

export const NO_USAGE: Usage = { promptTokens: 0, completionTokens: 0, estimated: false };

/** Runs one chat completion; `onText` gets each delta. Usage is reported even when it fails. */
export async function chat(
  ctx: FlowContext,
  messages: ChatMessage[],
  onText: (delta: string) => void,
): Promise<{ text: string; usage: Usage }> {
  ctx.beforeCall?.();
  const stream = streamChat(ctx.provider, messages, { ...ctx.chat, signal: ctx.signal ?? ctx.chat?.signal });
  try {
    for await (const delta of stream.deltas()) onText(delta);
  } catch (err) {
    ctx.onUsage?.(stream.partialUsage());
    throw err;
  }
  ctx.onUsage?.(stream.usage);
  return { text: stream.text, usage: stream.usage };
}

/** Streams an outline answer into ops (emitted as each line completes); fails with `no-outline` when nothing was readable. */
export async function streamOutline(
  ctx: FlowContext,
  messages: ChatMessage[],
  parser: OutlineParserOptions,
  opts: { minTopics?: number; transform?: (ops: Op[], parser: OutlineParser) => Op[] } = {},
): Promise<{ parser: OutlineParser; usage: Usage }> {
  const p = new OutlineParser({ taken: ctx.taken, ...parser });
  const send = (ops: Op[]) => {
    const out = opts.transform ? opts.transform(ops, p) : ops;
    if (out.length) ctx.emit({ type: 'ops', ops: out });
  };
  const { usage } = await chat(ctx, messages, (delta) => send(p.push(delta)));
  send(p.end());
  if (p.count < (opts.minTopics ?? 1)) {
    throw new AiError(
      'no-outline',
      '模型没有给出大纲（回答是一段文字），请重试或换一个模型 (the model answered with prose, not an outline)',
    );
  }
  return { parser: p, usage };
}
