/**
 * # sync — the editor's saving layer
 *
 * Owns: sending the editor's operations to the server in small batches, keeping every batch that
 * the server has not acknowledged (IndexedDB), applying other people's and tabs' changes from the
 * server's live events, and the save status shown to the user. Framework-free; imports only
 * `@arbor/core` types; talks to the server over HTTP only (`POST /api/maps/:id/ops`,
 * `GET /api/maps/:id/events`).
 *
 * ## Use
 *
 * ```ts
 * await SyncClient.recover(mapId);                       // batches a previous page left behind
 * const { map, doc } = await (await fetch(`/api/maps/${mapId}`)).json();
 * const sync = new SyncClient({ mapId, baseVersion: map.version, onRemote, onReset, onRejected, onStatus });
 * sync.start();
 * sync.push(ops, undoEntry);                             // ops the editor has already applied locally
 * ```
 *
 * ## Saving
 *
 * - `push` adds ops to an open batch, written to the store at once (so a tab closed mid-word keeps
 *   it). The batch is sealed ~200 ms after the last push (at most 1 s after the first), when it
 *   reaches 500 ops or 512 KB, when a remote change arrives, and when the page is hidden.
 * - On `pagehide` the editor's `beforeHide` pushes what it holds back (text being typed); then,
 *   since browsers drop IndexedDB writes started during unload, every unacknowledged batch is
 *   also written to localStorage (synchronously) and the first is sent with `keepalive`.
 * - Sealed batches are sent one at a time with `baseVersion` (what the tab had fully applied when
 *   the batch was opened), `clientId` (this tab) and `batchId`. Acknowledged → deleted from the
 *   store. A lost answer is a resend with the same `batchId`, which the server applies once.
 * - Network error, timeout, 5xx, 429: kept, retried with exponential backoff and jitter (status
 *   `offline` or `error`); the browser's `online` event retries at once. 401/403/404/410: kept,
 *   status `error` with a message (sign in again…), retried slowly, or at once by `retryNow()`.
 *   409 conflict / 400: `onRejected` for each push of the batch, newest first (the editor rolls
 *   them back with a notice), preceded by the queued batches that use records it created (code
 *   `depends-on-refused`), and the next batch goes on.
 * - The server does not count a tab's own earlier batches (same `clientId`) as conflicts, so a tab
 *   that types while its previous batch is in flight never gets a 409 against itself.
 *
 * ## Live changes
 *
 * Events are read from `GET /api/maps/:id/events?since=<version>` (SSE over fetch, see `sse.ts`).
 * The client keeps the highest version it has applied without a gap: its own acknowledged versions
 * and other clients' events both fill it, in whatever order they arrive, and a remote `ops` event
 * is handed to `onRemote` exactly once, in version order; this tab's echoes are skipped. A broken
 * stream reconnects with `?since=` that version. `reset` (a restore, or too far behind) →
 * `onReset` and the client stops: the editor reloads the map and makes a new client. A view role
 * (the `hello` event) makes the status `readonly` and refuses pushes.
 *
 * ## After a reload
 *
 * `SyncClient.recover(mapId)` sends, before the map is loaded, the batches that tabs no longer
 * running left in the store. Liveness comes from the Web Locks API: each running client holds a
 * lock named after its `clientId`, and a tab's batches are sent while holding its lock (waited
 * for up to 1.5 s, the time a reloading page takes to let go of it), so a tab still open keeps
 * its own and two recovering tabs never send the same ones. What recover could not send, a
 * started client adopts (taking the lock) and sends later; their events then come back as remote
 * changes, since the loaded map lacks them. Without Web Locks, recover takes sealed batches only
 * and nothing is adopted.
 */

import type { Op } from '@arbor/core';
import { defaultPendingStore, importStash, type PendingStore, type StoredBatch, stashBatches, unstash } from './pending-store.ts';
import { errorOf, readEventStream, type SseMessage, StreamStatusError } from './sse.ts';

export type SaveStatus = 'saved' | 'saving' | 'offline' | 'error' | 'readonly';

export interface StatusDetail {
  /** Batches not yet acknowledged (the open one included). */
  pending: number;
  /** Why saving is stuck, for the user (简体中文 first, English second). */
  message?: string;
  /** When the next attempt is due. */
  retryInMs?: number;
  /** Why the server refuses this tab (401 signed out, 403, 404, 410), so the page can offer a way out. */
  blocked?: { status: number; code: string };
}

export interface RemoteChange {
  version: number;
  ops: Op[];
  /** Who made it: a user id, `share:<id>`, or null. */
  actor: unknown;
}

export interface SyncError {
  status: number;
  code: string;
  message: string;
}

export interface ShareAccess {
  token: string;
  password?: string;
}

