// A local server speaking the OpenAI chat-completions protocol over real HTTP with real SSE framing,
// for tests and benchmarks (Node only; not part of the package's main entry). Each request takes the
// next scripted reply from a queue: a status, raw byte chunks written with optional delays, a
// disconnect, or an endless stream.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  /** Raw pieces written one by one (the split points are the test's). */
  chunks?: (string | Uint8Array)[];
  /** Pause before each chunk (ms). */
  delayMs?: number;
  /** Destroy the socket after this many chunks (a dropped connection). */
  disconnectAfter?: number;
  /** Send content deltas forever (every `delayMs`, default 1 ms) until the client goes away. */
  endless?: boolean;
  /** Send the headers, then nothing at all. */
  silent?: boolean;
  /** A plain JSON body instead of a stream. */
  json?: unknown;
}

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: { model?: string; messages?: { role: string; content: string }[]; stream?: boolean; [k: string]: unknown };
}

/** One SSE frame of a chat-completion chunk. */
export function deltaFrame(content: string, extra: Record<string, unknown> = {}): string {
  return `data: ${JSON.stringify({ id: 'chatcmpl-test', object: 'chat.completion.chunk', model: 'test', choices: [{ index: 0, delta: { content }, finish_reason: null }], ...extra })}\n\n`;
}

/** The whole SSE body a provider sends for `text`: role chunk, content pieces, finish, usage, [DONE]. */
export function recordedStream(
  text: string,
  options: { pieceChars?: number; usage?: { prompt_tokens: number; completion_tokens: number } } = {},
): string {
  const size = options.pieceChars ?? 3;
  const chars = [...text];
  let out = `data: ${JSON.stringify({ id: 'chatcmpl-test', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] })}\n\n`;
  for (let i = 0; i < chars.length; i += size) out += deltaFrame(chars.slice(i, i + size).join(''));
  out += `data: ${JSON.stringify({ id: 'chatcmpl-test', object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`;
  const usage = options.usage ?? { prompt_tokens: 50, completion_tokens: chars.length };
  out += `data: ${JSON.stringify({ id: 'chatcmpl-test', object: 'chat.completion.chunk', choices: [], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } })}\n\n`;
  out += 'data: [DONE]\n\n';
  return out;
}

/** Splits bytes at the given offsets (the pieces a test sends one by one). */
export function splitBytes(bytes: Uint8Array, offsets: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const o of [...offsets].sort((a, b) => a - b)) {
    if (o <= prev || o >= bytes.length) continue;
    out.push(bytes.subarray(prev, o));
    prev = o;
  }
  out.push(bytes.subarray(prev));
  return out;
}

export class FakeOpenAi {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: ScriptedReply[] = [];
  /** Used when the queue is empty. */
  fallback: ScriptedReply | undefined;
  private server: Server | undefined;
  private readonly open = new Set<ServerResponse>();
  url = '';

  /** Drops the replies not asked for yet. */
  reset(): this {
    this.queue.length = 0;
    return this;
  }

  reply(...replies: ScriptedReply[]): this {
    this.queue.push(...replies);
    return this;
  }

  /** A normal streamed answer with `text`. */
  answer(
    text: string,
    opts: { pieceChars?: number; delayMs?: number; usage?: { prompt_tokens: number; completion_tokens: number } } = {},
  ): this {
    // One write per SSE frame, so a delay paces the answer like a model producing tokens.
    const frames = recordedStream(text, opts).split(/(?<=\n\n)/);
    return this.reply({ chunks: frames, delayMs: opts.delayMs });
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return this;
  }

  async close(): Promise<void> {
    for (const r of this.open) r.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: RecordedRequest['body'] = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {}
    this.requests.push({ path: req.url ?? '', headers: req.headers, body });
    const script = this.queue.shift() ?? this.fallback ?? { status: 500, json: { error: { message: 'no scripted reply' } } };
    this.open.add(res);
    res.on('close', () => this.open.delete(res));
    if (script.json !== undefined) {
      res.writeHead(script.status ?? 200, { 'content-type': 'application/json', ...script.headers });
      res.end(JSON.stringify(script.json));
      return;
    }
    res.writeHead(script.status ?? 200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...script.headers });
    res.flushHeaders();
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    if (script.silent) return;
    if (script.endless) {
      while (!res.destroyed && !res.writableEnded) {
        res.write(deltaFrame('无尽'));
        await wait(script.delayMs ?? 1);
      }
      return;
    }
    let n = 0;
    for (const c of script.chunks ?? []) {
      if (script.delayMs) await wait(script.delayMs);
      if (script.disconnectAfter !== undefined && n >= script.disconnectAfter) {
        res.socket?.destroy();
        return;
      }
      if (res.destroyed) return;
      res.write(c);
      n++;
    }
    if (script.disconnectAfter !== undefined && n >= script.disconnectAfter) {
      await wait(script.delayMs ?? 20);
      res.socket?.destroy();
      return;
    }
    res.end();
  }
}
