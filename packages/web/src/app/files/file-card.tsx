// One map in My files, as a grid card or a list row: thumbnail, title (with the line that matched a
// content search), when it changed, its folder, star and the ⋯ menu; in the trash, restore and purge.

import { T, tr } from '../i18n.ts';
import { type FileItem, splitByWords, type View } from './model.ts';

/** The drag payload of a map card (dropped on a folder to move it). */
export const DRAG_TYPE = 'application/x-arbor-map';

export function FileCard({
  item: m,
  query,
  thumbs,
  view,
  dateFormat,
  folderName,
  onStar,
  onRename,
  onMove,
  onDuplicate,
  onTrash,
  onRestore,
  onPurge,
}: {
  item: FileItem;
  /** The search typed, to mark its words in the line found. */
  query: string;
  /** False until the list has been painted once: SVG pictures are drawn on the main thread. */
  thumbs: boolean;
  view: View;
  dateFormat: Intl.DateTimeFormat;
  folderName: string;
  onStar(): void;
  onRename(): void;
  onMove(): void;
  onDuplicate(): void;
  onTrash(): void;
  onRestore(): void;
  onPurge(): void;
}) {
  const trashed = view === 'trash';
  const href = `/app/maps/${encodeURIComponent(m.id)}`;
  const when = dateFormat.format(trashed && m.trashedAt ? m.trashedAt : m.updatedAt);
  const title = m.title || tr(T('未命名导图', 'Untitled map'));
  return (
    <li
      class="file-card"
      data-map-id={m.id}
      draggable={!trashed}
      onDragStart={(e) => {
        e.dataTransfer?.setData(DRAG_TYPE, m.id);
        e.dataTransfer?.setData('text/uri-list', new URL(href, location.href).href);
        if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
      }}
    >
      <span class="thumb" aria-hidden="true">
        {/* loading and decoding before src: Preact sets attributes in order, and a src set first starts an eager load. */}
        {thumbs ? (
          <img loading="lazy" decoding="async" alt="" src={`/api/maps/${encodeURIComponent(m.id)}/thumbnail.svg?v=${m.version}`} />
        ) : null}
      </span>
      <div class="file-info">
        {trashed ? (
          <span class="file-title">{title}</span>
        ) : (
          <a class="file-title" href={href}>
            {title}
          </a>
        )}
        {m.match?.in === 'content' ? (
          <span class="file-match">
            <span class="muted">{tr(T('内容匹配：', 'Found in the map: '))}</span>
            {splitByWords(m.match.text ?? '', query).map((part, i) => (i % 2 ? <mark key={i}>{part}</mark> : part))}
          </span>
        ) : null}
        <span class="muted file-meta">
          {trashed ? tr(T('删除于', 'Trashed')) : tr(T('修改于', 'Changed'))} {when}
          {folderName ? ` · ${folderName}` : ''}
        </span>
      </div>
      <div class="file-actions">
        {trashed ? (
          <>
            <button type="button" class="secondary" onClick={onRestore}>
              {tr(T('恢复', 'Restore'))}
            </button>
            <button type="button" class="danger" onClick={onPurge}>
              {tr(T('永久删除', 'Delete for ever'))}
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              class={`star${m.starred ? ' on' : ''}`}
              aria-pressed={m.starred}
              aria-label={`${tr(T('星标', 'Star'))}: ${title}`}
              onClick={onStar}
            >
              {m.starred ? '★' : '☆'}
            </button>
            <details class="row-menu">
              <summary aria-label={`${tr(T('更多操作', 'More actions'))}: ${title}`}>⋯</summary>
              <div>
                <button type="button" onClick={onRename}>
                  {tr(T('重命名', 'Rename'))}
                </button>
                <button type="button" onClick={onMove}>
                  {tr(T('移动到…', 'Move to…'))}
                </button>
                <button type="button" onClick={onDuplicate}>
                  {tr(T('创建副本', 'Duplicate'))}
                </button>
                <a href={`/api/maps/${encodeURIComponent(m.id)}/export?format=xmind`} download>
                  {tr(T('下载 XMind', 'Download XMind'))}
                </a>
                <button type="button" onClick={onTrash}>
                  {tr(T('移到回收站', 'Move to trash'))}
                </button>
              </div>
            </details>
          </>
        )}
      </div>
    </li>
  );
}