export interface SyncOptions {
  mapId: string;
  /** The version of the document the editor loaded. */
  baseVersion: number;
  /** Prefix of the API's URLs; default '' (same origin). */
  apiBase?: string;
  /** Access through a share link (sent as x-share-token / x-share-password). */
  share?: ShareAccess;
  /** Where unacknowledged batches wait; IndexedDB by default. */
  store?: PendingStore;
  /** The fetch to use (default the global one, same-origin credentials). */
  fetch?: typeof fetch;
  /** Where batches go on `pagehide`, when IndexedDB writes no longer finish; default localStorage, null for none. */
  stash?: Storage | null;
  /** This tab's id; random by default. */
  clientId?: string;
  /** Read live events (default true). */
  live?: boolean;
  debounceMs?: number;
  maxWaitMs?: number;
  maxBatchOps?: number;
  maxBatchBytes?: number;
  /** A request without an answer after this long is taken as lost and sent again. */
  requestTimeoutMs?: number;
  /** Other clients' operations, in version order, each once; never this tab's own. */
  onRemote(change: RemoteChange): void;
  /** The server says reload the map (a restore, or this tab is too far behind). The client has stopped. */
  onReset(): void;
  /** Ops the server refused (conflict, invalid, read-only), one call per push, newest first. */
  onRejected(batch: { ops: Op[]; tag: unknown }, error: SyncError): void;
  onStatus(status: SaveStatus, detail: StatusDetail): void;
  /**
   * Called when the page is being hidden or unloaded, before the open batch is sealed and sent:
   * the editor pushes what it has not pushed yet (text being typed), or a reload loses it.
   */
  beforeHide?(): void;
}

export interface RecoverOptions {
  apiBase?: string;
  share?: ShareAccess;
  store?: PendingStore;
  fetch?: typeof fetch;
  /** Where a closing page put its batches (see SyncOptions.stash); default localStorage. */
  stash?: Storage | null;
  /** Give up (leaving the rest stored) after this long without success; default 15 s. */
  timeoutMs?: number;
  /**
   * Clients whose batches must not be taken (still running). By default each tab's batches are
   * sent while holding that tab's Web Lock, waited for up to `lockWaitMs` (default 1.5 s).
   */
  liveClients?: () => Promise<Set<string>>;
  lockWaitMs?: number;
  /** Batches the server refused (they are dropped). */
  onRejected?(batch: StoredBatch, error: SyncError): void;
}

/** Operations the server takes in one batch at most (its schema's limit). */
const SERVER_MAX_OPS = 10_000;
const LOCK_PREFIX = 'arbor-sync:';
/** How long a send waits for the store's write of its batch. */
const STORE_WAIT_MS = 3_000;
/** A live stream silent for this long is taken as dead (the server sends a keep-alive every 25 s). */
const STREAM_SILENCE_MS = 60_000;

interface Entry {
  count: number;
  tag: unknown;
}

interface Batch {
  stored: StoredBatch;
  /** The pushes in it, for onRejected; empty for a batch adopted from another tab. */
  entries: Entry[];
  bytes: number;
  /** Sent by a tab that is gone: its version is not ours, its event comes back as a remote change. */
  foreign: boolean;
}

interface OpsEvent {
  version: number;
  ops: Op[];
  actor: unknown;
  clientId?: string;
}

type Outcome =
  | { kind: 'saved'; version: number; unchanged: boolean }
  | { kind: 'rejected'; error: SyncError }
  | { kind: 'blocked'; error: SyncError }
  | { kind: 'retry'; error: SyncError; afterMs?: number }
  | { kind: 'network'; error: SyncError };

