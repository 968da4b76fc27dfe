// What the topic panel computes without a DOM: task progress rolled up to the parents (computed,
// never stored), the marker families the panel offers, and marker and label edits as new lists.

import type { DocState, TopicId } from '@arbor/core';
import { T, type Text } from '../app/i18n.ts';

export interface Progress {
  /** Task topics below (not counting the topic itself) that are done. */
  done: number;
  /** Task topics below. */
  total: number;
}

const NONE: Progress = { done: 0, total: 0 };
const cache = new WeakMap<DocState, { stamp: number | string; byId: Map<TopicId, Progress> }>();

/**
 * Every topic's roll-up in one O(n) pass: how many of the task topics in its subtree (below it)
 * are done. Cached per `stamp` (the document version by default; the panels pass a counter of
 * changes to tasks and structure), so typing never pays for it.
 */
export function progressIndex(state: DocState, stamp: number | string = state.version): Map<TopicId, Progress> {
  const hit = cache.get(state);
  if (hit && hit.stamp === stamp) return hit.byId;
  const byId = new Map<TopicId, Progress>();
  // Iterative post-order: children before parents, no recursion (deep maps do not overflow).
  // The store is acyclic (restore and the ops guarantee it); the size cap is only a guard.
  const order: TopicId[] = [];
  const stack: TopicId[] = [state.rootId];
  const cap = state.topics.size;
  while (stack.length && order.length < cap) {
    const id = stack.pop() as TopicId;
    const kids = state.children.get(id);
    order.push(id);
    for (let i = 0; i < kids.length; i++) stack.push(kids[i] as TopicId);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i] as TopicId;
    let done = 0;
    let total = 0;
    const kids = state.children.get(id);
    if (kids.length === 0) continue;
    for (const k of kids) {
      const t = state.topics.get(k);
      const below = byId.get(k);
      if (t?.task) {
        total++;
        if (t.task.done) done++;
      }
      if (below) {
        done += below.done;
        total += below.total;
      }
    }
    if (total) byId.set(id, { done, total });
  }
  cache.set(state, { stamp, byId });
  return byId;
}

/** A topic's rolled-up progress: done share of its task descendants ({0, 0} when it has none). */
export function taskProgress(state: DocState, id: TopicId, stamp?: number | string): Progress {
  return progressIndex(state, stamp).get(id) ?? NONE;
}

/** Rounded percentage of a progress, or null without task descendants. */
export const progressPercent = (p: Progress): number | null => (p.total ? Math.round((100 * p.done) / p.total) : null);

// ── Markers ──────────────────────────────────────────────────────────────────────────────────

export interface MarkerChoice {
  id: string;
  label: Text;
  /** A character shown on the button (the canvas draws the real icon). */
  glyph: string;
}

export interface MarkerGroup {
  family: string;
  label: Text;
  choices: MarkerChoice[];
}

const FLAG_COLOURS: [string, string, string][] = [
  ['red', '红', 'red'],
  ['orange', '橙', 'orange'],
  ['yellow', '黄', 'yellow'],
  ['green', '绿', 'green'],
  ['blue', '蓝', 'blue'],
  ['purple', '紫', 'purple'],
  ['gray', '灰', 'grey'],
];

