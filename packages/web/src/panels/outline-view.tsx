// The outline view (issue 14 §9): the map as an editable list beside the canvas, kept in sync
// because both are views of the same operations. Enter adds a sibling, Tab indents, Shift+Tab
// outdents, Backspace on an empty item deletes it, arrows move, typing edits the text (nothing is
// applied during an IME composition). Only the rows in view are rendered, so a 5,000-topic map
// stays responsive.

import { createId, type Op, type TopicId } from '@arbor/core';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { T, tr } from '../app/i18n.ts';
import { useEditorEvents } from '../app/use-editor.ts';
import type { Editor } from '../editor/editor.ts';
import { isMac } from '../editor/keymap.ts';
import type { EditorView } from '../editor/mount.ts';
import { reorder, toggleFold } from '../editor/topic-actions.ts';
import { stampsOf } from './doc-stamps.ts';
import { LiveText } from './fields.tsx';
import { indentOps, type OutlineRow, outdentOps, outlineRows, rowIndexOf, visibleWindow } from './outline-logic.ts';
import { progressIndex, progressPercent } from './topic-logic.ts';
import './panels.css';

export const ROW_HEIGHT = 30;
const INDENT = 16;
const EVENTS = ['change', 'selection', 'focus'] as const;

type Caret = 'all' | 'end' | number;

const inputId = (id: TopicId) => `outline-${id}`;