/** A random id from the platform's CSPRNG (randomUUID needs a secure context; this does not). */
export function randomId(bytes = 12): string {
  const b = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** Exponential backoff with jitter: 0.5 s, 1 s, 2 s… up to `cap`, each between half and all of it. */
export function backoffMs(attempt: number, cap = 30_000, base = 500): number {
  const full = Math.min(cap, base * 2 ** Math.min(attempt, 20));
  return Math.round(full / 2 + Math.random() * (full / 2));
}

function headersFor(share: ShareAccess | undefined): Record<string, string> {
  const h: Record<string, string> = {};
  if (share) {
    h['x-share-token'] = share.token;
    if (share.password !== undefined) h['x-share-password-utf8'] = encodeURIComponent(share.password);
  }
  return h;
}

function messageFor(status: number, code: string, fallback: string): string {
  if (status === 401) return '登录已过期，请重新登录；修改已保存在本机 (signed out: sign in again; your changes are kept on this device)';
  if (status === 403 && code === 'csrf') return `请求被拒绝 (request refused): ${fallback}`;
  if (status === 403) return '没有编辑权限；修改已保存在本机 (no permission to edit; your changes are kept on this device)';
  if (status === 404) return '找不到这张导图，或已无权访问 (map not found, or no longer shared with you)';
  if (status === 410) return '导图在回收站中，恢复后才能保存 (the map is in the trash; restore it to save)';
  if (status === 429) return '请求过于频繁，稍后重试 (too many requests; retrying)';
  return `服务器出错，稍后重试 (server error; retrying): ${fallback}`;
}

/** Sends one batch and classifies the answer. */
async function sendBatch(
  fetchFn: typeof fetch,
  url: string,
  share: ShareAccess | undefined,
  stored: StoredBatch,
  timeoutMs: number,
  keepalive: boolean,
): Promise<Outcome> {
  const body = JSON.stringify({ baseVersion: stored.baseVersion, ops: stored.ops, clientId: stored.clientId, batchId: stored.batchId });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let res: Response;
  try {
    res = await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headersFor(share) },
      body,
      credentials: 'same-origin',
      signal: controller.signal,
      // Lets the request outlive a closing tab; browsers allow it for small bodies only.
      keepalive: keepalive && body.length < 60_000,
    });
  } catch (err) {
    return { kind: 'network', error: { status: 0, code: 'network', message: (err as Error).message || 'network error' } };
  } finally {
    clearTimeout(timer);
  }
  if (res.ok) {
    let answer: { version?: unknown; unchanged?: unknown };
    try {
      answer = (await res.json()) as typeof answer;
    } catch (err) {
      // The batch was committed but its answer was cut: the resend will get its version.
      return { kind: 'network', error: { status: 0, code: 'network', message: (err as Error).message } };
    }
    if (typeof answer.version !== 'number') {
      return { kind: 'retry', error: { status: res.status, code: 'bad-answer', message: 'the server answered without a version' } };
    }
    return { kind: 'saved', version: answer.version, unchanged: answer.unchanged === true };
  }
  const { code, message } = await errorOf(res);
  const error: SyncError = { status: res.status, code, message };
  if (res.status === 429 || res.status >= 500 || res.status === 408) {
    const after = Number(res.headers.get('retry-after'));
    return { kind: 'retry', error, ...(after > 0 ? { afterMs: Math.min(after * 1000, 120_000) } : {}) };
  }
  if (res.status === 401 || res.status === 403 || res.status === 404 || res.status === 410) return { kind: 'blocked', error };
  return { kind: 'rejected', error };
}

function opsUrl(apiBase: string, mapId: string): string {
  return `${apiBase}/api/maps/${encodeURIComponent(mapId)}/ops`;
}

/** localStorage where the page may use it. */
function defaultStash(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined; // storage blocked (some privacy settings throw on access)
  }
}

/** The browser's Web Locks, where it has them. */
function webLocks(): LockManager | undefined {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks?.request ? locks : undefined;
}

interface SendStoredOptions {
  store: PendingStore;
  fetchFn: typeof fetch;
  url: string;
  share: ShareAccess | undefined;
  deadline: number;
  onRejected: ((batch: StoredBatch, error: SyncError) => void) | undefined;
}

