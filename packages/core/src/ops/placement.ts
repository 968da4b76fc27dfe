// Where new or moved topics go among a parent's children: resolves `index` / `before` / `after`
// to the pair of fractional keys the topics must sit between.

import { keysBetween } from '../fractional-index.ts';
import type { Topic, TopicId } from '../model.ts';
import type { DocState } from '../store.ts';
import { need } from './fields.ts';
import { OpError, type Placement } from './types.ts';

/** Ordinary children: not floating and not a summary's own topic. */
export const isAttached = (t: Topic): boolean => !t.detached && t.summaryId === undefined;

export interface Slot {
  parentId: TopicId;
  /** Key of the sibling just before the slot (null: start). */
  lo: string | null;
  /** Key of the sibling just after the slot (null: end). */
  hi: string | null;
}

/** Resolves a placement; `moving` are topics leaving their places (ignored as neighbours). */
export function resolveSlot(state: DocState, p: Placement, moving?: ReadonlySet<TopicId>): Slot {
  const given = Number(p.index !== undefined) + Number(p.before !== undefined) + Number(p.after !== undefined);
  need(given <= 1, 'give only one of index, before and after');
  let parentId = p.parentId;
  if (parentId !== undefined) need(typeof parentId === 'string', 'parentId must be a string');
  const anchorId = p.before ?? p.after;
  let anchor: Topic | undefined;
  if (anchorId !== undefined) {
    need(typeof anchorId === 'string', 'before/after must be a topic id');
    anchor = state.topics.get(anchorId);
    if (!anchor) throw new OpError('unknown-topic', `unknown topic ${anchorId}`);
    if (moving?.has(anchorId)) throw new OpError('invalid-position', `cannot place topics next to ${anchorId}, which is being moved`);
    if (anchor.parentId === null || !isAttached(anchor)) {
      throw new OpError('invalid-position', `${anchorId} is not an ordinary child topic`);
    }
    if (parentId !== undefined && anchor.parentId !== parentId) {
      throw new OpError('invalid-position', `${anchorId} is not a child of ${parentId}`);
    }
    parentId = anchor.parentId;
  }
  need(parentId !== undefined, 'parentId is required');
  if (!state.topics.has(parentId)) throw new OpError('unknown-topic', `unknown topic ${parentId}`);

  let full = state.children.get(parentId);
  if (moving && moving.size > 0) full = full.filter((id) => !moving.has(id));
  let next: TopicId | undefined;
  if (anchor && p.before !== undefined) next = anchor.id;
  else if (anchor) {
    const i = full.indexOf(anchor.id);
    const hiId = full[i + 1];
    return { parentId, lo: anchor.index, hi: hiId === undefined ? null : keyOf(state, hiId) };
  } else if (p.index !== undefined) {
    need(Number.isInteger(p.index) && p.index >= 0, 'index must be a non-negative integer');
    let seen = 0;
    for (const id of full) {
      if (!isAttached(state.topics.get(id) as Topic)) continue;
      if (seen++ === p.index) {
        next = id;
        break;
      }
    }
  }
  if (next === undefined) {
    const last = full[full.length - 1];
    return { parentId, lo: last === undefined ? null : keyOf(state, last), hi: null };
  }
  const i = full.indexOf(next);
  const prev = full[i - 1];
  return { parentId, lo: prev === undefined ? null : keyOf(state, prev), hi: keyOf(state, next) };
}

const keyOf = (state: DocState, id: TopicId): string => (state.topics.get(id) as Topic).index;

/** `n` keys for a slot. Sibling keys out of order (a document that skipped restore()) are refused. */
export function slotKeys(slot: { lo: string | null; hi: string | null }, n: number): string[] {
  try {
    return keysBetween(slot.lo, slot.hi, n);
  } catch {
    throw new OpError('invalid-position', `sibling order around ${slot.lo} … ${slot.hi} is corrupt; restore() the document`);
  }
}
