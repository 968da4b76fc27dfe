// The topic panel (issue 14 §7): note (Markdown with a safe preview), link, image, markers,
// labels, task with rolled-up progress, style and branch structure for the selected topics; and,
// when a relationship is selected on the canvas, its label. Each change is one `editor.apply`.

import type { Relationship, Topic, TopicId } from '@arbor/core';
import { useEffect, useReducer, useState } from 'preact/hooks';
import { T, tr } from '../app/i18n.ts';
import { useEditorEvents } from '../app/use-editor.ts';
import { imageFromClipboard } from '../editor/clipboard/index.ts';
import type { Editor } from '../editor/editor.ts';
import type { EditorView } from '../editor/mount.ts';
import { type RelationshipTool, relationshipTool } from '../editor/relationship-tool.ts';
import { LiveText, Section } from './fields.tsx';
import { checkLink } from './topic-logic.ts';
import { LabelsSection, MarkersSection, StructureSection, StyleSection, TaskSection } from './topic-style.tsx';
import './panels.css';

const EVENTS = ['change', 'selection'] as const;

/** Re-renders when the relationship tool's selection changes. */
function useTool(tool: RelationshipTool): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => tool.on('change', () => bump(undefined as never)), [tool]);
}

export function TopicPanel({ view }: { view: EditorView }) {
  const { editor } = view;
  useEditorEvents(editor, EVENTS);
  const tool = relationshipTool(view.canvas, editor);
  useTool(tool);
  const rel = tool.selected ? editor.state.relationships.get(tool.selected) : undefined;
  const topic = editor.primary ? editor.state.topics.get(editor.primary) : undefined;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling panel must take keyboard focus (axe scrollable-region-focusable), also when read-only
    <aside class="arbor-ui side-panel topic-panel" tabIndex={0} aria-label={tr(T('主题面板', 'Topic panel'))}>
      <h2 class="panel-title">{tr(T('主题', 'Topic'))}</h2>
      {rel ? <RelationshipEditor editor={editor} tool={tool} rel={rel} /> : null}
      {topic ? (
        <TopicFields editor={editor} topic={topic} tool={tool} key={topic.id} />
      ) : rel ? null : (
        <p class="empty">{tr(T('选择一个主题以编辑它的备注、图标和样式。', 'Select a topic to edit its note, markers and style.'))}</p>
      )}
    </aside>
  );
}

function TopicFields({ editor, topic, tool }: { editor: Editor; topic: Topic; tool: RelationshipTool }) {
  const ro = editor.readonly;
  return (
    <div class="topic-fields">
      {editor.selection.length > 1 ? (
        <p class="hint">
          {tr(
            T(
              `已选择 ${editor.selection.length} 个主题：图标、标签、任务和样式作用于全部。`,
              `${editor.selection.length} topics selected: markers, labels, task and style apply to all.`,
            ),
          )}
        </p>
      ) : null}
      <fieldset disabled={ro}>
        <NoteSection editor={editor} topic={topic} />
        <LinkSection editor={editor} topic={topic} />
        <ImageSection editor={editor} topic={topic} />
        <MarkersSection editor={editor} topic={topic} />
        <LabelsSection editor={editor} topic={topic} />
        <TaskSection editor={editor} topic={topic} />
        <StyleSection editor={editor} topic={topic} />
        <StructureSection editor={editor} topic={topic} />
        <RelationshipList editor={editor} topic={topic} tool={tool} />
      </fieldset>
    </div>
  );
}

/** The Markdown renderer (markdown-it and its helpers) is fetched the first time a note is previewed. */
let renderMarkdown: Promise<(md: string) => string> | undefined;
const loadMarkdown = () => {
  renderMarkdown ??= import('./markdown/index.ts').then((m) => m.markdownToSafeHtml);
  return renderMarkdown;
};

/** A note rendered from Markdown (sanitised by markdownToSafeHtml), once the renderer is loaded. */
function NotePreview({ note }: { note: string }) {
  const [render, setRender] = useState<((md: string) => string) | null>(null);
  useEffect(() => {
    let live = true;
    void loadMarkdown().then((f) => live && setRender(() => f));
    return () => {
      live = false;
    };
  }, []);
  if (!render) return <p class="note-preview muted">{tr(T('加载中…', 'Loading…'))}</p>;
  return <div class="note-preview" dangerouslySetInnerHTML={{ __html: render(note) }} />;
}

