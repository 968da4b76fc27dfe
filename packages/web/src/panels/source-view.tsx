// The source view (issue 14 §10): the whole text a map was made from, the selected topic's passage
// highlighted and scrolled into view, and, shaded, the passages no topic covers — each one click
// from becoming a topic. Text is rendered as text nodes only.

import type { TopicId } from '@arbor/core';
import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import { T, tr } from '../app/i18n.ts';
import { useEditorEvents } from '../app/use-editor.ts';
import type { EditorView } from '../editor/mount.ts';
import { stampsOf } from './doc-stamps.ts';
import { useSourceHover } from './source-hover.ts';
import { type Passage, passageToTopicOp, sourceSegments, uncoveredOf } from './source-logic.ts';
import './panels.css';

const EVENTS = ['change', 'selection'] as const;

export function SourceView({ view }: { view: EditorView }) {
  const { editor } = view;
  useEditorEvents(editor, EVENTS);
  useSourceHover(view);
  const body = useRef<HTMLDivElement>(null);
  const text = editor.state.meta?.sourceText ?? '';
  const primary = editor.primary ? editor.state.topics.get(editor.primary) : undefined;
  const span = primary?.source && text ? primary.source : null;
  const stamp = `s${stampsOf(editor).sources}`;
  const uncovered = uncoveredOf(editor.state, stamp);
  const spanKey = span ? `${span.start}:${span.end}` : '';
  const readonly = editor.readonly;

  // Bring the selected topic's passage into view when the selection moves.
  useLayoutEffect(() => {
    const mark = body.current?.querySelector('mark.passage');
    if (mark && typeof (mark as HTMLElement).scrollIntoView === 'function') (mark as HTMLElement).scrollIntoView({ block: 'center' });
  }, [spanKey]);

  const makeTopic = (p: Passage) => {
    const op = passageToTopicOp(editor.state, p);
    const id = (op as { topic: { id: TopicId } }).topic.id;
    if (editor.apply(op)) {
      editor.revealTopic(id);
      editor.select([id]);
    }
  };

  // The text is drawn again only when the passage, the spans or the text change, not per keystroke.
  const rendered = useMemo(() => {
    const segments = text ? sourceSegments(text.length, uncovered, span) : [];
    return segments.map((s) =>
      s.kind === 'plain' ? (
        text.slice(s.start, s.end)
      ) : s.kind === 'passage' ? (
        <mark class="passage" key={`p${s.start}`}>
          {text.slice(s.start, s.end)}
        </mark>
      ) : (
        <span class="uncovered" key={`u${s.start}`}>
          {text.slice(s.start, s.end)}
          {readonly ? null : (
            <button
              type="button"
              class="make-topic"
              aria-label={`${tr(T('设为主题：', 'Make a topic: '))}${text.slice(s.start, Math.min(s.end, s.start + 30))}`}
              onClick={() => makeTopic(s)}
            >
              {tr(T('＋ 设为主题', '+ Make topic'))}
            </button>
          )}
        </span>
      ),
    );
  }, [text, stamp, spanKey, readonly]);

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling panel must take keyboard focus (axe scrollable-region-focusable), also when read-only
    <aside class="arbor-ui side-panel source-view" tabIndex={0} aria-label={tr(T('原文视图', 'Source text'))}>
      <h2 class="panel-title">
        {tr(T('原文', 'Source'))}
        {editor.state.meta?.sourceName ? <span class="source-name"> · {editor.state.meta.sourceName}</span> : null}
      </h2>
      {!text ? (
        <p class="empty">
          {tr(
            T(
              '这张导图没有原文。由文档（Word、PDF、网页、文本）生成的导图会保留原文。',
              'This map has no source text. Maps made from a document (Word, PDF, web page, text) keep theirs.',
            ),
          )}
        </p>
      ) : (
        <>
          <p class="hint">
            {primary && !span
              ? tr(T('选中的主题没有对应的原文段落。', 'The selected topic has no passage in the source.'))
              : tr(
                  T(
                    '高亮：选中主题的原文。底纹：尚未成为主题的段落。',
                    'Highlighted: the selected topic’s passage. Shaded: passages no topic covers yet.',
                  ),
                )}
            {uncovered.length ? ` ${tr(T(`（${uncovered.length} 段未覆盖）`, `(${uncovered.length} uncovered)`))}` : ''}
          </p>
          <div class="source-text" ref={body}>
            {rendered}
          </div>
        </>
      )}
    </aside>
  );
}
