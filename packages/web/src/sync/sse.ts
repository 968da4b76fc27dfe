// Server-Sent Events read over fetch rather than the browser's EventSource: the sync client needs the
// answer's status (a 401 must stop the retries, which EventSource hides), the share headers, and to
// choose `?since=` itself on every reconnect. Parses the text/event-stream format incrementally.

export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/** Incremental text/event-stream parser: feed it chunks, it returns the messages completed so far. */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private id: string | undefined;

  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const out: SseMessage[] = [];
    for (;;) {
      const nl = this.buffer.search(/\r\n|\r|\n/);
      if (nl < 0) break;
      // A lone \r at the very end may be the first half of \r\n: wait for the next chunk.
      if (this.buffer[nl] === '\r' && nl === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + (this.buffer.startsWith('\r\n', nl) ? 2 : 1));
      if (line === '') {
        if (this.data.length > 0) {
          const message: SseMessage = { event: this.event || 'message', data: this.data.join('\n') };
          if (this.id !== undefined) message.id = this.id;
          out.push(message);
        }
        this.event = '';
        this.data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') this.event = value;
      else if (field === 'data') this.data.push(value);
      else if (field === 'id' && !value.includes('\0')) this.id = value;
    }
    return out;
  }
}

/** The stream answered with an error status (401, 404, 410, 5xx…). */
export class StreamStatusError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface StreamOptions {
  fetch: typeof fetch;
  headers: Record<string, string>;
  signal: AbortSignal;
  onMessage(message: SseMessage): void;
  /** Called on every chunk, comments (keep-alives) included, to tell a live stream from a dead one. */
  onActivity(): void;
}

/** Reads one event stream until it ends (resolves) or fails (rejects). */
export async function readEventStream(url: string, options: StreamOptions): Promise<void> {
  const res = await options.fetch(url, {
    headers: { accept: 'text/event-stream', ...options.headers },
    signal: options.signal,
    credentials: 'same-origin',
    cache: 'no-store',
  });
  if (!res.ok || !res.body) {
    const { code, message } = await errorOf(res);
    throw new StreamStatusError(res.status, code, message);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new SseParser();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      options.onActivity();
      for (const message of parser.push(value)) options.onMessage(message);
    }
  } finally {
    reader.releaseLock();
  }
}

/** The `{error: {code, message}}` of a failed answer, or a generic one. */
export async function errorOf(res: Response): Promise<{ code: string; message: string; body: unknown }> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const err = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return {
    code: typeof err?.code === 'string' ? err.code : `http-${res.status}`,
    message: typeof err?.message === 'string' ? err.message : `${res.status} ${res.statusText}`.trim(),
    body,
  };
}
