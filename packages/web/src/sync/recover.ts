// Batches that outlive their tab. Liveness comes from the Web Locks API: a running client holds a
// lock named after its clientId. recoverBatches() sends, before a map is loaded, what tabs no
// longer running left in the store (each tab's batches under its lock); claimOrphans() lets a
// started client take over what recover could not send. See the top of sync-client.ts.

import { defaultPendingStore, defaultStash, importStash, type PendingStore, type StoredBatch } from './pending-store.ts';
import { backoffMs, opsUrl, sendBatch, sleep } from './transport.ts';
import type { RecoverOptions, ShareAccess, SyncError } from './types.ts';

const LOCK_PREFIX = 'arbor-sync:';

/** The browser's Web Locks, where it has them. */
export function webLocks(): LockManager | undefined {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks?.request ? locks : undefined;
}

/** Holds the Web Lock named after a client until `released` settles, so recover() in another tab leaves its batches alone. */
export function holdClientLock(clientId: string, released: Promise<void>): void {
  void webLocks()
    ?.request(`${LOCK_PREFIX}${clientId}`, () => released)
    .catch(() => {});
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

/** SyncClient.recover: sends the batches of tabs no longer running; resolves with the number saved. */
export async function recoverBatches(mapId: string, options: RecoverOptions = {}): Promise<number> {
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

interface ClaimOptions {
  store: PendingStore;
  stash: Storage | undefined;
  mapId: string;
  /** The claiming client: its own batches are not orphans. */
  clientId: string;
  /** Each claimed lock is held until this settles (the claiming client stopped). */
  released: Promise<void>;
  stopped(): boolean;
}

/**
 * The stored batches of tabs that are gone (recover() could not send them), each tab's only when
 * its lock is free; the lock is then held until `released`. Without Web Locks a running tab cannot
 * be told from a gone one: nothing is claimed. Throws when the store cannot be read.
 */
export async function claimOrphans(o: ClaimOptions): Promise<StoredBatch[]> {
  const locks = webLocks();
  if (!locks) return [];
  await importStash(o.stash, o.store, o.mapId);
  const stored = (await o.store.list(o.mapId)).filter((b) => b.clientId !== o.clientId);
  const orphans: StoredBatch[] = [];
  for (const clientId of new Set(stored.map((b) => b.clientId))) {
    if (o.stopped()) return [];
    const claimed = await new Promise<boolean>((resolve) => {
      locks
        .request(`${LOCK_PREFIX}${clientId}`, { ifAvailable: true }, (lock) => {
          resolve(lock !== null);
          return lock ? o.released : undefined;
        })
        .catch(() => resolve(false));
    });
    if (claimed) orphans.push(...stored.filter((b) => b.clientId === clientId));
  }
  return orphans;
}
