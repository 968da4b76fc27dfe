// What the structure commands do, as operations on the editor (XMind's habits): add a child, a
// sibling or a parent, delete, reorder, fold, expand to a level, select spatially.

import { attachedChildren, createId, type Op, type Topic, type TopicId, type TopicUpdate } from '@arbor/core';
import { T, tr } from '../app/i18n.ts';
import type { Editor } from './editor.ts';

const newId = (): TopicId => createId('t') as TopicId;

/** XMind's default texts: main topics under the root, subtopics below. */
export function defaultText(editor: Editor, parentId: TopicId): string {
  return parentId === editor.state.rootId ? tr(T('分支主题', 'Main Topic')) : tr(T('子主题', 'Subtopic'));
}

const topic = (editor: Editor, id: TopicId | null): Topic | undefined => (id ? editor.state.topics.get(id) : undefined);

/** Tab: a child of the primary topic, opened for typing. */
export function addChild(editor: Editor): void {
  const p = editor.primary;
  const t = topic(editor, p);
  if (!t || !p) return;
  const id = newId();
  const ops: Op[] = [];
  if (t.folded) ops.push({ type: 'topic.update', id: p, patch: { folded: null } });
  ops.push({ type: 'topic.create', parentId: p, topic: { id, text: defaultText(editor, p) } });
  if (editor.apply(ops)) editor.startEditing(id, true);
}

/** Enter / Shift+Enter: a sibling after or before the primary topic (the root and floating topics get a child). */
export function addSibling(editor: Editor, before: boolean): void {
  const p = editor.primary;
  const t = topic(editor, p);
  if (!t || !p) return;
  if (t.parentId === null || t.detached || t.summaryId !== undefined) {
    addChild(editor);
    return;
  }
  const id = newId();
  const op: Op = before
    ? { type: 'topic.create', before: p, topic: { id, text: defaultText(editor, t.parentId) } }
    : { type: 'topic.create', after: p, topic: { id, text: defaultText(editor, t.parentId) } };
  if (editor.apply(op)) editor.startEditing(id, true);
}

/** Ctrl+Enter: a new topic in the primary's place, holding the selected siblings. */
export function addParent(editor: Editor): void {
  const p = editor.primary;
  const t = topic(editor, p);
  if (!t || !p || t.parentId === null || t.detached || t.summaryId !== undefined) return;
  const siblings = editor.selection.filter((id) => topic(editor, id)?.parentId === t.parentId && !topic(editor, id)?.detached);
  const kids = attachedChildren(editor.state, t.parentId);
  const moved = kids.filter((k) => siblings.includes(k));
  const first = moved[0] ?? p;
  const id = newId();
  const ops: Op[] = [
    { type: 'topic.create', before: first, topic: { id, text: defaultText(editor, t.parentId) } },
    { type: 'topic.move', ids: moved.length ? moved : [p], parentId: id },
  ];
  if (editor.apply(ops)) editor.startEditing(id, true);
}

/** Delete: the selected topics (not the root); a summary's topic takes its summary along. */
export function deleteSelection(editor: Editor): void {
  const state = editor.state;
  const ids = editor.selection.filter((id) => id !== state.rootId && state.topics.has(id));
  if (!ids.length) return;
  // XMind selects the next sibling, else the previous, else the parent.
  const first = topic(editor, ids[0] as TopicId) as Topic;
  let next: TopicId | null = null;
  if (first.parentId) {
    const kids = attachedChildren(state, first.parentId).filter((k) => !ids.includes(k));
    const all = attachedChildren(state, first.parentId);
    const at = all.indexOf(first.id);
    next =
      all.slice(at + 1).find((k) => kids.includes(k)) ??
      all
        .slice(0, at)
        .reverse()
        .find((k) => kids.includes(k)) ??
      first.parentId;
  }
  const ops: Op[] = [];
  const plain: TopicId[] = [];
  for (const id of ids) {
    const t = topic(editor, id) as Topic;
    if (t.summaryId !== undefined) ops.push({ type: 'summary.delete', id: t.summaryId });
    else plain.push(id);
  }
  if (plain.length) ops.push({ type: 'topic.delete', ids: plain });
  if (editor.apply(ops) && next && editor.state.topics.has(next)) editor.select([next]);
}

