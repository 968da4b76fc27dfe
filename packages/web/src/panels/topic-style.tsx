// The topic panel's lower half: markers, labels, task and progress, style and branch structure.
// Every change applies to all selected topics as one step (bulk style).

import { isStructureName, STRUCTURE_NAMES, type Topic, type TopicShape, type TopicStyle, type TopicUpdate } from '@arbor/core';
import { useState } from 'preact/hooks';
import { T, tr } from '../app/i18n.ts';
import type { Editor } from '../editor/editor.ts';
import { updateSelected } from '../editor/topic-actions.ts';
import { stampsOf } from './doc-stamps.ts';
import { ColourField, Section } from './fields.tsx';
import { SHAPE_LABELS, STRUCTURE_LABELS } from './labels.ts';
import { addLabel, MARKER_GROUPS, progressPercent, removeLabel, setMarker, taskProgress } from './topic-logic.ts';

const FONT_SIZES = [10, 12, 13, 14, 16, 18, 20, 24, 28, 32, 40, 48];
const BORDER_WIDTHS = [0, 1, 2, 3, 4, 6];

/** A style patch for every selected topic: `undefined` or null clears a field. */
function setStyle(editor: Editor, key: keyof TopicStyle, value: TopicStyle[keyof TopicStyle] | null, mergeKey?: string): void {
  const ops = editor.selection
    .map((id) => editor.state.topics.get(id))
    .filter((t): t is Topic => Boolean(t))
    .flatMap((t) => {
      const next: Record<string, unknown> = { ...t.style };
      if (value === null || value === undefined) delete next[key];
      else next[key] = value;
      if ((t.style?.[key] ?? null) === (value ?? null)) return [];
      const patch: TopicUpdate = { style: Object.keys(next).length ? (next as TopicStyle) : null };
      return [{ type: 'topic.update' as const, id: t.id, patch }];
    });
  if (ops.length) editor.apply(ops, mergeKey ? { mergeKey } : {});
}

export function MarkersSection({ editor, topic }: { editor: Editor; topic: Topic }) {
  const have = new Set(topic.markers ?? []);
  return (
    <Section title={tr(T('图标', 'Markers'))} id="tp-markers">
      {MARKER_GROUPS.map((g) => (
        <fieldset class="marker-group" key={g.family}>
          <legend class="group-name">{tr(g.label)}</legend>
          {g.choices.map((c) => (
            <button
              type="button"
              key={c.id}
              class={`marker marker-${g.family} ${c.id}`}
              aria-pressed={have.has(c.id)}
              aria-label={tr(c.label)}
              title={tr(c.label)}
              onClick={() => {
                // The primary topic decides: on for all when it lacks the marker, off for all when it has it.
                const on = !have.has(c.id);
                updateSelected(editor, (t) =>
                  Boolean(t.markers?.includes(c.id)) === on ? null : { markers: setMarker(t.markers, c.id, on) },
                );
              }}
            >
              {c.glyph}
            </button>
          ))}
        </fieldset>
      ))}
    </Section>
  );
}

