// The OpenAI-compatible chat-completions protocol with streaming, on `fetch` (isomorphic): DeepSeek,
// Qwen (DashScope compatible mode), Moonshot, OpenAI, Ollama, llama.cpp server and vLLM all speak it.
// Retries with exponential backoff on 429 and 5xx (honouring Retry-After) before the stream starts;
// a timeout for the first byte, a stall timeout between chunks, a cap on the answer's length and
// total duration (an endless stream is cut off), and cancellation through an AbortSignal.

import { AiError } from './errors.ts';
import { SseDecoder } from './sse.ts';

export interface ProviderConfig {
  /** e.g. `https://api.deepseek.com/v1`; `/chat/completions` is appended. */
  baseUrl: string;
  apiKey?: string;
  model: string;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  /** True when the provider sent no usage and the figures are estimated from the text. */
  estimated: boolean;
}

export interface ChatOptions {
  signal?: AbortSignal;
  /** Time allowed until the response headers arrive (ms, default 30 s). */
  timeoutMs?: number;
  /** Longest silence between two chunks of the stream (ms, default 30 s). */
  stallMs?: number;
  /** Longest whole answer (ms, default 5 min). */
  maxDurationMs?: number;
  /** Longest answer in characters before the stream is cut off (default 60,000). */
  maxOutputChars?: number;
  /** Retries on network errors, 429 and 5xx before the stream starts (default 3). */
  retries?: number;
  /** First backoff delay (ms, default 500), doubled each retry; Retry-After wins when given (≤ 20 s). */
  backoffMs?: number;
  temperature?: number;
  maxTokens?: number;
  /** Injected fetch (tests, proxies); the global one by default. */
  fetch?: typeof fetch;
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);
const MAX_RETRY_AFTER_MS = 20_000;
/** Unreadable `data:` payloads tolerated before the stream is declared malformed. */
const MAX_MALFORMED = 20;

/** Rough token count for usage accounting when the provider reports none: a CJK character ≈ 1 token, 4 other characters ≈ 1. */
export function estimateTokens(text: string): number {
  let cjk = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x2e80 && c <= 0x9fff) cjk++;
    else if (c >= 0xac00 && c <= 0xd7af) cjk++;
    else if (c >= 0xff00 && c <= 0xffef) cjk++;
  }
  return cjk + Math.ceil((text.length - cjk) / 4);
}