/** Sends stored batches in order, retrying until the deadline; `stopped` when it had to give up. */
async function sendStored(batches: StoredBatch[], o: SendStoredOptions): Promise<{ saved: number; stopped: boolean }> {
  let saved = 0;
  for (const batch of batches) {
    for (let attempt = 0; ; attempt++) {
      const outcome = await sendBatch(o.fetchFn, o.url, o.share, batch, Math.max(1000, o.deadline - Date.now()), false);
      if (outcome.kind === 'saved') {
        await o.store.delete(batch.batchId);
        saved++;
        break;
      }
      if (outcome.kind === 'rejected') {
        await o.store.delete(batch.batchId);
        o.onRejected?.(batch, outcome.error);
        break;
      }
      if (outcome.kind === 'blocked') return { saved, stopped: true };
      const wait = outcome.kind === 'retry' && outcome.afterMs ? outcome.afterMs : backoffMs(attempt, 4000, 250);
      if (Date.now() + wait > o.deadline) return { saved, stopped: true };
      await sleep(wait);
    }
  }
  return { saved, stopped: false };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Ids of the records (topics with their subtrees, relationships, summaries, boundaries) that ops create. */
export function createdIds(ops: readonly Op[]): Set<string> {
  const out = new Set<string>();
  const walk = (t: { id: string; children?: readonly unknown[] } | undefined) => {
    if (!t) return;
    out.add(t.id);
    for (const c of t.children ?? []) walk(c as { id: string; children?: readonly unknown[] });
  };
  for (const op of ops) {
    if (op.type === 'topic.create') walk(op.topic);
    else if (op.type === 'summary.create') {
      out.add(op.summary.id);
      walk(op.topic);
    } else if (op.type === 'relationship.create') out.add(op.relationship.id);
    else if (op.type === 'boundary.create') out.add(op.boundary.id);
  }
  return out;
}

export class SyncClient {
  readonly clientId: string;
  private readonly opts: SyncOptions;
  private readonly store: PendingStore;
  private readonly fetchFn: typeof fetch;
  private readonly apiBase: string;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private readonly maxOps: number;
  private readonly maxBytes: number;
  private readonly timeoutMs: number;
  private readonly stash: Storage | undefined;
  /** Batches were stashed on a `pagehide` (the page may come back from the back/forward cache). */
  private stashed = false;

  private seq = 0;
  private open: Batch | null = null;
  private openTimer: ReturnType<typeof setTimeout> | undefined;
  private openPersistQueued = false;
  private readonly queue: Batch[] = [];
  private sending = false;
  /** The batch whose request is on the wire. */
  private inFlight: Batch | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryAt = 0;
  private attempts = 0;
  /** Serializes writes to the store; a batch is sent only after its write settled. */
  private storeChain: Promise<void> = Promise.resolve();
  private storeError: string | undefined;

  /** Highest version applied with no gap before it. */
  private applied: number;
  private readonly ownVersions = new Set<number>();
  private readonly remoteEvents = new Map<number, OpsEvent>();

  private running = false;
  private stopped = false;
  private readonly = false;
  /** Why sending is refused (401/403/404/410); cleared by the next batch the server takes. */
  private blocked: SyncError | undefined;
  /** Why the live stream is refused, or the map was deleted; cleared by the next `hello`. */
  private streamBlocked: SyncError | undefined;
  private serverTrouble: SyncError | undefined;
  private sendOffline = false;
  private streamOffline = false;
  private streamAbort: AbortController | undefined;
  /** Ends the wait before the live stream's next reconnect. */
  private streamWake: (() => void) | undefined;
  /** Resolves once this client has stopped and its last writes settled: its Web Locks go then. */
  private readonly lockReleased: Promise<void>;
  private releaseLocks: () => void = () => {};
  private flushWaiters: (() => void)[] = [];
  private lastStatus = '';
  private readonly detach: (() => void)[] = [];

  constructor(opts: SyncOptions) {
    if (!opts.mapId) throw new Error('SyncClient: mapId is required');
    if (!Number.isInteger(opts.baseVersion) || opts.baseVersion < 0)
      throw new Error('SyncClient: baseVersion must be a version (an integer ≥ 0)');
    this.opts = opts;
    this.clientId = opts.clientId ?? randomId();
    this.store = opts.store ?? defaultPendingStore();
    this.fetchFn = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.apiBase = opts.apiBase ?? '';
    this.debounceMs = opts.debounceMs ?? 200;
    this.maxWaitMs = opts.maxWaitMs ?? 1000;
    this.maxOps = Math.min(opts.maxBatchOps ?? 500, SERVER_MAX_OPS);
    this.maxBytes = opts.maxBatchBytes ?? 512 * 1024;
    this.timeoutMs = opts.requestTimeoutMs ?? 30_000;
    this.stash = opts.stash === null ? undefined : (opts.stash ?? defaultStash());
    this.applied = opts.baseVersion;
    this.lockReleased = new Promise((resolve) => {
      this.releaseLocks = resolve;
    });
  }

  /**
   * Sends the batches that tabs no longer running left in the store, oldest first, before the map
   * is loaded (so the loaded map has them). Resolves with the number saved; what could not be sent
   * within `timeoutMs` stays stored for a started client to adopt.
   */
  static async recover(mapId: string, options: RecoverOptions = {}): Promise<number> {
    const store = options.store ?? defaultPendingStore();
    const fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    const url = opsUrl(options.apiBase ?? '', mapId);
    const deadline = Date.now() + (options.timeoutMs ?? 15_000);
    let all: StoredBatch[];
    try {
      await importStash(options.stash === null ? undefined : (options.stash ?? defaultStash()), store, mapId);
      all = await store.list(mapId);
    } catch {
      return 0; // the store cannot be read (IndexedDB blocked or broken): nothing to recover from it
    }
    const send = (batches: StoredBatch[]) =>
      sendStored(batches, { store, fetchFn, url, share: options.share, deadline, onRejected: options.onRejected });
    const locks = webLocks();
    if (options.liveClients || !locks) {
      // Without Web Locks only sealed batches are taken: a tab still running may add ops to its open
      // one, and sending it early would make the server drop those as a resend of the same batch id.
      const live = options.liveClients ? await options.liveClients() : null;
      return (await send(all.filter((b) => (live ? !live.has(b.clientId) : b.sealed)))).saved;
    }
    // Each tab's batches are sent while holding that tab's lock: a tab still running keeps it (and
    // its batches); one being unloaded by this very reload lets go of it within `lockWaitMs`.
    let saved = 0;
    const byClient = new Map<string, StoredBatch[]>();
    for (const b of all) byClient.set(b.clientId, [...(byClient.get(b.clientId) ?? []), b]);
    for (const [clientId, batches] of byClient) {
      const wait = Math.max(1, Math.min(options.lockWaitMs ?? 1500, deadline - Date.now()));
      try {
        const result = await locks.request(`${LOCK_PREFIX}${clientId}`, { signal: AbortSignal.timeout(wait) }, () => send(batches));
        saved += result.saved;
        if (result.stopped) break;
      } catch (err) {
        const name = (err as Error)?.name;
        if (name !== 'AbortError' && name !== 'TimeoutError') throw err;
      }
    }
    return saved;
  }

  /** Unacknowledged batches (the open one included). */
  get pending(): number {
    return this.queue.length + (this.open ? 1 : 0);
  }

  /** The highest version applied with no gap: own acknowledged batches and remote changes. */
  get version(): number {
    return this.applied;
  }

  get status(): SaveStatus {
    return this.computeStatus().status;
  }

  /** Starts sending and reading live events; adopts batches left by tabs that are gone. */
  start(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    this.holdLock();
    this.listenToPage();
    void this.adoptOrphans().finally(() => this.pump());
    if (this.opts.live !== false) void this.streamLoop();
    this.emitStatus();
  }

  /** Stops timers, requests and the live stream. Unsent batches stay stored for `recover`. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.running = false;
    if (this.open) this.seal();
    clearTimeout(this.openTimer);
    clearTimeout(this.retryTimer);
    this.streamAbort?.abort();
    this.streamWake?.();
    for (const d of this.detach.splice(0)) d();
    // The lock goes once the last writes have settled, so recover() never takes a batch still being written.
    void this.storeChain.finally(() => this.releaseLocks());
    for (const w of this.flushWaiters.splice(0)) w();
  }

  /**
   * Queues ops the editor has already applied. `tag` comes back in onRejected if they are refused.
   * After stop() the ops are only stored, for the next page's recover().
   */
  push(ops: Op[], tag?: unknown): void {
    if (!Array.isArray(ops) || ops.length === 0) return;
    if (this.stopped) {
      for (let i = 0; i < ops.length; i += SERVER_MAX_OPS) {
        const batch = this.newBatch();
        batch.stored.ops = ops.slice(i, i + SERVER_MAX_OPS);
        batch.stored.sealed = true;
        this.write(() => this.store.put(batch.stored));
      }
      return;
    }
    if (this.readonly) {
      const error = { status: 403, code: 'read-only', message: '只读：无法修改 (read-only: changes are not saved)' };
      queueMicrotask(() => this.opts.onRejected({ ops, tag }, error));
      return;
    }
    // A push larger than the server takes is split; each part carries the same tag.
    for (let i = 0; i < ops.length; i += SERVER_MAX_OPS) this.pushPart(ops.slice(i, i + SERVER_MAX_OPS), tag);
  }

  /** Seals the open batch, retries at once, and resolves when nothing is pending (or the client stops). */
  flush(): Promise<void> {
    if (this.open) this.seal();
    this.retryNow();
    if (this.pending === 0 || this.stopped) return Promise.resolve();
    return new Promise((resolve) => this.flushWaiters.push(resolve));
  }

  /** Retries a waiting batch now (after signing in again, or when the user asks). */
  retryNow(): void {
    if (!this.running) return;
    this.streamWake?.();
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.retryAt = 0;
    this.pump();
    this.emitStatus();
  }

  // ---- batching ------------------------------------------------------------------------------

  private pushPart(ops: Op[], tag: unknown): void {
    const bytes = JSON.stringify(ops).length;
    if (this.open && (this.open.stored.ops.length + ops.length > this.maxOps || this.open.bytes + bytes > this.maxBytes)) this.seal();
    this.open ??= this.newBatch();
    const open = this.open;
    open.stored.ops.push(...ops);
    open.entries.push({ count: ops.length, tag });
    open.bytes += bytes;
    if (open.stored.ops.length >= this.maxOps || open.bytes >= this.maxBytes) {
      this.seal();
    } else {
      this.persistOpenSoon();
      clearTimeout(this.openTimer);
      const wait = Math.max(0, Math.min(this.debounceMs, open.stored.createdAt + this.maxWaitMs - Date.now()));
      this.openTimer = setTimeout(() => this.seal(), wait);
    }
    this.emitStatus();
  }

  private newBatch(): Batch {
    const now = Date.now();
    const seq = ++this.seq;
    return {
      stored: {
        batchId: `${this.clientId}-${now.toString(36)}-${seq}`,
        mapId: this.opts.mapId,
        clientId: this.clientId,
        baseVersion: this.applied,
        ops: [],
        createdAt: now,
        seq,
        sealed: false,
      },
      entries: [],
      bytes: 0,
      foreign: false,
    };
  }

  /** Writes the open batch once per turn of the event loop, however many pushes came in it. */
  private persistOpenSoon(): void {
    if (this.openPersistQueued) return;
    this.openPersistQueued = true;
    queueMicrotask(() => {
      this.openPersistQueued = false;
      const open = this.open;
      if (open) this.write(() => this.store.put(open.stored));
    });
  }

  private seal(): void {
    const batch = this.open;
    if (!batch) return;
    clearTimeout(this.openTimer);
    this.open = null;
    batch.stored.sealed = true;
    this.write(() => this.store.put(batch.stored));
    this.queue.push(batch);
    this.pump();
  }

  private write(step: () => Promise<void>): void {
    this.storeChain = this.storeChain.then(step).then(
      () => {
        if (this.storeError) {
          this.storeError = undefined;
          this.emitStatus();
        }
      },
      (err: unknown) => {
        // Saving goes on without the local copy; the user is told that a reload could lose edits.
        this.storeError = `本机暂存失败 (could not keep changes on this device): ${(err as Error)?.message ?? err}`;
        this.emitStatus();
      },
    );
  }

  // ---- sending -------------------------------------------------------------------------------

  private pump(): void {
    if (!this.running || this.sending || this.retryTimer !== undefined || this.readonly) return;
    const batch = this.queue[0];
    if (!batch) {
      this.resolveFlushes();
      return;
    }
    this.sending = true;
    this.emitStatus();
    void this.sendHead(batch).finally(() => {
      this.sending = false;
      this.emitStatus();
      this.pump();
    });
  }

  private async sendHead(batch: Batch): Promise<void> {
    // The batch is stored before it is sent; a store that hangs (a blocked IndexedDB) must not stop saving.
    await Promise.race([this.storeChain, sleep(STORE_WAIT_MS)]);
    if (!this.running) return;
    const hidden = (globalThis.document as Document | undefined)?.visibilityState === 'hidden';
    this.inFlight = batch;
    const outcome = await sendBatch(
      this.fetchFn,
      opsUrl(this.apiBase, this.opts.mapId),
      this.opts.share,
      batch.stored,
      this.timeoutMs,
      hidden,
    );
    this.inFlight = undefined;
    // Stopped, or dropped meanwhile (the role became view-only): the answer changes nothing here.
    if (this.stopped || !this.queue.includes(batch)) return;
    if (outcome.kind === 'saved' || outcome.kind === 'rejected') this.blocked = undefined;
    switch (outcome.kind) {
      case 'saved':
        this.attempts = 0;
        this.sendOffline = false;
        this.serverTrouble = undefined;
        this.dequeue(batch);
        if (!outcome.unchanged && !batch.foreign) {
          if (outcome.version > this.applied) this.ownVersions.add(outcome.version);
          this.advance();
        }
        return;
      case 'rejected': {
        this.attempts = 0;
        this.dequeue(batch);
        // Later batches that use what this one created would fail too, and could not be rolled
        // back after it: they are handed back first, newest first.
        const dependents = this.dependentsOf(batch);
        const dependentError = {
          status: outcome.error.status,
          code: 'depends-on-refused',
          message: `依赖于被拒绝的修改 (depends on a refused change): ${outcome.error.message}`,
        };
        for (const d of dependents) this.dequeue(d);
        for (const d of dependents.reverse()) this.handBack(d, dependentError);
        this.handBack(batch, outcome.error);
        return;
      }
      case 'blocked':
        this.blocked = outcome.error;
        this.scheduleRetry(backoffMs(this.attempts++, 60_000, 5_000));
        return;
      case 'retry':
        this.sendOffline = false;
        this.serverTrouble = outcome.error;
        this.scheduleRetry(outcome.afterMs ?? backoffMs(this.attempts++));
        return;
      case 'network':
        this.sendOffline = true;
        this.serverTrouble = undefined;
        this.scheduleRetry(backoffMs(this.attempts++));
        return;
    }
  }

  /** Calls onRejected for each push of a batch, newest first. */
  private handBack(batch: Batch, error: SyncError): void {
    let end = batch.stored.ops.length;
    for (let i = batch.entries.length - 1; i >= 0; i--) {
      const entry = batch.entries[i] as Entry;
      const ops = batch.stored.ops.slice(end - entry.count, end);
      end -= entry.count;
      try {
        this.opts.onRejected({ ops, tag: entry.tag }, error);
      } catch {
        // The editor's handler failing must not stop saving.
      }
    }
  }

  /** The queued batches (the open one sealed first) that mention a record `batch` created, transitively. */
  private dependentsOf(batch: Batch): Batch[] {
    const created = createdIds(batch.stored.ops);
    if (created.size === 0) return [];
    if (this.open) this.seal();
    const out: Batch[] = [];
    for (const later of this.queue) {
      if (later.foreign) continue;
      const json = JSON.stringify(later.stored.ops);
      let hit = false;
      for (const id of created) {
        if (json.includes(JSON.stringify(id))) {
          hit = true;
          break;
        }
      }
      if (!hit) continue;
      out.push(later);
      for (const id of createdIds(later.stored.ops)) created.add(id);
    }
    return out;
  }

  private dequeue(batch: Batch): void {
    const i = this.queue.indexOf(batch);
    if (i >= 0) this.queue.splice(i, 1);
    this.write(() => this.store.delete(batch.stored.batchId));
    if (this.stashed) unstash(this.stash, batch.stored.batchId);
  }

  private scheduleRetry(ms: number): void {
    clearTimeout(this.retryTimer);
    this.retryAt = Date.now() + ms;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.retryAt = 0;
      this.pump();
      this.emitStatus();
    }, ms);
  }

  private resolveFlushes(): void {
    if (this.pending > 0) return;
    for (const w of this.flushWaiters.splice(0)) w();
  }

  /**
   * Takes over batches of tabs that are gone (recover() could not send them), each tab's only when
   * its lock is free; the lock is then held until this client stops. Without Web Locks a running
   * tab cannot be told from a gone one: nothing is adopted.
   */
  private async adoptOrphans(): Promise<void> {
    const locks = webLocks();
    if (!locks) return;
    try {
      await importStash(this.stash, this.store, this.opts.mapId);
      const stored = (await this.store.list(this.opts.mapId)).filter((b) => b.clientId !== this.clientId);
      const orphans: StoredBatch[] = [];
      for (const clientId of new Set(stored.map((b) => b.clientId))) {
        if (this.stopped) return;
        const claimed = await new Promise<boolean>((resolve) => {
          locks
            .request(`${LOCK_PREFIX}${clientId}`, { ifAvailable: true }, (lock) => {
              resolve(lock !== null);
              return lock ? this.lockReleased : undefined;
            })
            .catch(() => resolve(false));
        });
        if (claimed) orphans.push(...stored.filter((b) => b.clientId === clientId));
      }
      if (orphans.length === 0 || this.stopped) return;
      this.queue.unshift(...orphans.map((s) => ({ stored: s, entries: [], bytes: 0, foreign: true })));
    } catch (err) {
      this.storeError = `读取本机暂存失败 (could not read changes kept on this device): ${(err as Error)?.message ?? err}`;
    }
  }

  // ---- live events ---------------------------------------------------------------------------

  private async streamLoop(): Promise<void> {
    let failures = 0;
    while (this.running) {
      const controller = new AbortController();
      this.streamAbort = controller;
      let lastActivity = Date.now();
      let greeted = false;
      const watchdog = setInterval(() => {
        if (Date.now() - lastActivity > STREAM_SILENCE_MS) controller.abort();
      }, 5_000);
      const url = `${this.apiBase}/api/maps/${encodeURIComponent(this.opts.mapId)}/events?since=${this.applied}`;
      let slow = false;
      try {
        await readEventStream(url, {
          fetch: this.fetchFn,
          headers: headersFor(this.opts.share),
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
        if (!this.running) break;
        if (err instanceof StreamStatusError) {
          this.streamOffline = false;
          slow = err.status < 500;
          if (err.status === 401 || err.status === 403 || err.status === 404 || err.status === 410) {
            this.streamBlocked = { status: err.status, code: err.code, message: err.message };
          }
        } else if (!greeted) {
          this.streamOffline = true;
        }
      } finally {
        clearInterval(watchdog);
      }
      if (!this.running) break;
      this.emitStatus();
      const wait = backoffMs(failures++, slow ? 60_000 : 15_000, slow ? 5_000 : 500);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.streamWake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.streamWake = undefined;
    }
  }

  private onMessage(m: SseMessage): void {
    if (!this.running) return;
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(m.data) as Record<string, unknown>;
    } catch {
      return;
    }
    switch (m.event) {
      case 'hello': {
        this.streamOffline = false;
        this.streamBlocked = undefined;
        if (data.role === 'view') this.becomeReadonly();
        this.emitStatus();
        return;
      }
      case 'ops': {
        const version = data.version;
        if (typeof version !== 'number' || version <= this.applied || !Array.isArray(data.ops)) return;
        const ev: OpsEvent = { version, ops: data.ops as Op[], actor: data.actor ?? null };
        if (typeof data.clientId === 'string') ev.clientId = data.clientId;
        this.remoteEvents.set(version, ev);
        this.advance();
        return;
      }
      case 'reset': {
        this.stop();
        this.opts.onReset();
        return;
      }
      case 'deleted': {
        this.streamBlocked = {
          status: 410,
          code: 'deleted',
          message: '导图已被删除或移到回收站 (the map was deleted or moved to the trash)',
        };
        this.emitStatus();
        return;
      }
    }
  }

  /** Moves the applied version forward over own versions and remote events, handing the latter out in order. */
  private advance(): void {
    for (;;) {
      const next = this.applied + 1;
      if (this.ownVersions.delete(next)) {
        this.applied = next;
        continue;
      }
      const ev = this.remoteEvents.get(next);
      if (!ev) break;
      this.remoteEvents.delete(next);
      this.applied = next;
      if (ev.clientId === this.clientId) continue;
      // Ops made after this change are based on it: they go in a new batch with the newer base.
      if (this.open) this.seal();
      try {
        this.opts.onRemote({ version: ev.version, ops: ev.ops, actor: ev.actor });
      } catch {
        // The local document cannot take a change the server accepted: it has drifted, reload it.
        this.stop();
        this.opts.onReset();
        return;
      }
    }
  }

  private becomeReadonly(): void {
    if (this.readonly) return;
    this.readonly = true;
    const error = { status: 403, code: 'read-only', message: '只读：无法修改 (read-only: changes are not saved)' };
    if (this.open) this.seal();
    for (const batch of this.queue.splice(0)) {
      this.write(() => this.store.delete(batch.stored.batchId));
      let end = batch.stored.ops.length;
      for (let i = batch.entries.length - 1; i >= 0; i--) {
        const entry = batch.entries[i] as Entry;
        this.opts.onRejected({ ops: batch.stored.ops.slice(end - entry.count, end), tag: entry.tag }, error);
        end -= entry.count;
      }
    }
    this.resolveFlushes();
  }

  // ---- status --------------------------------------------------------------------------------

  private computeStatus(): { status: SaveStatus; detail: StatusDetail } {
    const pending = this.pending;
    const retryInMs = this.retryAt ? Math.max(0, this.retryAt - Date.now()) : undefined;
    const withRetry = (d: StatusDetail): StatusDetail => (retryInMs !== undefined ? { ...d, retryInMs } : d);
    if (this.readonly) return { status: 'readonly', detail: { pending, message: '只读 (view only)' } };
    const blocked = this.blocked ?? this.streamBlocked;
    if (blocked) {
      const message = messageFor(blocked.status, blocked.code, blocked.message);
      return { status: 'error', detail: withRetry({ pending, message, blocked: { status: blocked.status, code: blocked.code } }) };
    }
    const browserOffline = (globalThis.navigator as Navigator | undefined)?.onLine === false;
    if (this.sendOffline || browserOffline || (this.streamOffline && pending > 0)) {
      return {
        status: 'offline',
        detail: withRetry({
          pending,
          message: '离线：修改保存在本机，联网后自动发送 (offline: changes are kept and sent when back online)',
        }),
      };
    }
    if (this.serverTrouble) {
      return {
        status: 'error',
        detail: withRetry({ pending, message: messageFor(this.serverTrouble.status, this.serverTrouble.code, this.serverTrouble.message) }),
      };
    }
    if (this.storeError) return { status: pending > 0 ? 'saving' : 'saved', detail: { pending, message: this.storeError } };
    return { status: pending > 0 ? 'saving' : 'saved', detail: { pending } };
  }

  private emitStatus(): void {
    const { status, detail } = this.computeStatus();
    const key = `${status}|${detail.pending}|${detail.message ?? ''}|${detail.retryInMs === undefined ? '' : 'r'}`;
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    try {
      this.opts.onStatus(status, detail);
    } catch {
      // The status display failing must not stop saving.
    }
  }

  // ---- the page ------------------------------------------------------------------------------

  private listenToPage(): void {
    const win = globalThis.window as Window | undefined;
    if (!win?.addEventListener) return;
    const online = () => this.retryNow();
    const offline = () => this.emitStatus();
    const hide = () => {
      try {
        this.opts.beforeHide?.();
      } catch {
        // Whatever the editor could not push, what it pushed before is still sealed and sent.
      }
      if (this.open) this.seal();
    };
    const pagehide = () => {
      hide();
      this.rescueOnUnload();
    };
    const visibility = () => {
      if (globalThis.document?.visibilityState === 'hidden') hide();
    };
    win.addEventListener('online', online);
    win.addEventListener('offline', offline);
    win.addEventListener('pagehide', pagehide);
    globalThis.document?.addEventListener('visibilitychange', visibility);
    this.detach.push(() => {
      win.removeEventListener('online', online);
      win.removeEventListener('offline', offline);
      win.removeEventListener('pagehide', pagehide);
      globalThis.document?.removeEventListener('visibilitychange', visibility);
    });
  }

  /**
   * The page is going away: IndexedDB writes started now may be dropped, so every unacknowledged
   * batch is also written to localStorage (synchronously), and the first one is sent with
   * `keepalive` when nothing is in flight (later ones could arrive out of order; the next page's
   * recover() sends them).
   */
  private rescueOnUnload(): void {
    if (this.queue.length === 0 || !this.running) return;
    if (this.stash)
      this.stashed =
        stashBatches(
          this.stash,
          this.queue.map((b) => b.stored),
        ) > 0 || this.stashed;
    const head = this.queue[0];
    if (this.inFlight || !head || this.readonly) return;
    void sendBatch(this.fetchFn, opsUrl(this.apiBase, this.opts.mapId), this.opts.share, head.stored, this.timeoutMs, true);
  }

  /** Holds a Web Lock named after this client while it runs, so recover() in another tab leaves its batches alone. */
  private holdLock(): void {
    void webLocks()
      ?.request(`${LOCK_PREFIX}${this.clientId}`, () => this.lockReleased)
      .catch(() => {});
  }
}
