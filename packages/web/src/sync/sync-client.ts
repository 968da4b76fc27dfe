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

//
// ## Modules
//
// This file is the client: its public API, sending the queued batches, and the page's events.
// `types.ts` the public types · `outbox.ts` batching and the store · `transport.ts` one request
// and its outcome · `live-stream.ts` live events and version order · `status.ts` the save status
// and its messages · `recover.ts` batches left by gone tabs (Web Locks) · `pending-store.ts` the
// stores and the unload stash · `sse.ts` the event-stream reader.

import type { Op } from '@arbor/core';
import { LiveStream, type OpsEvent, VersionOrder } from './live-stream.ts';
import { type Batch, Outbox, pushesOf, SERVER_MAX_OPS } from './outbox.ts';
import { defaultPendingStore, defaultStash, type PendingStore } from './pending-store.ts';
import { claimOrphans, holdClientLock, recoverBatches } from './recover.ts';
import { computeStatus, readOnlyError, statusKey } from './status.ts';
import { backoffMs, eventsUrl, headersFor, opsUrl, randomId, sendBatch, sleep } from './transport.ts';
import type { RecoverOptions, SaveStatus, StatusDetail, SyncError, SyncOptions } from './types.ts';

export { createdIds } from './outbox.ts';
export { backoffMs, randomId } from './transport.ts';
export type { RecoverOptions, RemoteChange, SaveStatus, ShareAccess, StatusDetail, SyncError, SyncOptions } from './types.ts';

/** How long a send waits for the store's write of its batch. */
const STORE_WAIT_MS = 3_000;

export class SyncClient {
  readonly clientId: string;
  private readonly opts: SyncOptions;
  private readonly fetchFn: typeof fetch;
  private readonly apiBase: string;
  private readonly timeoutMs: number;
  private readonly store: PendingStore;
  private readonly stash: Storage | undefined;
  private readonly outbox: Outbox;
  private readonly versions: VersionOrder;
  private readonly stream: LiveStream;

  private sending = false;
  /** The batch whose request is on the wire. */
  private inFlight: Batch | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryAt = 0;
  private attempts = 0;

