// Map controls (issue 14 §8): structure and theme for the whole map or the selected branch, expand
// to a level, collapse all, search with highlight and next/previous, focus mode. A compact bar;
// `SearchBar` is also what the app opens on Ctrl+F.

import { isStructureName, type Op, STRUCTURE_NAMES, type TopicId, themeList } from '@arbor/core';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { T, tr } from '../app/i18n.ts';
import { useEditorEvents } from '../app/use-editor.ts';
import type { EditorView } from '../editor/mount.ts';
import { expandToLevel } from '../editor/topic-actions.ts';
import { STRUCTURE_LABELS } from './labels.ts';
import { findTopics, stepHit } from './search.ts';
import { useSourceHover } from './source-hover.ts';
import './panels.css';
import { branchThemeOps } from './branch-theme.ts';

const EVENTS = ['change', 'selection', 'focus'] as const;

export function MapControls({ view }: { view: EditorView }) {
  const { editor } = view;
  useEditorEvents(editor, EVENTS);
  useSourceHover(view);
  const [scope, setScope] = useState<'map' | 'branch'>('map');
  const primary = editor.primary ? editor.state.topics.get(editor.primary) : undefined;
  const branch = scope === 'branch' && primary && primary.parentId !== null ? primary : undefined;
  const structure = branch ? (branch.structure ?? '') : editor.state.structure;
  const ro = editor.readonly;

  const setStructure = (v: string) => {
    if (branch) {
      const s = isStructureName(v) ? v : null;
      const ops: Op[] = editor.selection
        .filter((id) => id !== editor.state.rootId && (editor.state.topics.get(id)?.structure ?? null) !== s)
        .map((id) => ({ type: 'topic.update', id, patch: { structure: s } }));
      if (ops.length) editor.apply(ops);
    } else if (isStructureName(v) && v !== editor.state.structure) editor.apply({ type: 'doc.update', patch: { structure: v } });
  };

  return (
    <div class="arbor-ui map-controls" role="toolbar" aria-label={tr(T('导图控制', 'Map controls'))}>
      <div class="control-group">
        <select
          class="compact"
          value={scope}
          aria-label={tr(T('结构与风格作用范围', 'Structure and theme apply to'))}
          onChange={(e) => setScope(e.currentTarget.value === 'branch' ? 'branch' : 'map')}
        >
          <option value="map">{tr(T('整张导图', 'Whole map'))}</option>
          <option value="branch">{tr(T('选中分支', 'Selected branch'))}</option>
        </select>
        <select
          class="compact"
          value={structure}
          disabled={ro || (scope === 'branch' && !branch)}
          aria-label={branch ? tr(T('分支结构', 'Branch structure')) : tr(T('导图结构', 'Map structure'))}
          onChange={(e) => setStructure(e.currentTarget.value)}
        >
          {branch ? <option value="">{tr(T('跟随上级', 'Inherit'))}</option> : null}
          {STRUCTURE_NAMES.map((k) => (
            <option key={k} value={k}>
              {tr(STRUCTURE_LABELS[k])}
            </option>
          ))}
        </select>
        <select
          class="compact"
          value={branch ? '' : editor.state.theme.name}
          disabled={ro || (scope === 'branch' && !branch)}
          aria-label={branch ? tr(T('分支风格', 'Branch theme')) : tr(T('主题风格', 'Theme'))}
          onChange={(e) => {
            const name = e.currentTarget.value;
            if (branch) {
              // A branch takes the theme's looks as topic styles (one undo step).
              const ops = branchThemeOps(editor.state, editor.selection, name);
              e.currentTarget.value = '';
              if (ops.length) editor.apply(ops);
            } else if (name !== editor.state.theme.name)
              editor.apply({ type: 'doc.update', patch: { theme: { ...editor.state.theme, name } } });
          }}
        >
          {branch ? <option value="">{tr(T('分支风格…', 'Branch theme…'))}</option> : null}
          {themeList().map((t) => (
            <option key={t.name} value={t.name}>
              {t.label}
            </option>
          ))}
        </select>
      </div>
      <div class="control-group">
        <select
          class="compact"
          value=""
          disabled={ro}
          aria-label={tr(T('展开到第几级', 'Expand to level'))}
          onChange={(e) => {
            const v = e.currentTarget.value;
            e.currentTarget.value = '';
            if (v !== '') expandToLevel(editor, Number(v));
          }}
        >
          <option value="">{tr(T('展开到…', 'Expand to…'))}</option>
          {[1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={String(n)}>
              {tr(T(`第 ${n} 级`, `Level ${n}`))}
            </option>
          ))}
          <option value="0">{tr(T('全部展开', 'Expand all'))}</option>
        </select>
        <button type="button" class="tool" disabled={ro} onClick={() => expandToLevel(editor, 1)}>
          {tr(T('全部收起', 'Collapse all'))}
        </button>
      </div>
      <div class="control-group">
        <button
          type="button"
          class={`tool toggle${editor.focusId ? ' on' : ''}`}
          aria-pressed={editor.focusId !== null}
          disabled={!editor.focusId && (!primary || primary.parentId === null)}
          onClick={() => editor.setFocus(editor.focusId ? null : editor.primary)}
        >
          {editor.focusId ? tr(T('退出聚焦', 'Leave focus')) : tr(T('聚焦分支', 'Focus branch'))}
        </button>
        <button type="button" class="tool" onClick={() => view.ctx.app.openSearch()}>
          {tr(T('查找', 'Find'))}
        </button>
      </div>
    </div>
  );
}

