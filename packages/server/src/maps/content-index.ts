// Search by content in My files: the text of every map (topics, notes, labels, in reading order) kept
// in `map_text` with the version it was taken at. Written with the map on creation, refreshed a moment
// after edits settle (one write per burst of typing, not per batch), and brought up to date for the
// searching user's stale maps before a search runs, so a search never misses what was just typed.

import type { MindDoc, Topic } from '@arbor/core';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

declare module '../db/schema.ts' {
  interface Database {
    map_text: MapTextTable;
  }
}

export interface MapTextTable {
  map_id: string;
  version: number;
  text: string;
  folded: string;
}

/** Enough for any real map; a larger one is searchable by its first 2 MB of text. */
const MAX_TEXT = 2_000_000;
/** How long after the last edit of a map its text is refreshed. */
const SETTLE_MS = 1500;
/** At most this many stale maps are refreshed before one search (the rest next time). */
const CATCH_UP_LIMIT = 300;

/** Lower-casing used for both the stored text and the query (JavaScript's, the same on every database). */
export const foldText = (s: string): string => s.toLowerCase();

/** A document's searchable text: each topic's text, labels and note, one line each, in reading order. */
export function docSearchText(doc: MindDoc): string {
  const children = new Map<string, Topic[]>();
  for (const t of Object.values(doc.topics)) {
    if (t.parentId === null) continue;
    let list = children.get(t.parentId);
    if (!list) children.set(t.parentId, (list = []));
    list.push(t);
  }
  const lines: string[] = [];
  let size = 0;
  const push = (s: string | undefined) => {
    const line = s?.replace(/\s+/g, ' ').trim();
    if (!line || size > MAX_TEXT) return;
    lines.push(line);
    size += line.length + 1;
  };
  const stack: Topic[] = [];
  const root = doc.topics[doc.rootId];
  if (root) stack.push(root);
  while (stack.length) {
    const t = stack.pop() as Topic;
    push(t.text);
    if (t.labels?.length) push(t.labels.join(' '));
    push(t.note);
    const kids = children.get(t.id);
    // Reverse index order onto the stack, so the first child comes out first.
    if (kids) for (const k of kids.sort((a, b) => (a.index < b.index ? 1 : a.index > b.index ? -1 : 0))) stack.push(k);
  }
  for (const r of Object.values(doc.relationships)) push(r.label);
  for (const b of Object.values(doc.boundaries)) push(b.label);
  return lines.join('\n').slice(0, MAX_TEXT);
}

/** The line of `text` around offset `at`, cut to about 80 characters around the hit. */
export function lineAround(text: string, at: number, length: number): string {
  const start = text.lastIndexOf('\n', at) + 1;
  const endNl = text.indexOf('\n', at + length);
  const end = endNl < 0 ? text.length : endNl;
  let from = start;
  let to = end;
  if (to - from > 80) {
    from = Math.max(start, at - 30);
    to = Math.min(end, from + 80);
  }
  return `${from > start ? '…' : ''}${text.slice(from, to)}${to < end ? '…' : ''}`;
}

/** Writes a map's text at a version, unless a newer one is already there. */
export async function writeMapText(db: Kysely<Database> | Transaction<Database>, mapId: string, version: number, doc: MindDoc) {
  const text = docSearchText(doc);
  const row = { map_id: mapId, version, text, folded: foldText(text) };
  await db
    .insertInto('map_text')
    .values(row)
    .onConflict((oc) =>
      oc.column('map_id').doUpdateSet({ version, text: row.text, folded: row.folded }).where('map_text.version', '<', version),
    )
    .execute();
}

/** Reads a map's current document and version (MapDocuments.read). */
type ReadMap = (mapId: string) => Promise<{ version: number; doc: MindDoc }>;

export class ContentIndex {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly read: ReadMap,
    private readonly log: (msg: string, err?: unknown) => void,
  ) {}

  /** Refreshes a map's text once its edits have settled for a moment. */
  schedule(mapId: string): void {
    const old = this.timers.get(mapId);
    if (old) clearTimeout(old);
    const timer = setTimeout(() => {
      this.timers.delete(mapId);
      this.track(this.refresh(mapId));
    }, SETTLE_MS);
    timer.unref?.();
    this.timers.set(mapId, timer);
  }

  /** Takes the map's text now (a gone or trashed map is skipped quietly). */
  async refresh(mapId: string): Promise<void> {
    try {
      const { version, doc } = await this.read(mapId);
      await writeMapText(this.db, mapId, version, doc);
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status !== 404 && status !== 410) this.log(`indexing the text of map ${mapId} failed`, err);
    }
  }

  /** Brings the owner's maps whose text is missing or older than the map up to date (newest edits first). */
  async catchUp(ownerId: string): Promise<number> {
    const stale = await this.db
      .selectFrom('maps')
      .leftJoin('map_text', 'map_text.map_id', 'maps.id')
      .select('maps.id')
      .where('maps.owner_id', '=', ownerId)
      .where((eb) => eb.or([eb('map_text.version', 'is', null), eb('map_text.version', '<', eb.ref('maps.version'))]))
      .orderBy('maps.updated_at', 'desc')
      .limit(CATCH_UP_LIMIT)
      .execute();
    for (const { id } of stale) {
      const timer = this.timers.get(id);
      if (timer) {
        clearTimeout(timer);
        this.timers.delete(id);
      }
      await this.refresh(id);
    }
    return stale.length;
  }

  /** Waits for scheduled refreshes that already started; pending timers are dropped (catch-up covers them). */
  async close(): Promise<void> {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await Promise.all([...this.running]);
  }

  private track(p: Promise<void>) {
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
  }
}
