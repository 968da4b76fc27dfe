// The documents behind maps: loading (latest snapshot + replay of the op log), an LRU of loaded
// DocStates, and the one sequencer per map that validates, rebases, persists and fans out batches
// of operations. An answer is given only after the batch is committed to the database.

import {
  applyDiff,
  applyOps,
  type Diff,
  type DocState,
  docFromState,
  invertDiff,
  isEmptyDiff,
  type MindDoc,
  type Op,
  OpError,
  stateFromDoc,
} from '@arbor/core';
import type { Kysely, Transaction } from 'kysely';
import type { Database, Dialect } from '../db/schema.ts';
import { ApiError, badRequest, conflict, notFound } from '../http/errors.ts';
import { EVERYTHING, TouchedIndex, touchedKeys } from './conflicts.ts';
import type { EventHub } from './events.ts';
import { KeyedQueue } from './keyed-queue.ts';
import { LruCache } from './lru.ts';
import { restoreDoc } from './restore-doc.ts';

type Db = Kysely<Database> | Transaction<Database>;

interface LoadedMap {
  state: DocState;
  /** The version `state` is at (the op log's, not DocState's own counter). */
  version: number;
  /** Touched keys (and sending tab) of the most recent batches, newest last, for rebasing without a database read. */
  recent: RecentBatch[];
}

interface RecentBatch {
  version: number;
  touched: string[];
  clientId?: string | null;
}

/** A committed batch's entry for `recent`, from its op-log row. */
const recentOf = (r: { version: number; touched: string; client_id: string | null }): RecentBatch => ({
  version: r.version,
  touched: JSON.parse(r.touched) as string[],
  clientId: r.client_id,
});

/** How far behind a batch may be and still be rebased. */
const MAX_REBASE = 1000;
const RECENT_KEPT = 64;

/** Thrown inside a submit when another process committed first; the submit is retried. */
class StaleCacheError extends Error {}

export interface SubmitInput {
  baseVersion: number;
  ops: Op[];
  actor: string | null;
  clientId?: string;
  /** Client-chosen id of this batch: sending the same batch again answers its version, applying nothing. */
  batchId?: string;
}

export interface SubmitResult {
  version: number;
  /** True when the batch was based on an older version and was rebased. */
  rebased: boolean;
  /** True when this batch id was already saved (a resend); nothing was applied again. */
  duplicate?: boolean;
  /** True when the batch changed nothing: no version was made, `version` is the map's current one. */
  unchanged?: boolean;
}

export interface MapDocumentsOptions {
  snapshotEvery: number;
  cacheSize: number;
  events: EventHub;
  log: (msg: string, err?: unknown) => void;
  /** Told after a batch or a restore is committed (the content index refreshes the map's text). */
  onCommitted?: (mapId: string) => void;
}