/** Search in the map: matches highlighted on the canvas, Enter / Shift+Enter for next and previous. */
export function SearchBar({ view, onClose }: { view: EditorView; onClose(): void }) {
  const { editor, canvas } = view;
  useEditorEvents(editor, ['change']);
  const [query, setQuery] = useState('');
  const [notes, setNotes] = useState(false);
  const [current, setCurrent] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  const hits = findTopics(editor.state, query, { notes });
  const hitsKey = hits.join(',');

  useLayoutEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  // Highlights follow the hits; they go away with the bar.
  useEffect(() => {
    canvas.highlights = new Set(hits);
    canvas.invalidateOverlay();
  }, [hitsKey]);
  useEffect(
    () => () => {
      canvas.highlights = new Set();
      canvas.invalidateOverlay();
    },
    [],
  );

  const go = (delta: 1 | -1) => {
    const i = stepHit(hits.length, current, delta);
    if (i < 0) return;
    setCurrent(i);
    const id = hits[i] as TopicId;
    editor.revealTopic(id);
    editor.select([id]);
  };
  const close = () => {
    onClose();
    view.text.focus();
  };
  const shown = current >= 0 && current < hits.length ? current + 1 : 0;
  return (
    <search class="arbor-ui search-bar" aria-label={tr(T('在导图中查找', 'Find in map'))}>
      <input
        ref={input}
        type="search"
        value={query}
        maxLength={500}
        aria-label={tr(T('查找内容', 'Find what'))}
        placeholder={tr(T('查找主题…', 'Find topics…'))}
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          setCurrent(-1);
        }}
        onKeyDown={(e) => {
          if (e.isComposing || e.keyCode === 229) return;
          if (e.key === 'Enter') {
            e.preventDefault();
            go(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            close();
          }
        }}
      />
      <span class="count" aria-live="polite">
        {query.trim()
          ? hits.length
            ? shown
              ? `${shown}/${hits.length}`
              : tr(T(`${hits.length} 个结果`, `${hits.length} found`))
            : tr(T('无结果', 'No match'))
          : ''}
      </span>
      <label class="check small-check">
        <input type="checkbox" checked={notes} onChange={(e) => setNotes(e.currentTarget.checked)} />
        {tr(T('含备注', 'Notes'))}
      </label>
      <button type="button" class="mini" aria-label={tr(T('上一个', 'Previous'))} disabled={!hits.length} onClick={() => go(-1)}>
        ↑
      </button>
      <button type="button" class="mini" aria-label={tr(T('下一个', 'Next'))} disabled={!hits.length} onClick={() => go(1)}>
        ↓
      </button>
      <button type="button" class="mini" aria-label={tr(T('关闭查找', 'Close search'))} onClick={close}>
        ×
      </button>
    </search>
  );
}