export const MARKER_GROUPS: readonly MarkerGroup[] = [
  {
    family: 'priority',
    label: T('优先级', 'Priority'),
    choices: [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ id: `priority-${n}`, label: T(`优先级 ${n}`, `Priority ${n}`), glyph: String(n) })),
  },
  {
    family: 'task',
    label: T('进度', 'Progress'),
    choices: [0, 25, 50, 75, 100].map((p) => ({ id: `task-${p}`, label: T(`进度 ${p}%`, `Progress ${p}%`), glyph: `${p}` })),
  },
  {
    family: 'flag',
    label: T('旗帜', 'Flags'),
    choices: FLAG_COLOURS.map(([c, zh, en]) => ({ id: `flag-${c}`, label: T(`${zh}旗`, `${en} flag`), glyph: '⚑' })),
  },
  {
    family: 'star',
    label: T('星星', 'Stars'),
    choices: FLAG_COLOURS.slice(0, 5).map(([c, zh, en]) => ({ id: `star-${c}`, label: T(`${zh}星`, `${en} star`), glyph: '★' })),
  },
  {
    family: 'smiley',
    label: T('表情', 'Faces'),
    choices: [
      ['smile', '微笑', 'smile', '笑'],
      ['laugh', '大笑', 'laugh', '乐'],
      ['surprise', '惊讶', 'surprise', '惊'],
      ['cry', '哭泣', 'cry', '哭'],
      ['angry', '生气', 'angry', '怒'],
      ['boring', '无聊', 'bored', '闷'],
    ].map(([id, zh, en, g]) => ({ id: `smiley-${id}`, label: T(zh as string, en as string), glyph: g as string })),
  },
  {
    family: 'symbol',
    label: T('符号', 'Symbols'),
    choices: [
      ['right', '对', 'right', '✓'],
      ['wrong', '错', 'wrong', '✗'],
      ['question', '疑问', 'question', '?'],
      ['exclam', '重要', 'important', '!'],
      ['info', '信息', 'info', 'i'],
      ['plus', '加', 'plus', '+'],
      ['minus', '减', 'minus', '−'],
      ['pause', '暂停', 'pause', '‖'],
    ].map(([id, zh, en, g]) => ({ id: `symbol-${id}`, label: T(zh as string, en as string), glyph: g as string })),
  },
];

/** A marker's family: `priority-3` → `priority`, `half-star-red` → `half`. */
export const markerFamily = (id: string): string => {
  const dash = id.indexOf('-');
  return dash > 0 ? id.slice(0, dash) : id;
};

/**
 * Sets or clears one marker (bulk edits: every selected topic ends up the same, whatever it had).
 * Setting replaces the family's marker; returns null when the list ends up empty.
 */
export function setMarker(markers: readonly string[] | undefined, id: string, on: boolean): string[] | null {
  const family = markerFamily(id);
  const next = (markers ?? []).filter((m) => (on ? markerFamily(m) !== family : m !== id));
  if (on) next.push(id);
  return next.length ? next : null;
}

/** Longest label the panel accepts (characters). */
export const MAX_LABEL = 200;

/** Adds a label (trimmed, no duplicates); returns null when nothing would change. */
export function addLabel(labels: readonly string[] | undefined, text: string): string[] | null {
  const label = text.replace(/\s+/g, ' ').trim().slice(0, MAX_LABEL);
  const list = labels ?? [];
  if (!label || list.includes(label)) return null;
  return [...list, label];
}

/** Removes a label; null when the list ends up empty. */
export function removeLabel(labels: readonly string[] | undefined, text: string): string[] | null {
  const next = (labels ?? []).filter((l) => l !== text);
  return next.length ? next : null;
}

// ── Validation of what people type ───────────────────────────────────────────────────────────

/** A link the panel stores: http(s), mailto or `#topic:<id>`; anything else is refused with a reason. */
export function checkLink(input: string): { href: string | null; error?: Text } {
  const s = input.trim();
  if (!s) return { href: null };
  if (/^#topic:[\w-]+$/.test(s)) return { href: s };
  if (/^(https?:\/\/|mailto:)\S+$/i.test(s)) {
    try {
      if (!/^mailto:/i.test(s)) new URL(s);
      return { href: s };
    } catch {
      // fall through to the error
    }
  }
  if (/^[\w.-]+\.[a-z]{2,}(\/\S*)?$/i.test(s)) return { href: `https://${s}` };
  return { href: null, error: T('链接需以 http://、https:// 或 mailto: 开头', 'A link must start with http://, https:// or mailto:') };
}

/** A CSS colour from a colour input (#rrggbb) or null to clear. */
export const checkColour = (s: string): string | null => (/^#[0-9a-f]{6}$/i.test(s.trim()) ? s.trim().toLowerCase() : null);
