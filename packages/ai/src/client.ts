// The browser's (or any client's) side of the AI routes: POST a body, read the Server-Sent Events
// answer with fetch (EventSource cannot POST), hand each event to a callback, and resolve with the
// final `done` or `error` payload. A refusal before the stream (4xx JSON) rejects with
// AiRequestError carrying the server's code and extra fields (e.g. `settings`, `offline`).

import type { Op } from '@arbor/core';
import type { ProposedChange } from './flows/context.ts';
import type { Usage } from './provider.ts';
import { SseDecoder } from './sse.ts';

export type AiStreamEvent =
  | { event: 'start'; data: { flow: string; model: string; source: 'server' | 'user' } }
  | { event: 'ops'; data: { ops: Op[] } }
  | { event: 'progress'; data: { done: number; total: number; label?: string } }
  | { event: 'proposal'; data: { changes: ProposedChange[] } }
  | { event: 'section'; data: { id: string; status: 'done' | 'failed'; error?: { code: string; message: string } } }
  | {
      event: 'answer';
      data: {
        answered: boolean;
        text: string;
        topicId?: string;
        parentId?: string;
        citations: { passage: number; start: number; end: number; quote: string }[];
      };
    }
  | { event: 'done'; data: { usage: Usage; topics?: number; [k: string]: unknown } }
  | { event: 'error'; data: { code: string; message: string; usage?: Usage } };

export class AiRequestError extends Error {
  override readonly name = 'AiRequestError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra fields of the error answer (`settings`, `offline`, `retryAfter`, …). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface AiStreamOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  onEvent?: (event: AiStreamEvent) => void;
}

export type AiStreamResult =
  | { ok: true; done: Extract<AiStreamEvent, { event: 'done' }>['data'] }
  | { ok: false; error: Extract<AiStreamEvent, { event: 'error' }>['data'] };

export async function postAiStream(url: string, body: unknown, options: AiStreamOptions = {}): Promise<AiStreamResult> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const res = await doFetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...options.headers },
    body: JSON.stringify(body),
    credentials: 'same-origin',
    signal: options.signal,
  });
  if (!res.ok || !(res.headers.get('content-type') ?? '').includes('text/event-stream') || !res.body) {
    let json: { error?: { code?: string; message?: string }; [k: string]: unknown } = {};
    try {
      json = (await res.json()) as typeof json;
    } catch {}
    const { error, ...extra } = json;
    throw new AiRequestError(res.status, error?.code ?? 'http-error', error?.message ?? `HTTP ${res.status}`, extra);
  }
  const reader = res.body.getReader();
  const decoder = new SseDecoder();
  let result: AiStreamResult | undefined;
  const handle = (name: string, raw: string) => {
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      return;
    }
    const ev = { event: name, data } as AiStreamEvent;
    if (ev.event === 'done') result = { ok: true, done: ev.data };
    else if (ev.event === 'error') result = { ok: false, error: ev.data };
    options.onEvent?.(ev);
  };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      for (const e of decoder.push(value)) handle(e.event, e.data);
    }
    for (const e of decoder.end()) handle(e.event, e.data);
  } finally {
    reader.releaseLock();
  }
  return result ?? { ok: false, error: { code: 'stream-interrupted', message: '连接中断 (the answer ended early)' } };
}
