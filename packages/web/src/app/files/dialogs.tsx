// My files' dialogs: new map (blank, a structure, a template, AI, a document), rename a map, new and
// rename folder, move a folder or a map. Each closes itself before its action runs.

import { Modal, PromptDialog } from '../dialogs/modal.tsx';
import { T, tr } from '../i18n.ts';
import { type FileItem, type Folder, insideFolder, STRUCTURES } from './model.ts';

export type Prompt =
  | { kind: 'rename-map'; item: FileItem }
  | { kind: 'new-folder' }
  | { kind: 'rename-folder'; folder: Folder }
  | { kind: 'move-folder'; folder: Folder }
  | { kind: 'move'; item: FileItem }
  | { kind: 'new' }
  | null;

type Tree = { folder: Folder; depth: number }[];

export interface FileDialogsProps {
  prompt: Prompt;
  folders: Folder[];
  tree: Tree;
  onClose(): void;
  newMap: {
    onBlank(): void;
    onStructure(s: (typeof STRUCTURES)[number]['name']): void;
    onDocument(): void;
    onAi(): void;
  };
  onRenameMap(item: FileItem, title: string): void;
  onNewFolder(name: string): void;
  onRenameFolder(folder: Folder, name: string): void;
  onMoveFolder(folder: Folder, parentId: string | null): void;
  onMoveMap(item: FileItem, folderId: string | null): void;
}

/** The open dialog of My files, if any. */
export function FileDialogs(p: FileDialogsProps) {
  const { prompt, onClose } = p;
  if (!prompt) return null;
  if (prompt.kind === 'new') return <NewMapDialog onClose={onClose} {...p.newMap} />;
  if (prompt.kind === 'rename-map')
    return (
      <PromptDialog
        title={tr(T('重命名导图', 'Rename the map'))}
        label={tr(T('标题', 'Title'))}
        initial={prompt.item.title}
        submit={tr(T('保存', 'Save'))}
        onDone={(v) => {
          onClose();
          if (v && v !== prompt.item.title) p.onRenameMap(prompt.item, v);
        }}
      />
    );
  if (prompt.kind === 'new-folder')
    return (
      <PromptDialog
        title={tr(T('新建文件夹', 'New folder'))}
        label={tr(T('名称', 'Name'))}
        submit={tr(T('创建', 'Create'))}
        onDone={(v) => {
          onClose();
          if (v) p.onNewFolder(v);
        }}
      />
    );
  if (prompt.kind === 'rename-folder')
    return (
      <PromptDialog
        title={tr(T('重命名文件夹', 'Rename the folder'))}
        label={tr(T('名称', 'Name'))}
        initial={prompt.folder.name}
        submit={tr(T('保存', 'Save'))}
        onDone={(v) => {
          onClose();
          if (v && v !== prompt.folder.name) p.onRenameFolder(prompt.folder, v);
        }}
      />
    );
  if (prompt.kind === 'move-folder')
    return (
      <MoveDialog
        title={`${tr(T('移动文件夹', 'Move folder'))} “${prompt.folder.name}”`}
        label={tr(T('移到', 'Move into'))}
        name="parent"
        value={prompt.folder.parentId ?? ''}
        tree={p.tree.filter(({ folder: f }) => !insideFolder(p.folders, f.id, prompt.folder.id))}
        onClose={onClose}
        onMove={(v) => p.onMoveFolder(prompt.folder, v)}
      />
    );
  return (
    <MoveDialog
      title={`${tr(T('移动', 'Move'))} “${prompt.item.title}”`}
      label={tr(T('移到文件夹', 'Move to folder'))}
      name="folder"
      value={prompt.item.folderId ?? ''}
      tree={p.tree}
      onClose={onClose}
      onMove={(v) => p.onMoveMap(prompt.item, v)}
    />
  );
}

/** A folder picker (top level first, then the tree indented). */
function MoveDialog({
  title,
  label,
  name,
  value,
  tree,
  onClose,
  onMove,
}: {
  title: string;
  label: string;
  name: string;
  value: string;
  tree: Tree;
  onClose(): void;
  onMove(folderId: string | null): void;
}) {
  return (
    <Modal title={title} onClose={onClose}>
      <form
        class="form-rows"
        onSubmit={(e) => {
          e.preventDefault();
          const v = String(new FormData(e.currentTarget).get(name) ?? '');
          onClose();
          onMove(v || null);
        }}
      >
        <label>
          {label}
          <select name={name} value={value} data-autofocus>
            <option value="">{tr(T('顶层', 'Top level'))}</option>
            {tree.map(({ folder: f, depth }) => (
              <option key={f.id} value={f.id}>
                {'\u00a0\u00a0'.repeat(depth)}
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <div class="actions">
          <button type="submit" class="primary">
            {tr(T('移动', 'Move'))}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function NewMapDialog({
  onClose,
  onBlank,
  onStructure,
  onDocument,
  onAi,
}: {
  onClose(): void;
  onBlank(): void;
  onStructure(s: (typeof STRUCTURES)[number]['name']): void;
  onDocument(): void;
  /** A blank map opened with the AI panel. */
  onAi(): void;
}) {
  return (
    <Modal title={tr(T('新建导图', 'New map'))} onClose={onClose}>
      <div class="new-grid">
        <button type="button" class="new-option" onClick={onBlank} data-autofocus>
          <strong>{tr(T('空白导图', 'Blank map'))}</strong>
        </button>
        {STRUCTURES.map((s) => (
          <button key={s.name} type="button" class="new-option" data-structure={s.name} onClick={() => onStructure(s.name)}>
            <strong>{tr(s.label)}</strong>
          </button>
        ))}
      </div>
      <div class="new-more">
        <a class="new-option" href="/templates">
          <strong>{tr(T('从模板新建', 'From a template'))}</strong>
          <span>{tr(T('浏览模板库', 'Browse the template library'))}</span>
        </a>
        <button type="button" class="new-option" data-new="ai" onClick={onAi}>
          <strong>{tr(T('一句话生成思维导图', 'Generate a map with AI'))}</strong>
          <span>{tr(T('用你配置的模型，边生成边显示', 'With your own model, shown as it streams'))}</span>
        </button>
        <button type="button" class="new-option" onClick={onDocument}>
          <strong>{tr(T('从文档或文件导入', 'From a document or file'))}</strong>
          <span>
            {tr(
              T(
                'txt、md、html、docx、pdf 在浏览器内转换；XMind 等导图文件直接导入',
                'txt, md, html, docx, pdf converted in the browser; XMind and other map files imported',
              ),
            )}
          </span>
        </button>
      </div>
    </Modal>
  );
}
