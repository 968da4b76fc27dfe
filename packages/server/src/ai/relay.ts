// Relays a flow to the browser as Server-Sent Events. Limits are checked and the provider resolved
// before the stream opens, so those refusals are ordinary JSON 4xx answers; once it is open,
// everything is an event: `start`, then `ops` / `progress` / `proposal` / `section` / `answer`,
// and finally exactly one of `done {usage, …}` or `error {code, message}`. A client that goes away
// cancels the model call. Usage is recorded per request, also when it fails.

import { AiError, type FlowContext, type FlowEvent, type Usage } from '@arbor/ai';
import { publicFetch } from '@arbor/ai/node';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors.ts';
import type { ResolvedProvider } from './provider.ts';
import { dayStart, finishUsage, requestsSince, startUsage, tokensSince } from './store.ts';

const KEEPALIVE_MS = 15_000;
/** Streams running per user in this process. */
const running = new Map<string, number>();

/** Rate limit, concurrency and daily budget; returns the tokens already spent today. */
export async function checkLimits(app: FastifyInstance, userId: string): Promise<number> {
  const ai = app.config.ai;
  if ((running.get(userId) ?? 0) >= ai.maxConcurrent) {
    throw new ApiError(429, 'ai-busy', `同时进行的 AI 请求已达上限 ${ai.maxConcurrent} 个，请等待完成 (too many AI requests at once)`);
  }
  const now = Date.now();
  const recent = await requestsSince(app.db, userId, now - 60_000);
  if (ai.ratePerMinute > 0 && recent.count >= ai.ratePerMinute) {
    const retryAfter = Math.max(1, Math.ceil(((recent.oldest ?? now) + 60_000 - now) / 1000));
    throw new ApiError(
      429,
      'ai-rate-limited',
      `AI 请求过于频繁（每分钟 ${ai.ratePerMinute} 次），请 ${retryAfter} 秒后再试 (rate limit reached)`,
      { retryAfter },
    );
  }
  const spent = await tokensSince(app.db, userId, dayStart(now));
  if (ai.dailyTokens > 0 && spent >= ai.dailyTokens) {
    throw new ApiError(429, 'ai-budget-exceeded', `今日 AI 用量已达上限 ${ai.dailyTokens} tokens，明天再试 (daily token budget spent)`, {
      budget: ai.dailyTokens,
      spent,
    });
  }
  return spent;
}

export interface RelayOptions {
  flow: string;
  userId: string;
  resolved: ResolvedProvider;
  spentToday: number;
  /** Ids already in the target map. */
  taken?: (id: string) => boolean;
  /** Runs the flow; its result goes into the `done` event next to the usage. */
  run: (ctx: FlowContext) => Promise<Record<string, unknown>>;
}

/** Writes one event; the payload is JSON, so no line of it can break the framing. */
export function sseFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

function payload(ev: FlowEvent): Record<string, unknown> {
  const { type: _t, ...rest } = ev;
  return rest;
}

export async function relayFlow(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, o: RelayOptions): Promise<void> {
  const ai = app.config.ai;
  const usageId = await startUsage(app.db, o.userId, o.flow, o.resolved.provider.model);
  running.set(o.userId, (running.get(o.userId) ?? 0) + 1);
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-content-type-options': 'nosniff',
  });
  const ctl = new AbortController();
  let finished = false;
  const onClose = () => {
    if (!finished) ctl.abort();
  };
  res.on('close', onClose);
  const write = (event: string, data: unknown) => {
    if (!res.writableEnded && !res.destroyed) res.write(sseFrame(event, data));
  };
  const keepAlive = setInterval(() => {
    if (!res.writableEnded && !res.destroyed) res.write(': keep-alive\n\n');
  }, KEEPALIVE_MS);
  let usage: Usage = { promptTokens: 0, completionTokens: 0, estimated: false };
  const ctx: FlowContext = {
    provider: o.resolved.provider,
    chat: {
      timeoutMs: ai.timeoutMs,
      stallMs: ai.stallMs,
      maxOutputChars: ai.maxOutputChars,
      maxDurationMs: ai.maxDurationMs,
      retries: ai.retries,
      backoffMs: ai.backoffMs,
      // A user's own base URL is resolved once per request and connected to only at the checked
      // addresses: a name that re-resolves to an internal address (DNS rebinding) is refused.
      ...(o.resolved.source === 'user' ? { fetch: publicFetch({ allowPrivate: ai.allowPrivate }) } : {}),
    },
    signal: ctl.signal,
    taken: o.taken,
    emit: (ev) => write(ev.type, payload(ev)),
    onUsage: (u) => {
      usage = {
        promptTokens: usage.promptTokens + u.promptTokens,
        completionTokens: usage.completionTokens + u.completionTokens,
        estimated: usage.estimated || u.estimated,
      };
    },
    // The call that crosses the budget finishes; a flow of several calls stops before the next one.
    beforeCall: () => {
      if (ai.dailyTokens > 0 && o.spentToday + usage.promptTokens + usage.completionTokens >= ai.dailyTokens) {
        throw new AiError('budget-exceeded', `今日 AI 用量已达上限 ${ai.dailyTokens} tokens，已停止 (daily token budget spent; stopped)`);
      }
    },
  };
  let status = 'ok';
  try {
    write('start', { flow: o.flow, model: o.resolved.provider.model, source: o.resolved.source });
    const result = await o.run(ctx);
    write('done', { ...result, usage });
  } catch (err) {
    const e =
      err instanceof AiError
        ? { code: err.code, message: err.message }
        : err instanceof ApiError
          ? { code: err.code, message: err.message }
          : null;
    if (!e) request.log.error({ err }, 'AI flow failed');
    status = e?.code ?? 'internal';
    write('error', { ...(e ?? { code: 'internal', message: '内部错误 (internal error)' }), usage });
  } finally {
    finished = true;
    clearInterval(keepAlive);
    res.off('close', onClose);
    running.set(o.userId, (running.get(o.userId) ?? 1) - 1);
    if ((running.get(o.userId) ?? 0) <= 0) running.delete(o.userId);
    // Usage is recorded before the answer ends, so that a client reading its usage next sees this request.
    await finishUsage(app.db, usageId, usage, status).catch((err) => request.log.error({ err }, 'recording AI usage failed'));
    if (!res.writableEnded) res.end();
  }
}
