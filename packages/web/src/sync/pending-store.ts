// Where unacknowledged batches wait: IndexedDB in the browser (they survive a reload, a closed tab
// and a crash), or memory (tests, and browsers without IndexedDB such as some private modes).

import type { Op } from '@arbor/core';

/** One batch of operations as kept until the server acknowledges it. */
export interface StoredBatch {
  /** Unique id; the server applies a batch id once, so sending it again is safe. */
  batchId: string;
  mapId: string;
  /** The tab that made the edits (sent as `clientId`). */
  clientId: string;
  /** The version of the map the tab had fully applied when the first of these ops was made. */
  baseVersion: number;
  ops: Op[];
  /** When the batch was opened (ms since the epoch) and, per tab, its order: batches are sent by (createdAt, seq). */
  createdAt: number;
  seq: number;
  /** False while the tab may still add ops to it; true once it is final and may be sent. */
  sealed: boolean;
}

/** Keeps batches until they are acknowledged. Every method resolves once the change is durable. */
export interface PendingStore {
  put(batch: StoredBatch): Promise<void>;
  delete(batchId: string): Promise<void>;
  /** The map's batches in sending order. */
  list(mapId: string): Promise<StoredBatch[]>;
}

export function byOrder(a: StoredBatch, b: StoredBatch): number {
  return a.createdAt - b.createdAt || (a.clientId === b.clientId ? a.seq - b.seq : a.clientId < b.clientId ? -1 : 1);
}

function copy(batch: StoredBatch): StoredBatch {
  return structuredClone(batch);
}

/** Batches in memory: lost with the page. For tests and as a fallback where IndexedDB is missing. */
export class MemoryPendingStore implements PendingStore {
  private readonly batches = new Map<string, StoredBatch>();

  async put(batch: StoredBatch): Promise<void> {
    this.batches.set(batch.batchId, copy(batch));
  }

  async delete(batchId: string): Promise<void> {
    this.batches.delete(batchId);
  }

  async list(mapId: string): Promise<StoredBatch[]> {
    return [...this.batches.values()]
      .filter((b) => b.mapId === mapId)
      .map(copy)
      .sort(byOrder);
  }
}

const DB_NAME = 'arbor-sync';
const STORE = 'batches';

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** Batches in IndexedDB (database `arbor-sync`, store `batches`, keyed by batch id, indexed by map). */
export class IndexedDbPendingStore implements PendingStore {
  private db: Promise<IDBDatabase> | undefined;

  constructor(
    private readonly factory: IDBFactory = globalThis.indexedDB,
    private readonly name = DB_NAME,
  ) {
    if (!factory) throw new Error('IndexedDB is not available in this browser');
  }

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = this.factory.open(this.name, 1);
      request.onupgradeneeded = () => {
        const store = request.result.createObjectStore(STORE, { keyPath: 'batchId' });
        store.createIndex('mapId', 'mapId');
      };
      request.onsuccess = () => {
        const db = request.result;
        // Another tab upgrading the schema must not be blocked by this one.
        db.onversionchange = () => {
          db.close();
          this.db = undefined;
        };
        resolve(db);
      };
      request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
      request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    }).catch((err) => {
      this.db = undefined;
      throw err;
    });
    return this.db;
  }

  /** Runs one read-write or read-only transaction and resolves when it has committed. */
  private async run<T>(mode: IDBTransactionMode, body: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const db = await this.open();
    const tx = db.transaction(STORE, mode, { durability: 'strict' });
    const result = promised(body(tx.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
    return result;
  }

  async put(batch: StoredBatch): Promise<void> {
    await this.run('readwrite', (s) => s.put(batch));
  }

  async delete(batchId: string): Promise<void> {
    await this.run('readwrite', (s) => s.delete(batchId));
  }

  async list(mapId: string): Promise<StoredBatch[]> {
    const rows = (await this.run('readonly', (s) => s.index('mapId').getAll(mapId))) as StoredBatch[];
    return rows.sort(byOrder);
  }

  close(): void {
    void this.db?.then((db) => db.close()).catch(() => {});
    this.db = undefined;
  }
}

/** IndexedDB where the browser has it, else memory. */
export function defaultPendingStore(): PendingStore {
  return globalThis.indexedDB ? new IndexedDbPendingStore() : new MemoryPendingStore();
}

// ---- the unload stash ------------------------------------------------------------------------
// Browsers drop IndexedDB writes started while a page is being unloaded (Chromium aborts them on a
// reload), but a localStorage write is synchronous. On `pagehide` the sync client copies its
// unacknowledged batches here; the next page's recover() moves them into the store.

const STASH_PREFIX = 'arbor-sync-stash:';

/** localStorage where the page may use it. */
export function defaultStash(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined; // storage blocked (some privacy settings throw on access)
  }
}

/** Writes batches to `storage` at once (for `pagehide`); returns how many fitted. */
export function stashBatches(storage: Storage, batches: readonly StoredBatch[]): number {
  let n = 0;
  for (const b of batches) {
    try {
      storage.setItem(`${STASH_PREFIX}${b.batchId}`, JSON.stringify(b));
      n++;
    } catch {
      // Over quota: that batch relies on the store (and on the keepalive request) alone.
    }
  }
  return n;
}

function isStoredBatch(x: unknown): x is StoredBatch {
  const b = x as StoredBatch;
  return (
    typeof b === 'object' &&
    b !== null &&
    typeof b.batchId === 'string' &&
    typeof b.mapId === 'string' &&
    typeof b.clientId === 'string' &&
    Number.isInteger(b.baseVersion) &&
    Array.isArray(b.ops) &&
    typeof b.createdAt === 'number' &&
    typeof b.seq === 'number'
  );
}

/** Moves a map's stashed batches into the store (a batch already there is the same batch). */
export async function importStash(storage: Storage | undefined, store: PendingStore, mapId: string): Promise<number> {
  if (!storage) return 0;
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(STASH_PREFIX)) keys.push(key);
  }
  let moved = 0;
  for (const key of keys) {
    let batch: unknown;
    try {
      batch = JSON.parse(storage.getItem(key) ?? 'null');
    } catch {
      batch = null;
    }
    if (!isStoredBatch(batch)) {
      storage.removeItem(key); // unreadable: nothing can be done with it
      continue;
    }
    if (batch.mapId !== mapId) continue;
    await store.put({ ...batch, sealed: true });
    storage.removeItem(key);
    moved++;
  }
  return moved;
}

/** Forgets a stashed batch (it was acknowledged). */
export function unstash(storage: Storage | undefined, batchId: string): void {
  try {
    storage?.removeItem(`${STASH_PREFIX}${batchId}`);
  } catch {
    // Storage not reachable: a later import sends it again, which the server answers as a resend.
  }
}
