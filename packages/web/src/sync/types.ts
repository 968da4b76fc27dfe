// The sync layer's public types: what the editor passes to SyncClient and what it gets back
// (save status, remote changes, refusals). Re-exported by sync-client.ts and index.ts.

import type { Op } from '@arbor/core';
import type { PendingStore, StoredBatch } from './pending-store.ts';

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
