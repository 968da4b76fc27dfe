// My files' sidebar: new map, the map views (all, recent, starred, trash), the folder tree (each
// folder a drop target with its ⋯ menu), and the template lists (favourites, my published templates).

import { T, type Text, tr } from '../i18n.ts';
import type { Folder, View } from './model.ts';
import type { TemplateList } from './templates-model.ts';

export const VIEWS: readonly { view: View; label: Text }[] = [
  { view: 'all', label: T('全部导图', 'All maps') },
  { view: 'recent', label: T('最近打开', 'Recent') },
  { view: 'starred', label: T('已加星标', 'Starred') },
  { view: 'trash', label: T('回收站', 'Trash') },
];

export const TEMPLATE_LISTS: readonly { list: TemplateList; label: Text }[] = [
  { list: 'favorites', label: T('收藏的模板', 'Favourite templates') },
  { list: 'mine', label: T('我发布的模板', 'My templates') },
];

/** A folder (or the top level) as a drop target for dragged map cards. */
interface DropProps {
  onDragOver(e: DragEvent): void;
  onDragLeave(): void;
  onDrop(e: DragEvent): void;
}

export interface SidebarProps {
  view: View;
  /** undefined = every folder; 'root' = top level only; else a folder id. */
  folder: string | undefined;
  /** The template list shown instead of maps, if any. */
  templates: TemplateList | null;
  tree: { folder: Folder; depth: number }[];
  dropFolder: string | null;
  dropProps(target: string | null): DropProps;
  onNewMap(): void;
  onView(view: View): void;
  onFolder(folder: string): void;
  onTemplates(list: TemplateList): void;
  onNewFolder(): void;
  onMoveFolder(f: Folder): void;
  onRenameFolder(f: Folder): void;
  onDeleteFolder(f: Folder): void;
}

export function Sidebar(p: SidebarProps) {
  const maps = p.templates === null;
  const inFolder = (id: string) => maps && p.view === 'all' && p.folder === id;
  return (
    <nav class="files-side" aria-label={tr(T('文件导航', 'File navigation'))}>
      <button type="button" class="primary new-map" onClick={p.onNewMap}>
        + {tr(T('新建导图', 'New map'))}
      </button>
      <ul class="side-list">
        {VIEWS.map((v) => {
          const on = maps && p.view === v.view && (v.view !== 'all' || p.folder === undefined);
          return (
            <li key={v.view}>
              <button
                type="button"
                class={`side-item${on ? ' on' : ''}`}
                aria-current={on ? 'page' : undefined}
                onClick={() => p.onView(v.view)}
                {...(v.view === 'all' ? p.dropProps(null) : {})}
              >
                {tr(v.label)}
              </button>
            </li>
          );
        })}
      </ul>
      <div class="side-head">
        <h2>{tr(T('文件夹', 'Folders'))}</h2>
        <button type="button" class="link-button" onClick={p.onNewFolder}>
          + {tr(T('新建文件夹', 'New folder'))}
        </button>
      </div>
      <ul class="side-list folders">
        <li>
          <button
            type="button"
            class={`side-item${inFolder('root') ? ' on' : ''}${p.dropFolder === 'root' ? ' drop' : ''}`}
            onClick={() => p.onFolder('root')}
            {...p.dropProps(null)}
          >
            {tr(T('顶层', 'Top level'))}
          </button>
        </li>
        {p.tree.map(({ folder: f, depth }) => (
          <li key={f.id} class="folder-row" style={{ paddingLeft: `${depth * 14}px` }}>
            <button
              type="button"
              class={`side-item${inFolder(f.id) ? ' on' : ''}${p.dropFolder === f.id ? ' drop' : ''}`}
              data-folder={f.name}
              onClick={() => p.onFolder(f.id)}
              {...p.dropProps(f.id)}
            >
              {f.name}
            </button>
            <details class="row-menu">
              <summary aria-label={`${tr(T('文件夹操作', 'Folder actions'))}: ${f.name}`}>⋯</summary>
              <div>
                <button type="button" onClick={() => p.onMoveFolder(f)}>
                  {tr(T('移动到…', 'Move to…'))}
                </button>
                <button type="button" onClick={() => p.onRenameFolder(f)}>
                  {tr(T('重命名', 'Rename'))}
                </button>
                <button type="button" onClick={() => p.onDeleteFolder(f)}>
                  {tr(T('删除', 'Delete'))}
                </button>
              </div>
            </details>
          </li>
        ))}
      </ul>
      <div class="side-head">
        <h2>{tr(T('模板', 'Templates'))}</h2>
      </div>
      <ul class="side-list templates">
        {TEMPLATE_LISTS.map((t) => (
          <li key={t.list}>
            <button
              type="button"
              class={`side-item${p.templates === t.list ? ' on' : ''}`}
              aria-current={p.templates === t.list ? 'page' : undefined}
              data-templates={t.list}
              onClick={() => p.onTemplates(t.list)}
            >
              {tr(t.label)}
            </button>
          </li>
        ))}
      </ul>
      <p class="side-links">
        <a href="/templates">{tr(T('模板库', 'Templates'))}</a>
      </p>
    </nav>
  );
}
