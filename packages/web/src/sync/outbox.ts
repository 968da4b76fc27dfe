// The outbox: ops the editor pushed, gathered into batches and kept in the store until the server
// acknowledges them. Owns the open batch (its debounce and size limits), the queue of sealed
// batches in sending order, the store writes (serialized, their failure reported), the pagehide
// stash, and which queued batches depend on records a refused one created. Sending is SyncClient's.

import type { Op } from '@arbor/core';
import { type PendingStore, type StoredBatch, stashBatches, unstash } from './pending-store.ts';

/** Operations the server takes in one batch at most (its schema's limit). */
export const SERVER_MAX_OPS = 10_000;

/** One push, for onRejected: how many of the batch's ops it added, and the editor's tag. */
interface Entry {
  count: number;
  tag: unknown;
}

export interface Batch {
  stored: StoredBatch;
  /** The pushes in it, for onRejected; empty for a batch adopted from another tab. */
  entries: Entry[];
  bytes: number;
  /** Sent by a tab that is gone: its version is not ours, its event comes back as a remote change. */
  foreign: boolean;
}

export interface OutboxOptions {
  mapId: string;
  clientId: string;
  store: PendingStore;
  /** Where batches go on `pagehide`; undefined for none. */
  stash: Storage | undefined;
  debounceMs: number;
  maxWaitMs: number;
  maxOps: number;
  maxBytes: number;
  /** The version a batch opened now is based on (what the tab has fully applied). */
  baseVersion(): number;
  /** A batch was sealed and queued: time to send. */
  onSealed(): void;
  /** The store started or stopped failing (see `storeError`). */
  onStoreChange(): void;
}

/** The pushes of a batch, newest first, each with its own ops and tag. */
export function pushesOf(batch: Batch): { ops: Op[]; tag: unknown }[] {
  const out: { ops: Op[]; tag: unknown }[] = [];
  let end = batch.stored.ops.length;
  for (let i = batch.entries.length - 1; i >= 0; i--) {
    const entry = batch.entries[i] as Entry;
    out.push({ ops: batch.stored.ops.slice(end - entry.count, end), tag: entry.tag });
    end -= entry.count;
  }
  return out;
}

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

export class Outbox {
  /** Sealed batches in sending order; the head is the one being (or next to be) sent. */
  readonly queue: Batch[] = [];
  /** Why the store failed, for the user; cleared by the next write that succeeds. */
  storeError: string | undefined;
  private readonly o: OutboxOptions;
  private seq = 0;
  private open: Batch | null = null;
  private openTimer: ReturnType<typeof setTimeout> | undefined;
  private openPersistQueued = false;
  /** Serializes writes to the store; a batch is sent only after its write settled. */
  private storeChain: Promise<void> = Promise.resolve();
  /** Batches were stashed on a `pagehide` (the page may come back from the back/forward cache). */
  private stashed = false;

  constructor(options: OutboxOptions) {
    this.o = options;
  }

  /** Unacknowledged batches (the open one included). */
  get size(): number {
    return this.queue.length + (this.open ? 1 : 0);
  }

  /** Settles when every store write started so far has. */
  get written(): Promise<void> {
    return this.storeChain;
  }

  /** Adds one push (at most SERVER_MAX_OPS ops) to the open batch, sealing it by size or after a pause. */
  add(ops: Op[], tag: unknown): void {
    const bytes = JSON.stringify(ops).length;
    if (this.open && (this.open.stored.ops.length + ops.length > this.o.maxOps || this.open.bytes + bytes > this.o.maxBytes)) this.seal();
    this.open ??= this.newBatch();
    const open = this.open;
    open.stored.ops.push(...ops);
    open.entries.push({ count: ops.length, tag });
    open.bytes += bytes;
    if (open.stored.ops.length >= this.o.maxOps || open.bytes >= this.o.maxBytes) {
      this.seal();
    } else {
      this.persistOpenSoon();
      clearTimeout(this.openTimer);
      const wait = Math.max(0, Math.min(this.o.debounceMs, open.stored.createdAt + this.o.maxWaitMs - Date.now()));
      this.openTimer = setTimeout(() => this.seal(), wait);
    }
  }

  /** Only stores ops, as sealed batches, for the next page's recover() (the client has stopped). */
  keepForLater(ops: Op[]): void {
    for (let i = 0; i < ops.length; i += SERVER_MAX_OPS) {
      const batch = this.newBatch();
      batch.stored.ops = ops.slice(i, i + SERVER_MAX_OPS);
      batch.stored.sealed = true;
      this.write(() => this.o.store.put(batch.stored));
    }
  }

  /** Seals the open batch, if any, and queues it. */
  seal(): void {
    const batch = this.open;
    if (!batch) return;
    clearTimeout(this.openTimer);
    this.open = null;
    batch.stored.sealed = true;
    this.write(() => this.o.store.put(batch.stored));
    this.queue.push(batch);
    this.o.onSealed();
  }

  /** The server took or refused a batch: it leaves the queue, the store and the stash. */
  dequeue(batch: Batch): void {
    const i = this.queue.indexOf(batch);
    if (i >= 0) this.queue.splice(i, 1);
    this.write(() => this.o.store.delete(batch.stored.batchId));
    if (this.stashed) unstash(this.o.stash, batch.stored.batchId);
  }

  /** Seals the open batch and empties the queue, handing its batches to the caller. */
  takeAll(): Batch[] {
    this.seal();
    return this.queue.splice(0);
  }

  /** Deletes a batch taken with takeAll() from the store. */
  forget(batch: Batch): void {
    this.write(() => this.o.store.delete(batch.stored.batchId));
  }

  /** Puts batches of tabs that are gone at the head of the queue, to be sent first. */
  adopt(stored: StoredBatch[]): void {
    this.queue.unshift(...stored.map((s) => ({ stored: s, entries: [], bytes: 0, foreign: true })));
  }

  /** The queued batches (the open one sealed first) that mention a record `batch` created, transitively. */
  dependentsOf(batch: Batch): Batch[] {
    const created = createdIds(batch.stored.ops);
    if (created.size === 0) return [];
    this.seal();
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

  /** Writes every queued batch to the stash synchronously (the page is going away). */
  stashAll(): void {
    if (this.o.stash)
      this.stashed =
        stashBatches(
          this.o.stash,
          this.queue.map((b) => b.stored),
        ) > 0 || this.stashed;
  }

  private newBatch(): Batch {
    const now = Date.now();
    const seq = ++this.seq;
    return {
      stored: {
        batchId: `${this.o.clientId}-${now.toString(36)}-${seq}`,
        mapId: this.o.mapId,
        clientId: this.o.clientId,
        baseVersion: this.o.baseVersion(),
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
      if (open) this.write(() => this.o.store.put(open.stored));
    });
  }

  private write(step: () => Promise<void>): void {
    this.storeChain = this.storeChain.then(step).then(
      () => {
        if (this.storeError) {
          this.storeError = undefined;
          this.o.onStoreChange();
        }
      },
      (err: unknown) => {
        // Saving goes on without the local copy; the user is told that a reload could lose edits.
        this.storeError = `本机暂存失败 (could not keep changes on this device): ${(err as Error)?.message ?? err}`;
        this.o.onStoreChange();
      },
    );
  }
}
