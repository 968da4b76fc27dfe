// Live edits: an in-process hub of per-map listeners, bridged across server processes through
// Redis publish/subscribe when REDIS_URL is set.

import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export interface MapEvent {
  mapId: string;
  /** The version after this change. */
  version: number;
  /** `ops`: apply `ops`; `reset`: reload the document (restore); `meta`: row fields changed; `deleted`: gone or trashed. */
  kind: 'ops' | 'reset' | 'meta' | 'deleted';
  ops?: unknown[];
  /** Who made the change (user id or `share:<id>`). */
  actor: string | null;
  /** The id the sending client gave, so it can recognise its own batches. */
  clientId?: string;
}

type Listener = (event: MapEvent) => void;

const CHANNEL_PREFIX = 'arbor:map:';

export class EventHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly instance = randomBytes(8).toString('hex');
  private pub: Redis | undefined;
  private sub: Redis | undefined;

  /** Connects to Redis (when a URL is given) and starts relaying other processes' events. */
  async connect(redisUrl: string | undefined, onError: (err: Error) => void): Promise<void> {
    if (!redisUrl) return;
    const options = { lazyConnect: true, maxRetriesPerRequest: 3 };
    this.pub = new Redis(redisUrl, options);
    this.sub = new Redis(redisUrl, options);
    this.pub.on('error', onError);
    this.sub.on('error', onError);
    await Promise.all([this.pub.connect(), this.sub.connect()]);
    await this.sub.psubscribe(`${CHANNEL_PREFIX}*`);
    this.sub.on('pmessage', (_pattern: string, _channel: string, message: string) => {
      try {
        const { from, event } = JSON.parse(message) as { from: string; event: MapEvent };
        if (from !== this.instance) this.deliver(event);
      } catch (err) {
        onError(err as Error);
      }
    });
  }

  subscribe(mapId: string, listener: Listener): () => void {
    let set = this.listeners.get(mapId);
    if (!set) this.listeners.set(mapId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(mapId);
    };
  }

  publish(event: MapEvent): void {
    this.deliver(event);
    if (this.pub) void this.pub.publish(`${CHANNEL_PREFIX}${event.mapId}`, JSON.stringify({ from: this.instance, event })).catch(() => {});
  }

  listenerCount(mapId: string): number {
    return this.listeners.get(mapId)?.size ?? 0;
  }

  private deliver(event: MapEvent): void {
    const set = this.listeners.get(event.mapId);
    if (!set) return;
    for (const l of [...set]) {
      try {
        l(event);
      } catch {
        // A broken listener (closed socket) must not stop the others.
      }
    }
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await Promise.all([this.pub?.quit().catch(() => {}), this.sub?.quit().catch(() => {})]);
  }
}
