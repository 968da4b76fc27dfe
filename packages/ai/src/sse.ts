// Server-Sent Events decoding (the WHATWG event-stream format) from raw byte chunks: UTF-8 is
// decoded in streaming mode, so a chunk boundary may fall inside a character, a line, a field name
// or between the CR and LF of a line break; events are dispatched on a blank line.

export interface SseEvent {
  /** `event:` field; `message` when absent. */
  event: string;
  /** The `data:` lines joined by `\n`. */
  data: string;
  id?: string;
}

export class SseDecoder {
  private readonly decoder = new TextDecoder('utf-8');
  private buffer = '';
  private pendingCR = false;
  private data: string[] = [];
  private event = '';
  private id: string | undefined;
  /** Bytes of the current unterminated line plus the current event, to refuse an endless line. */
  private readonly maxEventChars: number;

  constructor(options: { maxEventChars?: number } = {}) {
    this.maxEventChars = options.maxEventChars ?? 1 << 20;
  }

  /** Feeds raw bytes (or already decoded text); returns the events completed by them. */
  push(chunk: Uint8Array | string): SseEvent[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    return this.take(text);
  }

  /** Ends the stream: flushes a last event that was not followed by a blank line. */
  end(): SseEvent[] {
    const out = this.take(`${this.decoder.decode()}\n\n`);
    this.buffer = '';
    return out;
  }

  private take(text: string): SseEvent[] {
    const out: SseEvent[] = [];
    let s = text;
    // A CR at the end of the previous chunk was a line break; drop the LF that completes it.
    if (this.pendingCR && s.startsWith('\n')) s = s.slice(1);
    this.pendingCR = false;
    let start = 0;
    const buf = this.buffer + s;
    const offset = this.buffer.length;
    if (buf.indexOf('\r', offset) < 0) {
      // The common case, LF only: jump from line break to line break.
      for (let i = buf.indexOf('\n', offset); i >= 0; i = buf.indexOf('\n', start)) {
        this.line(buf.slice(start, i), out);
        start = i + 1;
      }
      this.buffer = buf.slice(start);
      if (this.buffer.length > this.maxEventChars) throw new Error(`an event-stream line is longer than ${this.maxEventChars} characters`);
      return out;
    }
    for (let i = offset; i < buf.length; i++) {
      const c = buf.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.line(buf.slice(start, i), out);
      if (c === 13) {
        if (i + 1 < buf.length) {
          if (buf.charCodeAt(i + 1) === 10) i++;
        } else this.pendingCR = true;
      }
      start = i + 1;
    }
    this.buffer = buf.slice(start);
    if (this.buffer.length > this.maxEventChars) throw new Error(`an event-stream line is longer than ${this.maxEventChars} characters`);
    return out;
  }

  private line(line: string, out: SseEvent[]): void {
    if (line === '') {
      if (this.data.length > 0) {
        const ev: SseEvent = { event: this.event || 'message', data: this.data.join('\n') };
        if (this.id !== undefined) ev.id = this.id;
        out.push(ev);
      }
      this.data = [];
      this.event = '';
      return;
    }
    if (line.charCodeAt(0) === 58 /* : comment */) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
  }
}

/** Formats one event for the wire: every line of `data` gets its own `data:` field. */
export function formatSse(event: string, data: unknown): string {
  const json = JSON.stringify(data);
  // JSON.stringify never emits raw line breaks, but U+2028/2029 are fine in SSE; `event` is ours.
  return `event: ${event}\ndata: ${json}\n\n`;
}