  private running = false;
  private stopped = false;
  private readonly = false;
  /** Why sending is refused (401/403/404/410); cleared by the next batch the server takes. */
  private blocked: SyncError | undefined;
  private serverTrouble: SyncError | undefined;
  private sendOffline = false;
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
    this.fetchFn = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.apiBase = opts.apiBase ?? '';
    this.timeoutMs = opts.requestTimeoutMs ?? 30_000;
    this.store = opts.store ?? defaultPendingStore();
    this.stash = opts.stash === null ? undefined : (opts.stash ?? defaultStash());
    this.versions = new VersionOrder(opts.baseVersion);
    this.outbox = new Outbox({
      mapId: opts.mapId,
      clientId: this.clientId,
      store: this.store,
      stash: this.stash,
      debounceMs: opts.debounceMs ?? 200,
      maxWaitMs: opts.maxWaitMs ?? 1000,
      maxOps: Math.min(opts.maxBatchOps ?? 500, SERVER_MAX_OPS),
      maxBytes: opts.maxBatchBytes ?? 512 * 1024,
      baseVersion: () => this.versions.applied,
      onSealed: () => this.pump(),
      onStoreChange: () => this.emitStatus(),
    });
    this.stream = new LiveStream({
      fetch: this.fetchFn,
      headers: headersFor(opts.share),
      url: () => eventsUrl(this.apiBase, opts.mapId, this.versions.applied),
      running: () => this.running,
      onHello: (role) => {
        if (role === 'view') this.becomeReadonly();
        this.emitStatus();
      },
      onOps: (ev) => {
        if (this.versions.addRemote(ev)) this.advance();
      },
      onReset: () => {
        this.stop();
        this.opts.onReset();
      },
      onChange: () => this.emitStatus(),
    });
    this.lockReleased = new Promise((resolve) => {
      this.releaseLocks = resolve;
    });
  }

  /**
   * Sends the batches that tabs no longer running left in the store, oldest first, before the map
   * is loaded (so the loaded map has them). Resolves with the number saved; what could not be sent
   * within `timeoutMs` stays stored for a started client to adopt.
   */
  static recover(mapId: string, options: RecoverOptions = {}): Promise<number> {
    return recoverBatches(mapId, options);
  }

  /** Unacknowledged batches (the open one included). */
  get pending(): number {
    return this.outbox.size;
  }

  /** The highest version applied with no gap: own acknowledged batches and remote changes. */
  get version(): number {
    return this.versions.applied;
  }

  get status(): SaveStatus {
    return this.computeStatus().status;
  }

  /** Starts sending and reading live events; adopts batches left by tabs that are gone. */
  start(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    holdClientLock(this.clientId, this.lockReleased);
    this.listenToPage();
    void this.adoptOrphans().finally(() => this.pump());
    if (this.opts.live !== false) void this.stream.run();
    this.emitStatus();
  }

  /** Stops timers, requests and the live stream. Unsent batches stay stored for `recover`. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.running = false;
    this.outbox.seal();
    clearTimeout(this.retryTimer);
    this.stream.stop();
    for (const d of this.detach.splice(0)) d();
    // The lock goes once the last writes have settled, so recover() never takes a batch still being written.
    void this.outbox.written.finally(() => this.releaseLocks());
    for (const w of this.flushWaiters.splice(0)) w();
  }

  /**
   * Queues ops the editor has already applied. `tag` comes back in onRejected if they are refused.
   * After stop() the ops are only stored, for the next page's recover().
   */
  push(ops: Op[], tag?: unknown): void {
    if (!Array.isArray(ops) || ops.length === 0) return;
    if (this.stopped) {
      this.outbox.keepForLater(ops);
      return;
    }
    if (this.readonly) {
      const error = readOnlyError();
      queueMicrotask(() => this.opts.onRejected({ ops, tag }, error));
      return;
    }
    // A push larger than the server takes is split; each part carries the same tag.
    for (let i = 0; i < ops.length; i += SERVER_MAX_OPS) {
      this.outbox.add(ops.slice(i, i + SERVER_MAX_OPS), tag);
      this.emitStatus();
    }
  }

  /** Seals the open batch, retries at once, and resolves when nothing is pending (or the client stops). */
  flush(): Promise<void> {
    this.outbox.seal();
    this.retryNow();
    if (this.pending === 0 || this.stopped) return Promise.resolve();
    return new Promise((resolve) => this.flushWaiters.push(resolve));
  }

  /** Retries a waiting batch now (after signing in again, or when the user asks). */
  retryNow(): void {
    if (!this.running) return;
    this.stream.wake();
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.retryAt = 0;
    this.pump();
    this.emitStatus();
  }

  // ---- sending -------------------------------------------------------------------------------

  private pump(): void {
    if (!this.running || this.sending || this.retryTimer !== undefined || this.readonly) return;
    const batch = this.outbox.queue[0];
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
    await Promise.race([this.outbox.written, sleep(STORE_WAIT_MS)]);
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
    if (this.stopped || !this.outbox.queue.includes(batch)) return;
    if (outcome.kind === 'saved' || outcome.kind === 'rejected') this.blocked = undefined;
    switch (outcome.kind) {
      case 'saved':
        this.attempts = 0;
        this.sendOffline = false;
        this.serverTrouble = undefined;
        this.outbox.dequeue(batch);
        if (!outcome.unchanged && !batch.foreign) {
          this.versions.addOwn(outcome.version);
          this.advance();
        }
        return;
      case 'rejected': {
        this.attempts = 0;
        this.outbox.dequeue(batch);
        // Later batches that use what this one created would fail too, and could not be rolled
        // back after it: they are handed back first, newest first.
        const dependents = this.outbox.dependentsOf(batch);
        const dependentError = {
          status: outcome.error.status,
          code: 'depends-on-refused',
          message: `依赖于被拒绝的修改 (depends on a refused change): ${outcome.error.message}`,
        };
        for (const d of dependents) this.outbox.dequeue(d);
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
    for (const push of pushesOf(batch)) {
      try {
        this.opts.onRejected(push, error);
      } catch {
        // The editor's handler failing must not stop saving.
      }
    }
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

  /** Takes over batches of tabs that are gone (recover() could not send them); see claimOrphans. */
  private async adoptOrphans(): Promise<void> {
    try {
      const orphans = await claimOrphans({
        store: this.store,
        stash: this.stash,
        mapId: this.opts.mapId,
        clientId: this.clientId,
        released: this.lockReleased,
        stopped: () => this.stopped,
      });
      if (orphans.length === 0 || this.stopped) return;
      this.outbox.adopt(orphans);
    } catch (err) {
      this.outbox.storeError = `读取本机暂存失败 (could not read changes kept on this device): ${(err as Error)?.message ?? err}`;
    }
  }

  // ---- live events ---------------------------------------------------------------------------

  /** Hands out the remote changes that are next in version order; this tab's echoes are skipped. */
  private advance(): void {
    for (let ev: OpsEvent | undefined = this.versions.next(); ev; ev = this.versions.next()) {
      if (ev.clientId === this.clientId) continue;
      // Ops made after this change are based on it: they go in a new batch with the newer base.
      this.outbox.seal();
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
    const error = readOnlyError();
    for (const batch of this.outbox.takeAll()) {
      this.outbox.forget(batch);
      for (const push of pushesOf(batch)) this.opts.onRejected(push, error);
    }
    this.resolveFlushes();
  }

  // ---- status --------------------------------------------------------------------------------

  private computeStatus(): { status: SaveStatus; detail: StatusDetail } {
    return computeStatus({
      pending: this.pending,
      retryAt: this.retryAt,
      readonly: this.readonly,
      blocked: this.blocked,
      streamBlocked: this.stream.blocked,
      serverTrouble: this.serverTrouble,
      sendOffline: this.sendOffline,
      streamOffline: this.stream.offline,
      storeError: this.outbox.storeError,
    });
  }

  private emitStatus(): void {
    const { status, detail } = this.computeStatus();
    const key = statusKey(status, detail);
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
      this.outbox.seal();
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
    if (this.outbox.queue.length === 0 || !this.running) return;
    this.outbox.stashAll();
    const head = this.outbox.queue[0];
    if (this.inFlight || !head || this.readonly) return;
    void sendBatch(this.fetchFn, opsUrl(this.apiBase, this.opts.mapId), this.opts.share, head.stored, this.timeoutMs, true);
  }
}
