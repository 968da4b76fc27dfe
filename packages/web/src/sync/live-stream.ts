// Other people's and tabs' changes: the live event stream (`GET /api/maps/:id/events?since=`),
// reconnected with backoff and a silence watchdog, its events parsed and handed to SyncClient;
// and the version order that hands out remote changes once each, without gaps, in order.

import type { Op } from '@arbor/core';
import { readEventStream, type SseMessage, StreamStatusError } from './sse.ts';
import { backoffMs, isBlockingStatus } from './transport.ts';
import type { SyncError } from './types.ts';

/** A live stream silent for this long is taken as dead (the server sends a keep-alive every 25 s). */
const STREAM_SILENCE_MS = 60_000;

export interface OpsEvent {
  version: number;
  ops: Op[];
  actor: unknown;
  clientId?: string;
}

/**
 * The highest version applied with no gap before it. Own acknowledged versions and remote events
 * both fill it, in whatever order they arrive; remote events come out of `next()` in version order.
 */
export class VersionOrder {
  applied: number;
  private readonly own = new Set<number>();
  private readonly remote = new Map<number, OpsEvent>();

  constructor(baseVersion: number) {
    this.applied = baseVersion;
  }

  /** A version the server gave one of this client's batches. */
  addOwn(version: number): void {
    if (version > this.applied) this.own.add(version);
  }

  /** A remote event; false when its version is already applied. */
  addRemote(ev: OpsEvent): boolean {
    if (ev.version <= this.applied) return false;
    this.remote.set(ev.version, ev);
    return true;
  }

  /** Moves `applied` over own versions to the next remote event and returns it, or undefined at a gap. */
  next(): OpsEvent | undefined {
    for (;;) {
      const next = this.applied + 1;
      if (this.own.delete(next)) {
        this.applied = next;
        continue;
      }
      const ev = this.remote.get(next);
      if (!ev) return undefined;
      this.remote.delete(next);
      this.applied = next;
      return ev;
    }
  }
}

export interface LiveStreamOptions {
  fetch: typeof fetch;
  headers: Record<string, string>;
  /** The stream's URL, asking for the events after what the client has applied. */
  url(): string;
  running(): boolean;
  /** The server greeted the stream; `role` is the access it grants (`view` is read-only). */
  onHello(role: unknown): void;
  onOps(ev: OpsEvent): void;
  /** The server says reload the map. */
  onReset(): void;
  /** The stream's offline or blocked state changed. */
  onChange(): void;
}

export class LiveStream {
  /** The stream could not connect (no answer at all) since its last greeting. */
  offline = false;
  /** Why the live stream is refused, or the map was deleted; cleared by the next `hello`. */
  blocked: SyncError | undefined;
  private readonly o: LiveStreamOptions;
  private abort: AbortController | undefined;
  /** Ends the wait before the next reconnect. */
  private wakeUp: (() => void) | undefined;

  constructor(options: LiveStreamOptions) {
    this.o = options;
  }

  /** Reconnects now if the stream is waiting to. */
  wake(): void {
    this.wakeUp?.();
  }

  /** Ends the current request and the wait; the loop ends once `running()` is false. */
  stop(): void {
    this.abort?.abort();
    this.wakeUp?.();
  }

  /** Reads the stream until the client stops, reconnecting with backoff. */
  async run(): Promise<void> {
    let failures = 0;
    while (this.o.running()) {
      const controller = new AbortController();
      this.abort = controller;
      let lastActivity = Date.now();
      let greeted = false;
      const watchdog = setInterval(() => {
        if (Date.now() - lastActivity > STREAM_SILENCE_MS) controller.abort();
      }, 5_000);
      let slow = false;
      try {
        await readEventStream(this.o.url(), {
          fetch: this.o.fetch,
          headers: this.o.headers,
          signal: controller.signal,
          onActivity: () => {
            lastActivity = Date.now();
          },
          onMessage: (m) => {
            if (m.event === 'hello') {
              greeted = true;
              failures = 0;
            }
            this.onMessage(m);
          },
        });
      } catch (err) {
        if (!this.o.running()) break;
        if (err instanceof StreamStatusError) {
          this.offline = false;
          slow = err.status < 500;
          if (isBlockingStatus(err.status)) this.blocked = { status: err.status, code: err.code, message: err.message };
        } else if (!greeted) {
          this.offline = true;
        }
      } finally {
        clearInterval(watchdog);
      }
      if (!this.o.running()) break;
      this.o.onChange();
      const wait = backoffMs(failures++, slow ? 60_000 : 15_000, slow ? 5_000 : 500);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }

  private onMessage(m: SseMessage): void {
    if (!this.o.running()) return;
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(m.data) as Record<string, unknown>;
    } catch {
      return;
    }
    switch (m.event) {
      case 'hello': {
        this.offline = false;
        this.blocked = undefined;
        this.o.onHello(data.role);
        return;
      }
      case 'ops': {
        const version = data.version;
        if (typeof version !== 'number' || !Array.isArray(data.ops)) return;
        const ev: OpsEvent = { version, ops: data.ops as Op[], actor: data.actor ?? null };
        if (typeof data.clientId === 'string') ev.clientId = data.clientId;
        this.o.onOps(ev);
        return;
      }
      case 'reset': {
        this.o.onReset();
        return;
      }
      case 'deleted': {
        this.blocked = {
          status: 410,
          code: 'deleted',
          message: '导图已被删除或移到回收站 (the map was deleted or moved to the trash)',
        };
        this.o.onChange();
        return;
      }
    }
  }
}