/** Ctrl+↑ / Ctrl+↓: moves the primary topic one place among its siblings. */
export function reorder(editor: Editor, delta: -1 | 1): void {
  const p = editor.primary;
  const t = topic(editor, p);
  if (!t || !p || t.parentId === null || t.detached || t.summaryId !== undefined) return;
  const kids = attachedChildren(editor.state, t.parentId);
  const at = kids.indexOf(p);
  const target = kids[at + delta];
  if (!target) return;
  const op: Op = delta < 0 ? { type: 'topic.move', ids: [p], before: target } : { type: 'topic.move', ids: [p], after: target };
  editor.apply(op);
}

/** `/`: folds or unfolds the selected topics that have children. */
export function toggleFold(editor: Editor, ids: readonly TopicId[] = editor.selection): void {
  const ops: Op[] = [];
  for (const id of ids) {
    const t = topic(editor, id);
    if (!t || editor.state.children.get(id).length === 0) continue;
    ops.push({ type: 'topic.update', id, patch: { folded: t.folded ? null : true } });
  }
  if (ops.length) editor.apply(ops);
}

/** Shows topics down to `level` (1 = main topics) and folds below; 0 unfolds everything. */
export function expandToLevel(editor: Editor, level: number): void {
  const state = editor.state;
  const ops: Op[] = [];
  const stack: [TopicId, number][] = [[state.rootId, 0]];
  while (stack.length) {
    const [id, depth] = stack.pop() as [TopicId, number];
    const t = state.topics.get(id);
    const kids = state.children.get(id);
    if (!t) continue;
    if (kids.length) {
      const fold = level > 0 && depth >= level;
      if (Boolean(t.folded) !== fold) ops.push({ type: 'topic.update', id, patch: { folded: fold ? true : null } });
    }
    for (const k of kids) stack.push([k, depth + 1]);
  }
  if (ops.length) editor.apply(ops);
}

/** Applies a patch to every selected topic as one step. */
export function updateSelected(editor: Editor, patch: (t: Topic) => TopicUpdate | null): void {
  const ops: Op[] = [];
  for (const id of editor.selection) {
    const t = topic(editor, id);
    if (!t) continue;
    const p = patch(t);
    if (p) ops.push({ type: 'topic.update', id, patch: p });
  }
  if (ops.length) editor.apply(ops);
}

/** Arrows: the nearest topic in a direction, by distance with a penalty for going sideways. */
export function selectToward(editor: Editor, dir: 'left' | 'right' | 'up' | 'down', extend = false): void {
  const p = editor.primary;
  const layout = editor.layout;
  const from = p ? layout.boxes.get(p) : undefined;
  if (!from || !p) {
    editor.select([editor.state.rootId]);
    return;
  }
  const cx = from.x + from.width / 2;
  const cy = from.y + from.height / 2;
  const table = layout.table;
  const r = table.rect;
  let best = -1;
  let bestScore = Number.POSITIVE_INFINITY;
  for (let i = 0; i < table.size; i++) {
    if (table.ids[i] === p) continue;
    const x = (r[4 * i] as number) + (r[4 * i + 2] as number) / 2;
    const y = (r[4 * i + 1] as number) + (r[4 * i + 3] as number) / 2;
    const dx = x - cx;
    const dy = y - cy;
    let along: number;
    let across: number;
    if (dir === 'right' || dir === 'left') {
      along = dir === 'right' ? dx : -dx;
      across = Math.abs(dy);
      // Boxes that overlap horizontally are not to the side.
      const gap =
        dir === 'right' ? (r[4 * i] as number) - (from.x + from.width) : from.x - ((r[4 * i] as number) + (r[4 * i + 2] as number));
      if (gap < -from.width / 2) continue;
    } else {
      along = dir === 'down' ? dy : -dy;
      across = Math.abs(dx);
    }
    if (along <= 1) continue;
    const score = along + across * 2.5;
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  }
  if (best < 0) return;
  const id = table.ids[best] as TopicId;
  editor.select(extend ? [...editor.selection, id] : [id], id);
  editor.emit('reveal', id);
}