export function LabelsSection({ editor, topic }: { editor: Editor; topic: Topic }) {
  const [draft, setDraft] = useState('');
  const add = () => {
    const text = draft;
    setDraft('');
    updateSelected(editor, (t) => {
      const labels = addLabel(t.labels, text);
      return labels ? { labels } : null;
    });
  };
  return (
    <Section title={tr(T('标签', 'Labels'))} id="tp-labels">
      <ul class="chips">
        {(topic.labels ?? []).map((l) => (
          <li key={l}>
            <span>{l}</span>
            <button
              type="button"
              class="mini"
              aria-label={`${tr(T('删除标签', 'Remove label'))} ${l}`}
              onClick={() => updateSelected(editor, (t) => (t.labels?.includes(l) ? { labels: removeLabel(t.labels, l) } : null))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <input
          type="text"
          value={draft}
          maxLength={200}
          aria-label={tr(T('新标签', 'New label'))}
          placeholder={tr(T('添加标签…', 'Add a label…'))}
          onInput={(e) => setDraft(e.currentTarget.value)}
        />
        <button type="submit" class="small" disabled={!draft.trim()}>
          {tr(T('添加', 'Add'))}
        </button>
      </form>
    </Section>
  );
}

export function TaskSection({ editor, topic }: { editor: Editor; topic: Topic }) {
  const progress = taskProgress(editor.state, topic.id, `t${stampsOf(editor).tasks}`);
  const pct = progressPercent(progress);
  return (
    <Section title={tr(T('任务', 'Task'))} id="tp-task">
      <label class="check">
        <input
          type="checkbox"
          checked={Boolean(topic.task)}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            updateSelected(editor, (t) => (Boolean(t.task) === on ? null : { task: on ? { done: false } : null }));
          }}
        />
        {tr(T('作为任务', 'Is a task'))}
      </label>
      {topic.task ? (
        <label class="check">
          <input
            type="checkbox"
            checked={topic.task.done}
            onChange={(e) => {
              const done = e.currentTarget.checked;
              updateSelected(editor, (t) => (t.task && t.task.done !== done ? { task: { done } } : null));
            }}
          />
          {tr(T('已完成', 'Done'))}
        </label>
      ) : null}
      {pct !== null ? (
        <div class="progress-line">
          <progress max={progress.total} value={progress.done} aria-label={tr(T('下级任务完成进度', 'Progress of the tasks below'))} />
          <span>
            {progress.done}/{progress.total} · {pct}%
          </span>
        </div>
      ) : null}
    </Section>
  );
}

export function StyleSection({ editor, topic }: { editor: Editor; topic: Topic }) {
  const s = topic.style ?? {};
  const n = editor.selection.length;
  return (
    <Section title={n > 1 ? tr(T(`样式（${n} 个主题）`, `Style (${n} topics)`)) : tr(T('样式', 'Style'))} id="tp-style">
      <div class="style-grid">
        <ColourField label={tr(T('填充', 'Fill'))} value={s.fill} onChange={(v) => setStyle(editor, 'fill', v, 'style:fill')} />
        <ColourField
          label={tr(T('文字颜色', 'Text colour'))}
          value={s.color}
          onChange={(v) => setStyle(editor, 'color', v, 'style:color')}
        />
        <ColourField
          label={tr(T('边框颜色', 'Border colour'))}
          value={s.borderColor}
          onChange={(v) => setStyle(editor, 'borderColor', v, 'style:borderColor')}
        />
        <ColourField
          label={tr(T('连线颜色', 'Line colour'))}
          value={s.lineColor}
          onChange={(v) => setStyle(editor, 'lineColor', v, 'style:lineColor')}
        />
        <label class="field">
          <span>{tr(T('边框粗细', 'Border width'))}</span>
          <select
            value={s.borderWidth === undefined ? '' : String(s.borderWidth)}
            onChange={(e) => setStyle(editor, 'borderWidth', e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}
          >
            <option value="">{tr(T('默认', 'Default'))}</option>
            {BORDER_WIDTHS.map((w) => (
              <option key={w} value={String(w)}>
                {w} px
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{tr(T('形状', 'Shape'))}</span>
          <select value={s.shape ?? ''} onChange={(e) => setStyle(editor, 'shape', (e.currentTarget.value || null) as TopicShape | null)}>
            <option value="">{tr(T('默认', 'Default'))}</option>
            {(Object.keys(SHAPE_LABELS) as TopicShape[]).map((k) => (
              <option key={k} value={k}>
                {tr(SHAPE_LABELS[k])}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{tr(T('字号', 'Font size'))}</span>
          <select
            value={s.fontSize === undefined ? '' : String(s.fontSize)}
            onChange={(e) => setStyle(editor, 'fontSize', e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}
          >
            <option value="">{tr(T('默认', 'Default'))}</option>
            {[...new Set([...FONT_SIZES, ...(s.fontSize ? [s.fontSize] : [])])]
              .sort((a, b) => a - b)
              .map((f) => (
                <option key={f} value={String(f)}>
                  {f}
                </option>
              ))}
          </select>
        </label>
        <div class="toggles">
          <button
            type="button"
            class="toggle-btn bold"
            aria-pressed={Boolean(s.bold)}
            aria-label={tr(T('粗体', 'Bold'))}
            onClick={() => setStyle(editor, 'bold', s.bold ? null : true)}
          >
            B
          </button>
          <button
            type="button"
            class="toggle-btn italic"
            aria-pressed={Boolean(s.italic)}
            aria-label={tr(T('斜体', 'Italic'))}
            onClick={() => setStyle(editor, 'italic', s.italic ? null : true)}
          >
            I
          </button>
        </div>
      </div>
    </Section>
  );
}

export function StructureSection({ editor, topic }: { editor: Editor; topic: Topic }) {
  return (
    <Section title={tr(T('分支结构', 'Branch structure'))} id="tp-structure">
      <label class="field wide">
        <span class="sr-only">{tr(T('此分支的结构', 'Structure of this branch'))}</span>
        <select
          value={topic.structure ?? ''}
          onChange={(e) => {
            const v = e.currentTarget.value;
            const structure = isStructureName(v) ? v : null;
            updateSelected(editor, (t) => ((t.structure ?? null) === structure ? null : { structure }));
          }}
        >
          <option value="">{tr(T('跟随上级', 'Inherit'))}</option>
          {STRUCTURE_NAMES.map((k) => (
            <option key={k} value={k}>
              {tr(STRUCTURE_LABELS[k])}
            </option>
          ))}
        </select>
      </label>
    </Section>
  );
}
