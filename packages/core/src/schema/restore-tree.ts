// restore(), step 2: make the topics one tree. Pick the root, attach orphans and extra roots to it,
// break parent cycles, and give every sibling a unique, well-formed fractional index.

import { isValidIndex, keysBetween } from '../fractional-index.ts';
import type { ReportRepair } from './repairs.ts';
import type { RawRecord } from './restore-records.ts';

type TopicRec = RawRecord & { parentId?: string | null; index?: string; text?: string };

function freshId(topics: Map<string, TopicRec>, base: string): string {
  if (!topics.has(base)) return base;
  let n = 2;
  while (topics.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** Returns the root id; may create a root topic when there are no topics at all. */
export function chooseRoot(topics: Map<string, TopicRec>, rootId: unknown, title: string, report: ReportRepair): string {
  let root = typeof rootId === 'string' && topics.has(rootId) ? rootId : undefined;
  if (root === undefined) {
    const said = rootId === undefined ? 'rootId was missing' : `rootId ${JSON.stringify(rootId)} names no topic`;
    for (const [id, t] of topics) {
      if (t.parentId === null) {
        root = id;
        break;
      }
    }
    if (root === undefined && topics.size > 0) root = topics.keys().next().value as string;
    if (root !== undefined) report('missing-root', `${said}; topic ${root} is the root now`, root);
    else {
      root = freshId(topics, 'root');
      topics.set(root, { id: root, parentId: null, index: 'a0', text: title });
      report('missing-root', `${said} and there were no topics; created an empty root topic`, root);
    }
  }
  const r = topics.get(root) as TopicRec;
  if (r.parentId !== null && r.parentId !== undefined) report('root-parent', `the root ${root} had parent ${r.parentId}; cleared`, root);
  r.parentId = null;
  for (const f of ['detached', 'position', 'side', 'summaryId'] as const) {
    if (r[f] !== undefined) {
      delete r[f];
      report('invalid-field', `the root ${root} cannot have ${f}; dropped`, root);
    }
  }
  if (!isValidIndex(r.index)) r.index = 'a0';
  return root;
}

/** Every non-root topic gets an existing parent; cycles are cut by attaching one topic to the root. */
export function connectToRoot(topics: Map<string, TopicRec>, rootId: string, report: ReportRepair): void {
  for (const [id, t] of topics) {
    if (id === rootId) continue;
    if (t.parentId === null) {
      report('extra-root', `${id} had no parent (a second root); attached to the root`, id);
      t.parentId = rootId;
    } else if (t.parentId === undefined) {
      report('orphan', `${id} had no valid parentId; attached to the root`, id);
      t.parentId = rootId;
    } else if (!topics.has(t.parentId)) {
      report('orphan', `${id}'s parent ${t.parentId} does not exist; attached to the root`, id);
      t.parentId = rootId;
    }
  }
  // Walk up from each topic; `walk` marks topics seen on the current walk (by its number), -1
  // marks topics known to reach the root.
  const walk = new Map<string, number>([[rootId, -1]]);
  let n = 0;
  for (const id of topics.keys()) {
    n++;
    let cur = id;
    while (walk.get(cur) !== -1) {
      const t = topics.get(cur) as TopicRec;
      if (walk.get(cur) === n) {
        report('cycle', `${cur} was its own ancestor (a parent cycle); attached to the root`, cur);
        t.parentId = rootId;
        break;
      }
      walk.set(cur, n);
      cur = t.parentId as string;
    }
    for (let c = id; walk.get(c) === n; c = topics.get(c)?.parentId as string) walk.set(c, -1);
  }
}

/** Keeps valid, strictly increasing sibling keys and gives the others keys in their place. */
export function repairIndices(topics: Map<string, TopicRec>, rootId: string, report: ReportRepair): void {
  const lists = new Map<string, TopicRec[]>();
  for (const [id, t] of topics) {
    if (id === rootId) continue;
    const p = t.parentId as string;
    let list = lists.get(p);
    if (!list) lists.set(p, (list = []));
    list.push(t);
  }
  const END = '\uffff';
  for (const list of lists.values()) {
    // Sort by key, invalid keys last (in record order); each key is checked once.
    const keys = new Map<TopicRec, string>();
    for (const t of list) keys.set(t, isValidIndex(t.index) ? t.index : END);
    list.sort((a, b) => {
      const x = keys.get(a) as string;
      const y = keys.get(b) as string;
      return x < y ? -1 : x > y ? 1 : 0;
    });
    let prev: string | null = null;
    let run: TopicRec[] = [];
    const assign = (hi: string | null) => {
      const fresh = keysBetween(prev, hi, run.length);
      run.forEach((t, i) => {
        const why =
          keys.get(t) !== END
            ? `duplicate index ${JSON.stringify(t.index)}`
            : t.index === undefined
              ? 'no index'
              : `invalid index ${JSON.stringify(t.index)}`;
        report('index', `${t.id} had ${why}; now ${fresh[i]}`, t.id);
        t.index = fresh[i] as string;
      });
      run = [];
    };
    for (const t of list) {
      const key = keys.get(t) as string;
      if (key !== END && (prev === null || key > prev)) {
        if (run.length) assign(key);
        prev = key;
      } else run.push(t);
    }
    if (run.length) assign(null);
  }
}
