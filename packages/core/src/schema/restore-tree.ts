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
  const reaches = new Set<string>([rootId]);
  for (const id of topics.keys()) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let cur = id;
    while (!reaches.has(cur)) {
      const t = topics.get(cur) as TopicRec;
      if (onPath.has(cur)) {
        report('cycle', `${cur} was its own ancestor (a parent cycle); attached to the root`, cur);
        t.parentId = rootId;
        break;
      }
      onPath.add(cur);
      path.push(cur);
      cur = t.parentId as string;
    }
    for (const p of path) reaches.add(p);
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
    const sortKey = (t: TopicRec) => (isValidIndex(t.index) ? t.index : END);
    list.sort((a, b) => {
      const x = sortKey(a);
      const y = sortKey(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
    let prev: string | null = null;
    let run: TopicRec[] = [];
    const assign = (hi: string | null) => {
      const keys = keysBetween(prev, hi, run.length);
      run.forEach((t, i) => {
        const why = isValidIndex(t.index)
          ? `duplicate index ${JSON.stringify(t.index)}`
          : t.index === undefined
            ? 'no index'
            : `invalid index ${JSON.stringify(t.index)}`;
        report('index', `${t.id} had ${why}; now ${keys[i]}`, t.id);
        t.index = keys[i] as string;
      });
      run = [];
    };
    for (const t of list) {
      if (isValidIndex(t.index) && (prev === null || t.index > prev)) {
        if (run.length) assign(t.index);
        prev = t.index;
      } else run.push(t);
    }
    if (run.length) assign(null);
  }
}