export class MapDocuments {
  private readonly cache: LruCache<string, LoadedMap>;
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
    private readonly options: MapDocumentsOptions,
  ) {
    this.cache = new LruCache(options.cacheSize);
  }

  /** The current document as JSON text and its version, consistent with each other. */
  read(mapId: string): Promise<{ json: string; version: number; doc: MindDoc }> {
    return this.queue.run(mapId, async () => {
      const entry = await this.current(mapId, this.db);
      const doc = docFromState(entry.state);
      return { json: JSON.stringify(doc), version: entry.version, doc };
    });
  }

  /**
   * The current document and version, for background readers of many maps (the content index): a
   * cached map is read from the cache, another is loaded without pushing edited maps out of it.
   */
  peek(mapId: string): Promise<{ version: number; doc: MindDoc }> {
    return this.queue.run(mapId, async () => {
      if (this.cache.has(mapId)) {
        const entry = await this.current(mapId, this.db);
        return { version: entry.version, doc: docFromState(entry.state) };
      }
      const row = await this.db.selectFrom('maps').select('version').where('id', '=', mapId).executeTakeFirst();
      if (!row) throw notFound('map');
      const loaded = await this.loadAt(this.db, mapId, row.version);
      return { version: loaded.version, doc: docFromState(loaded.state) };
    });
  }

  /** The document as it was at `version` (a fresh copy; the cache is not touched). */
  async docAt(mapId: string, version: number): Promise<MindDoc> {
    const { state } = await this.loadAt(this.db, mapId, version);
    return docFromState(state);
  }

  /** Validates, rebases when needed, persists and fans out one batch of operations. */
  submit(mapId: string, input: SubmitInput): Promise<SubmitResult> {
    return this.queue.run(mapId, async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await this.trySubmit(mapId, input);
        } catch (err) {
          if (!(err instanceof StaleCacheError || isWriteRace(err)) || attempt >= 3) throw err;
          this.cache.delete(mapId);
        }
      }
    });
  }

  /** Makes the document at `version` the current one, as a new version. */
  restoreVersion(mapId: string, version: number, actor: string | null): Promise<{ version: number }> {
    return this.queue.run(mapId, async () => {
      const doc = await this.docAt(mapId, version);
      const now = Date.now();
      const newVersion = await this.db.transaction().execute(async (trx) => {
        const row = await this.lockRow(trx, mapId);
        if (version > row.version) throw notFound(`version ${version}`);
        const next = row.version + 1;
        await trx
          .insertInto('map_snapshots')
          .values({ map_id: mapId, version: next, doc: JSON.stringify(doc), created_at: now })
          .execute();
        await trx
          .insertInto('map_ops')
          .values({
            map_id: mapId,
            version: next,
            kind: 'restore',
            ops: JSON.stringify({ restoredFrom: version }),
            touched: JSON.stringify([EVERYTHING]),
            author: actor,
            created_at: now,
          })
          .execute();
        const updated = await trx
          .updateTable('maps')
          .set({ version: next, snapshot_version: next, updated_at: now, title: doc.title || row.title })
          .where('id', '=', mapId)
          .where('version', '=', row.version)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) throw new ApiError(503, 'busy', 'the map changed meanwhile; try again');
        return next;
      });
      this.cache.set(mapId, { state: stateFromDoc(doc), version: newVersion, recent: [{ version: newVersion, touched: [EVERYTHING] }] });
      this.options.events.publish({ mapId, version: newVersion, kind: 'reset', actor });
      this.options.onCommitted?.(mapId);
      return { version: newVersion };
    });
  }

  /** Forgets a cached document (after a delete, or when the database changed under it). */
  evict(mapId: string): void {
    this.cache.delete(mapId);
  }

  /** Waits for queued work (snapshots included) to finish. */
  drain(): Promise<void> {
    return this.queue.drain();
  }

  private async trySubmit(mapId: string, input: SubmitInput): Promise<SubmitResult> {
    // The cached state is checked against the locked row inside the transaction (and caught up there).
    const entry = this.cache.get(mapId) ?? (await this.current(mapId, this.db));
    const applied: { diff: Diff | null } = { diff: null };
    try {
      const outcome = await this.db.transaction().execute(async (trx) => {
        const row = await this.lockRow(trx, mapId);
        if (input.batchId !== undefined) {
          const saved = await trx
            .selectFrom('map_ops')
            .select('version')
            .where('map_id', '=', mapId)
            .where('batch_id', '=', input.batchId)
            .executeTakeFirst();
          if (saved) return { version: saved.version, touched: [] as string[], snapshotDue: false, duplicate: true };
        }
        if (row.version !== entry.version) await this.catchUp(trx, mapId, entry, row.version);
        const { baseVersion } = input;
        if (baseVersion > row.version)
          throw badRequest(`baseVersion ${baseVersion} is newer than the map (version ${row.version})`, 'bad-base-version');
        if (row.version - baseVersion > MAX_REBASE) {
          throw conflict(`this edit is based on version ${baseVersion}, too far behind ${row.version}; reload the map`, {
            version: row.version,
          });
        }
        const committed = baseVersion < row.version ? await this.touchedSince(trx, mapId, entry, baseVersion, input.clientId) : null;
        try {
          applied.diff = applyOps(entry.state, input.ops).diff;
        } catch (err) {
          if (!(err instanceof OpError)) throw err;
          if (committed)
            throw conflict(`edit conflicts with changes made since version ${baseVersion}: ${err.message}`, {
              version: row.version,
              reason: err.code,
            });
          throw new ApiError(400, 'invalid-op', err.message, { reason: err.code });
        }
        const diff = applied.diff;
        if (isEmptyDiff(diff)) return { version: row.version, touched: [] as string[], snapshotDue: false, duplicate: false };
        const touched = touchedKeys(diff);
        const clash = committed?.conflict(touched);
        if (clash !== undefined) {
          throw conflict(`edit conflicts with changes made since version ${baseVersion} (${describeKey(clash)})`, { version: row.version });
        }
        const next = row.version + 1;
        const now = Date.now();
        const title = diff.doc?.after.title;
        await trx
          .insertInto('map_ops')
          .values({
            map_id: mapId,
            version: next,
            kind: 'ops',
            ops: JSON.stringify(input.ops),
            touched: JSON.stringify(touched),
            author: input.actor,
            batch_id: input.batchId ?? null,
            client_id: input.clientId ?? null,
            created_at: now,
          })
          .execute();
        const updated = await trx
          .updateTable('maps')
          .set(
            title !== undefined
              ? { version: next, updated_at: now, title: title.slice(0, 500) || row.title }
              : { version: next, updated_at: now },
          )
          .where('id', '=', mapId)
          .where('version', '=', row.version)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) throw new StaleCacheError();
        return { version: next, touched, snapshotDue: next - row.snapshot_version >= this.options.snapshotEvery, duplicate: false };
      });
      if (outcome.duplicate) return { version: outcome.version, rebased: false, duplicate: true };
      if (outcome.touched.length === 0) return { version: outcome.version, rebased: false, unchanged: true };
      entry.version = outcome.version;
      entry.recent.push({ version: outcome.version, touched: outcome.touched, clientId: input.clientId ?? null });
      if (entry.recent.length > RECENT_KEPT) entry.recent.shift();
      if (outcome.snapshotDue) this.scheduleSnapshot(mapId, entry);
      this.options.onCommitted?.(mapId);
      this.options.events.publish({
        mapId,
        version: outcome.version,
        kind: 'ops',
        ops: input.ops,
        actor: input.actor,
        ...(input.clientId ? { clientId: input.clientId } : {}),
      });
      return { version: outcome.version, rebased: input.baseVersion < outcome.version - 1 };
    } catch (err) {
      if (applied.diff && !isEmptyDiff(applied.diff)) {
        // Nothing was committed: take the change back out of the cached state (or forget the state).
        try {
          if (err instanceof ApiError && err.status === 409) applyDiff(entry.state, invertDiff(applied.diff));
          else this.cache.delete(mapId);
        } catch {
          this.cache.delete(mapId);
        }
      }
      throw err;
    }
  }

  /** The map row inside a write transaction (row-locked on PostgreSQL); 404/410 when gone. */
  private async lockRow(trx: Transaction<Database>, mapId: string) {
    let q = trx.selectFrom('maps').select(['version', 'snapshot_version', 'trashed_at', 'title']).where('id', '=', mapId);
    if (this.dialect === 'postgres') q = q.forUpdate();
    const row = await q.executeTakeFirst();
    if (!row) throw notFound('map');
    if (row.trashed_at !== null) throw new ApiError(410, 'map-in-trash', '导图在回收站中 (the map is in the trash)');
    return row;
  }

  /** The cached document brought up to the database's version. Call inside the map's queue. */
  private async current(mapId: string, db: Db): Promise<LoadedMap> {
    const row = await db.selectFrom('maps').select('version').where('id', '=', mapId).executeTakeFirst();
    if (!row) {
      this.cache.delete(mapId);
      throw notFound('map');
    }
    const cached = this.cache.get(mapId);
    if (cached) {
      if (cached.version !== row.version) await this.catchUp(db, mapId, cached, row.version);
      return cached;
    }
    const loaded = await this.loadAt(db, mapId, row.version);
    this.cache.set(mapId, loaded);
    return loaded;
  }

  /** Applies the batches another process committed after the cached version. */
  private async catchUp(db: Db, mapId: string, entry: LoadedMap, target: number): Promise<void> {
    if (target < entry.version) throw new StaleCacheError();
    const rows = await db
      .selectFrom('map_ops')
      .select(['version', 'kind', 'ops', 'touched', 'client_id'])
      .where('map_id', '=', mapId)
      .where('version', '>', entry.version)
      .where('version', '<=', target)
      .orderBy('version')
      .execute();
    for (const r of rows) {
      if (r.kind !== 'ops') {
        Object.assign(entry, await this.loadAt(db, mapId, target));
        return;
      }
      replay(entry.state, r.ops, mapId, r.version);
      entry.version = r.version;
      entry.recent.push(recentOf(r));
      if (entry.recent.length > RECENT_KEPT) entry.recent.shift();
    }
    if (entry.version !== target) throw new StaleCacheError();
  }

  /**
   * Keys changed by the batches after `baseVersion`, leaving out those sent by `clientId`: a tab
   * that types on while its previous batch is being saved bases the next one on the last version
   * it has seen in full, and it made the edit with its own earlier batches in place.
   */
  private async touchedSince(db: Db, mapId: string, entry: LoadedMap, baseVersion: number, clientId?: string): Promise<TouchedIndex> {
    const index = new TouchedIndex();
    const others = (r: { clientId?: string | null }) => clientId === undefined || r.clientId !== clientId;
    const oldestCached = entry.recent[0]?.version ?? Number.POSITIVE_INFINITY;
    if (oldestCached <= baseVersion + 1) {
      for (const r of entry.recent) if (r.version > baseVersion && others(r)) index.add(r.touched);
      return index;
    }
    const rows = await db
      .selectFrom('map_ops')
      .select(['touched', 'client_id'])
      .where('map_id', '=', mapId)
      .where('version', '>', baseVersion)
      .execute();
    for (const r of rows) if (others({ clientId: r.client_id })) index.add(JSON.parse(r.touched) as string[]);
    return index;
  }

  /** Loads the document at `version`: the newest snapshot at or before it, then the batches after it. */
  private async loadAt(db: Db, mapId: string, version: number): Promise<LoadedMap> {
    const snap = await db
      .selectFrom('map_snapshots')
      .select(['version', 'doc'])
      .where('map_id', '=', mapId)
      .where('version', '<=', version)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!snap) throw notFound(`version ${version}`);
    const state = stateFromDoc(restoreDoc(JSON.parse(snap.doc)));
    const entry: LoadedMap = { state, version: snap.version, recent: [] };
    const rows = await db
      .selectFrom('map_ops')
      .select(['version', 'kind', 'ops', 'touched', 'client_id'])
      .where('map_id', '=', mapId)
      .where('version', '>', snap.version)
      .where('version', '<=', version)
      .orderBy('version')
      .execute();
    for (const r of rows) {
      // A restore always has a snapshot at its own version, so it never appears after the chosen one.
      if (r.kind !== 'ops') throw new Error(`map ${mapId}: ${r.kind} at version ${r.version} has no snapshot`);
      replay(state, r.ops, mapId, r.version);
      entry.version = r.version;
      entry.recent.push(recentOf(r));
    }
    if (entry.recent.length > RECENT_KEPT) entry.recent.splice(0, entry.recent.length - RECENT_KEPT);
    if (entry.version !== version) throw notFound(`version ${version}`);
    return entry;
  }

  /** Compacts the log: writes the current document as a snapshot, queued behind the map's writes. */
  private scheduleSnapshot(mapId: string, entry: LoadedMap): void {
    const version = entry.version;
    const json = JSON.stringify(docFromState(entry.state));
    void this.queue
      .run(mapId, async () => {
        await this.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('map_snapshots')
            .values({ map_id: mapId, version, doc: json, created_at: Date.now() })
            .onConflict((oc) => oc.columns(['map_id', 'version']).doNothing())
            .execute();
          await trx
            .updateTable('maps')
            .set({ snapshot_version: version })
            .where('id', '=', mapId)
            .where('snapshot_version', '<', version)
            .execute();
        });
      })
      .catch((err) => this.options.log(`snapshot of map ${mapId} at version ${version} failed`, err));
  }
}

/**
 * Another process won a race for the same map: SQLite refuses to upgrade a read transaction whose
 * snapshot went stale (SQLITE_BUSY*), PostgreSQL reports a duplicate (map_id, version). Retrying
 * re-reads the row and catches up.
 */
function isWriteRace(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code === '23505');
}

function replay(state: DocState, opsJson: string, mapId: string, version: number): void {
  try {
    applyOps(state, JSON.parse(opsJson) as Op[]);
  } catch (err) {
    throw new Error(`map ${mapId}: stored batch ${version} does not apply (${(err as Error).message})`);
  }
}

function describeKey(key: string): string {
  if (key === EVERYTHING) return 'the map was restored to an older version';
  const [record, field] = key.split('\u001f');
  const kinds: Record<string, string> = { t: 'topic', r: 'relationship', s: 'summary', b: 'boundary' };
  if (record === 'd') return `document field ${field}`;
  const [kind, ...id] = (record ?? '').split(':');
  return `${kinds[kind ?? ''] ?? 'record'} ${id.join(':')}${field ? ` field ${field}` : ''}`;
}