function NoteSection({ editor, topic }: { editor: Editor; topic: Topic }) {
  const [preview, setPreview] = useState(false);
  const note = topic.note ?? '';
  const setNote = (text: string) => {
    if (text === (editor.state.topics.get(topic.id)?.note ?? '')) return;
    // Typing squashes into one undo step per topic.
    editor.apply({ type: 'topic.update', id: topic.id, patch: { note: text === '' ? null : text } }, { mergeKey: `note:${topic.id}` });
  };
  return (
    <Section title={tr(T('备注', 'Note'))} id="tp-note">
      <div class="tabs">
        <button type="button" class="tab" aria-pressed={!preview} onClick={() => setPreview(false)}>
          {tr(T('编辑', 'Write'))}
        </button>
        <button type="button" class="tab" aria-pressed={preview} onClick={() => setPreview(true)}>
          {tr(T('预览', 'Preview'))}
        </button>
      </div>
      {preview ? (
        note ? (
          <NotePreview note={note} />
        ) : (
          <p class="empty">{tr(T('没有备注', 'No note'))}</p>
        )
      ) : (
        <LiveText
          multiline
          rows={6}
          class="note-input"
          value={note}
          label={tr(T('备注（Markdown）', 'Note (Markdown)'))}
          placeholder={tr(T('支持 Markdown：**粗体**、- 列表、[链接](https://…)', 'Markdown: **bold**, - lists, [links](https://…)'))}
          onText={setNote}
        />
      )}
    </Section>
  );
}

function LinkSection({ editor, topic }: { editor: Editor; topic: Topic }) {
  const [error, setError] = useState<string | null>(null);
  const commit = (text: string) => {
    const r = checkLink(text);
    if (r.error) {
      setError(tr(r.error));
      return;
    }
    setError(null);
    if ((r.href ?? undefined) !== topic.href) editor.apply({ type: 'topic.update', id: topic.id, patch: { href: r.href } });
  };
  return (
    <Section title={tr(T('链接', 'Link'))} id="tp-link">
      <LiveText
        value={topic.href ?? ''}
        label={tr(T('链接地址', 'Link address'))}
        placeholder="https://"
        maxLength={2000}
        onText={() => setError(null)}
        onCommit={commit}
      />
      {error ? (
        <p class="error-text" role="alert">
          {error}
        </p>
      ) : null}
      {topic.href && /^(https?:|mailto:)/i.test(topic.href) ? (
        <a class="open-link" href={topic.href} target="_blank" rel="noopener noreferrer">
          {tr(T('打开链接', 'Open link'))}
        </a>
      ) : null}
    </Section>
  );
}

function ImageSection({ editor, topic }: { editor: Editor; topic: Topic }) {
  const [error, setError] = useState<string | null>(null);
  const setUrl = (url: string) => {
    const s = url.trim();
    if (!s) return;
    if (!/^(https?:\/\/\S+|data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+)$/i.test(s)) {
      setError(tr(T('图片地址需以 https:// 开头', 'An image address must start with https://')));
      return;
    }
    setError(null);
    editor.apply({ type: 'topic.update', id: topic.id, patch: { image: { src: s } } });
  };
  const upload = async (files: FileList | null) => {
    if (!files?.length) return;
    const img = await imageFromClipboard(Array.from(files));
    if (!img) {
      setError(tr(T('无法读取这张图片（支持 PNG、JPEG、GIF、WebP）', 'This image cannot be read (PNG, JPEG, GIF, WebP)')));
      return;
    }
    setError(null);
    if (editor.state.topics.has(topic.id))
      editor.apply({ type: 'topic.update', id: topic.id, patch: { image: { src: img.src, width: img.width, height: img.height } } });
  };
  const src = topic.image?.src;
  return (
    <Section title={tr(T('图片', 'Image'))} id="tp-image">
      {src ? (
        <div class="image-row">
          {/^(https:|data:image\/)/i.test(src) ? <img src={src} alt={topic.image?.alt ?? tr(T('主题图片', 'Topic image'))} /> : null}
          <button type="button" class="small" onClick={() => editor.apply({ type: 'topic.update', id: topic.id, patch: { image: null } })}>
            {tr(T('移除图片', 'Remove image'))}
          </button>
        </div>
      ) : null}
      <LiveText
        value=""
        label={tr(T('图片地址', 'Image address'))}
        placeholder="https://…"
        maxLength={4000}
        onText={() => setError(null)}
        onCommit={setUrl}
      />
      <label class="file-button">
        <input type="file" accept="image/png,image/jpeg,image/gif,image/webp" onChange={(e) => void upload(e.currentTarget.files)} />
        <span>{tr(T('上传图片…', 'Upload an image…'))}</span>
      </label>
      {error ? (
        <p class="error-text" role="alert">
          {error}
        </p>
      ) : null}
    </Section>
  );
}