export function OutlineView({ view }: { view: EditorView }) {
  const { editor } = view;
  useEditorEvents(editor, EVENTS);
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  const pending = useRef<{ id: TopicId; caret: Caret } | null>(null);
  const top = editor.focusId ?? editor.state.rootId;
  const stamps = stampsOf(editor);
  const rows = outlineRows(editor.state, top, `s${stamps.structure}`);
  const [first, last] = visibleWindow(rows.length, ROW_HEIGHT, viewport.top, viewport.height);
  const progress = progressIndex(editor.state, `t${stamps.tasks}`);

  // Track the scroller's size and position (one state update per frame at most).
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let raf = 0;
    const read = () => {
      raf = 0;
      setViewport((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
    };
    const schedule = () => {
      if (!raf) raf = requestAnimationFrame(read);
    };
    el.addEventListener('scroll', schedule, { passive: true });
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(schedule) : null;
    ro?.observe(el);
    read();
    return () => {
      cancelAnimationFrame(raf);
      el.removeEventListener('scroll', schedule);
      ro?.disconnect();
    };
  }, []);

  /** Scrolls a row into the rendered window (the list is virtual: its input exists only there). */
  const scrollToRow = (index: number) => {
    const el = scroller.current;
    if (!el || index < 0) return;
    const y = index * ROW_HEIGHT;
    if (y < el.scrollTop) el.scrollTop = y;
    else if (y + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = y + ROW_HEIGHT - el.clientHeight;
    setViewport({ top: el.scrollTop, height: el.clientHeight });
  };

  // Focus a row after an edit made it (or moved it): once its input is rendered.
  useLayoutEffect(() => {
    const want = pending.current;
    if (!want) return;
    const input = document.getElementById(inputId(want.id)) as HTMLInputElement | null;
    if (!input) {
      const i = rowIndexOf(rows, want.id);
      if (i < 0) pending.current = null;
      else if (i < first || i >= last) scrollToRow(i);
      return;
    }
    pending.current = null;
    input.focus({ preventScroll: true });
    const n = input.value.length;
    if (want.caret === 'all') input.select();
    else {
      const at = want.caret === 'end' ? n : Math.min(n, want.caret);
      input.setSelectionRange(at, at);
    }
  });

  // Canvas → outline: the primary topic's row scrolls into view (unless someone is typing here).
  const primary = editor.primary;
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !primary || el.contains(document.activeElement)) return;
    scrollToRow(rowIndexOf(rows, primary));
  }, [primary]);

  const focusRow = (id: TopicId, caret: Caret) => {
    pending.current = { id, caret };
    const i = rowIndexOf(outlineRows(editor.state, top, `s${stampsOf(editor).structure}`), id);
    if (i >= 0) scrollToRow(i);
  };

  const onKey = (row: OutlineRow, index: number, e: KeyboardEvent, el: HTMLInputElement | HTMLTextAreaElement) => {
    const mod = isMac ? e.metaKey : e.ctrlKey;
    const id = row.id;
    const run = (ops: Op[] | null, caret: Caret = el.selectionStart ?? 'end') => {
      e.preventDefault();
      if (ops && editor.apply(ops)) focusRow(id, caret);
    };
    if (mod && (e.key === 'z' || e.key === 'Z' || e.key === 'y')) {
      e.preventDefault();
      if (e.key === 'y' || e.shiftKey) editor.redo();
      else editor.undo();
      return;
    }
    if (editor.readonly && !['ArrowUp', 'ArrowDown', 'Escape'].includes(e.key)) return;
    switch (e.key) {
      case 'Enter': {
        if (e.shiftKey || mod || e.altKey) return;
        e.preventDefault();
        const newId = createId('t') as TopicId;
        const op: Op =
          id === top || row.kind !== 'topic'
            ? { type: 'topic.create', parentId: id, index: 0, topic: { id: newId, text: '' } }
            : { type: 'topic.create', after: id, topic: { id: newId, text: '' } };
        const ops: Op[] =
          editor.state.topics.get(id)?.folded && op.parentId ? [{ type: 'topic.update', id, patch: { folded: null } }, op] : [op];
        if (editor.apply(ops)) {
          editor.select([newId]);
          focusRow(newId, 'all');
        }
        return;
      }
      case 'Tab':
        if (e.shiftKey) run(outdentOps(editor.state, id, [id], top));
        else run(indentOps(editor.state, id, [id]));
        return;
      case 'Backspace':
        if (el.value !== '' || id === top || (el.selectionStart ?? 0) !== 0) return;
        e.preventDefault();
        deleteRow(editor, row, rows[index - 1]?.id ?? null, focusRow);
        return;
      case 'ArrowUp':
      case 'ArrowDown': {
        if (e.shiftKey || e.altKey) return;
        e.preventDefault();
        if (mod) {
          reorder(editor, e.key === 'ArrowUp' ? -1 : 1);
          focusRow(id, el.selectionStart ?? 'end');
          return;
        }
        const next = rows[index + (e.key === 'ArrowUp' ? -1 : 1)];
        if (next) focusRow(next.id, 'end');
        return;
      }
      case 'Escape':
        e.preventDefault();
        view.text.focus();
        return;
    }
  };

  return (
    <aside class="arbor-ui side-panel outline-view" aria-label={tr(T('大纲视图', 'Outline'))}>
      <h2 class="panel-title">{tr(T('大纲', 'Outline'))}</h2>
      <p class="hint">{tr(T('Enter 新建 · Tab 缩进 · Shift+Tab 减少缩进', 'Enter new · Tab indent · Shift+Tab outdent'))}</p>
      <div class="outline-scroll" ref={scroller}>
        <ul class="outline-inner" style={{ height: `${rows.length * ROW_HEIGHT}px` }}>
          {rows.slice(first, last).map((row, k) => {
            const i = first + k;
            const t = editor.state.topics.get(row.id);
            const p = progress.get(row.id);
            const pct = p ? progressPercent(p) : null;
            const selected = editor.isSelected(row.id);
            return (
              <li
                key={row.id}
                class={`outline-row${selected ? ' selected' : ''}${row.kind !== 'topic' ? ` ${row.kind}` : ''}`}
                style={{ top: `${i * ROW_HEIGHT}px`, paddingLeft: `${4 + row.depth * INDENT}px` }}
              >
                {row.hasChildren && row.id !== top ? (
                  <button
                    type="button"
                    class="row-fold"
                    tabIndex={-1}
                    aria-expanded={!row.folded}
                    aria-label={row.folded ? tr(T('展开', 'Expand')) : tr(T('折叠', 'Collapse'))}
                    onClick={() => toggleFold(editor, [row.id])}
                  >
                    {row.folded ? '▸' : '▾'}
                  </button>
                ) : (
                  <span class="row-bullet" aria-hidden="true">
                    {row.kind === 'summary' ? '}' : row.kind === 'floating' ? '◇' : '•'}
                  </span>
                )}
                <LiveText
                  id={inputId(row.id)}
                  class="outline-input"
                  value={t?.text ?? ''}
                  readOnly={editor.readonly}
                  maxLength={100000}
                  label={tr(T(`第 ${row.depth + 1} 级主题`, `Level ${row.depth + 1} topic`))}
                  onFocus={() => {
                    if (!editor.isSelected(row.id) || editor.selection.length > 1) editor.select([row.id]);
                    editor.emit('reveal', row.id);
                  }}
                  onText={(text) => {
                    if (editor.state.topics.get(row.id)?.text !== text)
                      editor.apply({ type: 'topic.update', id: row.id, patch: { text } }, { mergeKey: `outline:${row.id}` });
                  }}
                  onKeyDown={(e, el) => onKey(row, i, e, el)}
                />
                {pct !== null ? (
                  <span class="row-progress" title={tr(T('下级任务完成度', 'Tasks below done'))}>
                    {pct}%
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      </div>
    </aside>
  );
}

/** Backspace on an empty row: the topic goes (a summary's topic takes its summary), focus moves up. */
function deleteRow(editor: Editor, row: OutlineRow, previous: TopicId | null, focusRow: (id: TopicId, caret: Caret) => void): void {
  const t = editor.state.topics.get(row.id);
  if (!t) return;
  const op: Op = t.summaryId !== undefined ? { type: 'summary.delete', id: t.summaryId } : { type: 'topic.delete', ids: [row.id] };
  if (!editor.apply(op)) return;
  if (previous && editor.state.topics.has(previous)) {
    editor.select([previous]);
    focusRow(previous, 'end');
  }
}