export function chatCompletionsUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new AiError('invalid-config', `模型服务地址无效 (base URL is not a URL): ${baseUrl.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AiError('invalid-config', '模型服务地址必须是 http(s) (base URL must be http or https)');
  }
  if (url.username || url.password)
    throw new AiError('invalid-config', '模型服务地址不能包含用户名或密码 (no credentials in the base URL)');
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/chat/completions') ? path : `${path}/chat/completions`;
  return url.toString();
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new AiError('aborted', '已取消 (cancelled)'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new AiError('aborted', '已取消 (cancelled)'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

function retryAfterMs(res: Response): number | undefined {
  const h = res.headers.get('retry-after');
  if (!h) return undefined;
  const s = Number(h);
  if (Number.isFinite(s) && s >= 0) return Math.min(s * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(h);
  return Number.isNaN(at) ? undefined : Math.min(Math.max(0, at - Date.now()), MAX_RETRY_AFTER_MS);
}

/** The provider's own error message, shortened; never the request (which holds the key). */
async function providerMessage(res: Response): Promise<string> {
  try {
    const text = (await res.text()).slice(0, 4000);
    try {
      const j = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
      const m = typeof j.error === 'string' ? j.error : (j.error?.message ?? j.message);
      if (typeof m === 'string') return m.slice(0, 300);
    } catch {}
    return text.replace(/\s+/g, ' ').slice(0, 300);
  } catch {
    return '';
  }
}

function statusError(status: number, detail: string): AiError {
  const tail = detail ? `: ${detail}` : '';
  if (status === 401 || status === 403)
    return new AiError('auth-failed', `模型服务拒绝了密钥 (the provider refused the API key, HTTP ${status})${tail}`, status);
  if (status === 404) return new AiError('model-not-found', `找不到模型或接口地址 (model or endpoint not found, HTTP 404)${tail}`, status);
  if (status === 429)
    return new AiError('rate-limited', `模型服务限流，请稍后再试 (the provider is rate limiting, HTTP 429)${tail}`, status);
  return new AiError('provider-error', `模型服务出错 (provider error, HTTP ${status})${tail}`, status);
}

interface Chunk {
  choices?: { delta?: { content?: unknown; reasoning_content?: unknown }; message?: { content?: unknown }; finish_reason?: unknown }[];
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } | null;
  error?: { message?: unknown } | string;
}

/**
 * One streamed chat completion. Iterate `deltas()` for the answer's text as it arrives; `usage`
 * is filled when the stream ends (estimated when the provider sends none).
 */
export class ChatStream {
  usage: Usage = { promptTokens: 0, completionTokens: 0, estimated: true };
  /** The whole answer so far. */
  text = '';
  /** Retries spent before the stream started. */
  retries = 0;
  private started = false;

  constructor(
    readonly config: ProviderConfig,
    readonly messages: ChatMessage[],
    readonly options: ChatOptions = {},
  ) {}

  async *deltas(): AsyncGenerator<string> {
    if (this.started) throw new Error('a ChatStream can be read once');
    this.started = true;
    const o = this.options;
    const url = chatCompletionsUrl(this.config.baseUrl);
    const doFetch = o.fetch ?? globalThis.fetch;
    const ctl = new AbortController();
    let reason: AiError | undefined;
    const stop = (err: AiError) => {
      reason ??= err;
      ctl.abort();
    };
    const onAbort = () => stop(new AiError('aborted', '已取消 (cancelled)'));
    if (o.signal?.aborted) throw new AiError('aborted', '已取消 (cancelled)');
    o.signal?.addEventListener('abort', onAbort, { once: true });
    const maxDuration = setTimeout(
      () => stop(new AiError('stream-too-long', '模型回答超时，已截断 (the answer took too long and was cut off)')),
      o.maxDurationMs ?? 300_000,
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (ms: number, err: () => AiError) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => stop(err()), ms);
    };
    const request = (withUsage: boolean) =>
      JSON.stringify({
        model: this.config.model,
        messages: this.messages,
        stream: true,
        ...(withUsage ? { stream_options: { include_usage: true } } : {}),
        ...(o.temperature !== undefined ? { temperature: o.temperature } : {}),
        ...(o.maxTokens !== undefined ? { max_tokens: o.maxTokens } : {}),
      });
    let body = request(true);
    let askedUsage = true;
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream' };
    if (this.config.apiKey) headers.authorization = `Bearer ${this.config.apiKey}`;
    const fail = (err: unknown): AiError => {
      if (reason) return reason;
      if (err instanceof AiError) return err;
      return new AiError('network', `无法连接模型服务 (cannot reach the provider): ${(err as Error)?.message ?? String(err)}`);
    };
    try {
      let res: Response | undefined;
      const retries = o.retries ?? 3;
      for (let attempt = 0; ; attempt++) {
        const timeoutMs = o.timeoutMs ?? 30_000;
        arm(
          timeoutMs,
          () => new AiError('timeout', `模型服务在 ${Math.round(timeoutMs / 1000)} 秒内没有响应 (no answer within the timeout)`),
        );
        let retryable: AiError | undefined;
        let wait: number | undefined;
        try {
          // No redirects: a public base URL must not bounce the request (and the key) elsewhere.
          res = await doFetch(url, { method: 'POST', headers, body, signal: ctl.signal, redirect: 'error' });
        } catch (err) {
          if (reason) throw reason;
          // A refused address (publicFetch) stays refused: no retry.
          if (err instanceof AiError && err.code === 'invalid-config') throw err;
          retryable = fail(err);
        }
        if (res && !res.ok) {
          const detail = await providerMessage(res);
          // Servers that do not know `stream_options` (usage in the stream) get the request without it.
          if (res.status === 400 && askedUsage && /stream_options|include_usage/i.test(detail)) {
            askedUsage = false;
            body = request(false);
            res = undefined;
            attempt--;
            continue;
          }
          const err = statusError(res.status, detail);
          if (!RETRYABLE.has(res.status)) throw err;
          retryable = err;
          wait = retryAfterMs(res);
          res = undefined;
        }
        if (res) break;
        if (attempt >= retries) throw retryable ?? new AiError('network', 'no response');
        if (timer) clearTimeout(timer);
        this.retries++;
        await sleep(wait ?? (o.backoffMs ?? 500) * 2 ** attempt, o.signal);
      }
      if (!res?.body) throw new AiError('malformed-stream', '模型服务的回答为空 (empty answer)');
      const type = res.headers.get('content-type') ?? '';
      if (type.includes('application/json')) {
        // A server that ignored `stream: true`: one JSON answer.
        const j = (await res.json()) as Chunk;
        const content = j.choices?.[0]?.message?.content;
        if (typeof content !== 'string') throw new AiError('malformed-stream', '模型服务的回答无法读取 (unreadable answer)');
        this.text = content.slice(0, o.maxOutputChars ?? 60_000);
        this.takeUsage(j.usage);
        yield this.text;
        this.finishUsage();
        return;
      }
      const stallMs = o.stallMs ?? 30_000;
      const stalled = () => new AiError('stalled', `模型服务超过 ${Math.round(stallMs / 1000)} 秒没有输出，已中断 (the stream stalled)`);
      arm(stallMs, stalled);
      const decoder = new SseDecoder();
      const reader = res.body.getReader();
      const maxChars = o.maxOutputChars ?? 60_000;
      let malformed = 0;
      let good = 0;
      let finished = false;
      let done = false;
      const handle = function* (this: ChatStream, data: string): Generator<string> {
        if (data.trim() === '[DONE]') {
          done = true;
          return;
        }
        let chunk: Chunk;
        try {
          chunk = JSON.parse(data) as Chunk;
        } catch {
          if (++malformed > MAX_MALFORMED) throw new AiError('malformed-stream', '模型服务的流无法解析 (the stream cannot be parsed)');
          return;
        }
        if (chunk.error) {
          const m = typeof chunk.error === 'string' ? chunk.error : String(chunk.error.message ?? 'error');
          throw new AiError('provider-error', `模型服务出错 (provider error): ${m.slice(0, 300)}`);
        }
        good++;
        this.takeUsage(chunk.usage);
        const choice = chunk.choices?.[0];
        if (!choice) return;
        if (choice.finish_reason) finished = true;
        const content = choice.delta?.content ?? choice.message?.content;
        if (typeof content === 'string' && content) {
          if (this.text.length + content.length > maxChars) {
            throw new AiError('stream-too-long', `模型回答超过 ${maxChars} 个字符，已截断 (the answer was cut off at the length limit)`);
          }
          this.text += content;
          yield content;
        }
      };
      try {
        while (!done) {
          const { value, done: eof } = await reader.read();
          if (eof) break;
          arm(stallMs, stalled);
          for (const ev of decoder.push(value)) {
            yield* handle.call(this, ev.data);
            if (done) break;
          }
        }
        if (!done) for (const ev of decoder.end()) yield* handle.call(this, ev.data);
      } catch (err) {
        throw err instanceof AiError && !reason
          ? err
          : reason
            ? reason
            : new AiError('stream-interrupted', `模型服务的连接中断 (the stream was interrupted): ${(err as Error)?.message ?? err}`);
      } finally {
        reader.cancel().catch(() => {});
      }
      if (!done && !finished) {
        throw new AiError(
          good === 0 && malformed > 0 ? 'malformed-stream' : 'stream-interrupted',
          good === 0 && malformed > 0
            ? '模型服务的流无法解析 (the stream cannot be parsed)'
            : '模型服务的连接中断 (the stream ended before the answer was complete)',
        );
      }
      this.finishUsage();
    } catch (err) {
      throw fail(err);
    } finally {
      if (timer) clearTimeout(timer);
      clearTimeout(maxDuration);
      o.signal?.removeEventListener('abort', onAbort);
    }
  }

  private takeUsage(u: Chunk['usage']): void {
    if (!u) return;
    const p = Number(u.prompt_tokens);
    const c = Number(u.completion_tokens);
    if (Number.isFinite(p) && Number.isFinite(c)) this.usage = { promptTokens: p, completionTokens: c, estimated: false };
  }

  private finishUsage(): void {
    if (!this.usage.estimated) return;
    this.usage = {
      promptTokens: this.messages.reduce((n, m) => n + estimateTokens(m.content) + 4, 0),
      completionTokens: estimateTokens(this.text),
      estimated: true,
    };
  }

  /** Usage so far (estimated) when the stream failed part-way: tokens were still spent. */
  partialUsage(): Usage {
    if (!this.usage.estimated) return this.usage;
    return {
      promptTokens: this.started ? this.messages.reduce((n, m) => n + estimateTokens(m.content) + 4, 0) : 0,
      completionTokens: estimateTokens(this.text),
      estimated: true,
    };
  }
}

export function streamChat(config: ProviderConfig, messages: ChatMessage[], options?: ChatOptions): ChatStream {
  return new ChatStream(config, messages, options);
}