function topicName(editor: Editor, id: TopicId): string {
  const text = editor.state.topics.get(id)?.text ?? '';
  return text.length > 24 ? `${text.slice(0, 23)}…` : text || tr(T('（空）', '(empty)'));
}

function RelationshipList({ editor, topic, tool }: { editor: Editor; topic: Topic; tool: RelationshipTool }) {
  const rels = [...editor.state.relationships.values()].filter((r) => r.from === topic.id || r.to === topic.id);
  return (
    <Section title={tr(T('联系', 'Relationships'))} id="tp-rels">
      {rels.length ? (
        <ul class="rel-list">
          {rels.map((r) => (
            <li key={r.id}>
              <button type="button" class="link-like" onClick={() => tool.select(r.id)}>
                {topicName(editor, r.from)} → {topicName(editor, r.to)}
                {r.label ? `（${r.label}）` : ''}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <button type="button" class="small" onClick={() => tool.startLink(topic.id)}>
        {tr(T('添加联系…（再点击目标主题）', 'Add relationship… (then click the target)'))}
      </button>
    </Section>
  );
}

function RelationshipEditor({ editor, tool, rel }: { editor: Editor; tool: RelationshipTool; rel: Relationship }) {
  const dashed = rel.style?.dashed ?? true;
  const setStyle = (patch: Partial<NonNullable<Relationship['style']>>) =>
    editor.apply({ type: 'relationship.update', id: rel.id, patch: { style: { ...rel.style, ...patch } } });
  return (
    <Section title={tr(T('联系', 'Relationship'))} id="tp-rel">
      <p class="hint">
        {topicName(editor, rel.from)} → {topicName(editor, rel.to)}
      </p>
      <fieldset disabled={editor.readonly}>
        <LiveText
          key={rel.id}
          value={rel.label ?? ''}
          label={tr(T('联系标签', 'Relationship label'))}
          placeholder={tr(T('标签', 'Label'))}
          maxLength={500}
          onText={(text) => tool.setLabel(rel.id, text, `rel-label:${rel.id}`)}
        />
        <label class="check">
          <input type="checkbox" checked={dashed} onChange={(e) => setStyle({ dashed: e.currentTarget.checked })} />
          {tr(T('虚线', 'Dashed'))}
        </label>
        <label class="check">
          <input type="checkbox" checked={rel.style?.arrowEnd ?? true} onChange={(e) => setStyle({ arrowEnd: e.currentTarget.checked })} />
          {tr(T('终点箭头', 'Arrow at the end'))}
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={Boolean(rel.style?.arrowStart)}
            onChange={(e) => setStyle({ arrowStart: e.currentTarget.checked })}
          />
          {tr(T('起点箭头', 'Arrow at the start'))}
        </label>
        <p class="hint">{tr(T('拖动画布上的两个圆点可调整曲线。', 'Drag the two dots on the canvas to bend the curve.'))}</p>
        <button type="button" class="small danger" onClick={() => tool.remove(rel.id)}>
          {tr(T('删除联系', 'Delete relationship'))}
        </button>
      </fieldset>
    </Section>
  );
}
