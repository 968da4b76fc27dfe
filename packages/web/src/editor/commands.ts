// One command registry (DESIGN §9) drives the toolbar, the context menu, the shortcut panel, the
// keymap and the tests: id, label in both languages, shortcuts, when it is enabled, what it does.

import type { TopicId } from '@arbor/core';
import { T, type Text, tr } from '../app/i18n.ts';
import type { MapCanvas } from '../canvas/canvas.ts';
import type { Editor } from './editor.ts';
import { addChild, addParent, addSibling, deleteSelection, expandToLevel, reorder, selectToward, toggleFold } from './topic-actions.ts';

/** What the app offers the commands beyond the editor and canvas (dialogs, panels, clipboard). */
export interface AppHooks {
  openSearch(): void;
  toggleShortcuts(): void;
  toggleOutline(): void;
  togglePanel(): void;
  toggleSource(): void;
  copy(cut: boolean): void;
  paste(): void;
  contextMenu?(x: number, y: number): void;
}

export interface CommandContext {
  editor: Editor;
  canvas: MapCanvas;
  app: AppHooks;
}

export type CommandGroup = 'insert' | 'edit' | 'select' | 'history' | 'clipboard' | 'view' | 'map';

export interface Command {
  id: string;
  label: Text;
  group: CommandGroup;
  /** Shortcuts: `Mod` is ⌘ on a Mac and Ctrl elsewhere, e.g. `Mod+Shift+Z`, `Tab`, `ArrowUp`. */
  keys?: string[];
  /** A glyph for the toolbar. */
  icon?: string;
  /** Changes the document (off in a read-only editor). */
  edits?: boolean;
  enabled?(ctx: CommandContext): boolean;
  run(ctx: CommandContext): void;
}

const hasPrimary = ({ editor }: CommandContext) => editor.primary !== null;
const notRoot = ({ editor }: CommandContext) => editor.selection.some((id) => id !== editor.state.rootId);
const primaryOf = ({ editor }: CommandContext): TopicId | null => editor.primary;

export const COMMANDS: readonly Command[] = [
  {
    id: 'topic.addChild',
    label: T('添加子主题', 'Add subtopic'),
    group: 'insert',
    keys: ['Tab', 'Insert'],
    icon: '⤷',
    edits: true,
    enabled: hasPrimary,
    run: (c) => addChild(c.editor),
  },
  {
    id: 'topic.addSibling',
    label: T('添加同级主题（之后）', 'Add topic after'),
    group: 'insert',
    keys: ['Enter'],
    icon: '↧',
    edits: true,
    enabled: hasPrimary,
    run: (c) => addSibling(c.editor, false),
  },
  {
    id: 'topic.addSiblingBefore',
    label: T('添加同级主题（之前）', 'Add topic before'),
    group: 'insert',
    keys: ['Shift+Enter'],
    edits: true,
    enabled: hasPrimary,
    run: (c) => addSibling(c.editor, true),
  },
  {
    id: 'topic.addParent',
    label: T('添加父主题', 'Add parent topic'),
    group: 'insert',
    keys: ['Mod+Enter'],
    edits: true,
    enabled: notRoot,
    run: (c) => addParent(c.editor),
  },
  {
    id: 'topic.addFloating',
    label: T('添加自由主题', 'Add floating topic'),
    group: 'insert',
    edits: true,
    run: ({ editor, canvas }) => {
      const v = canvas.screenToMap(
        canvas.root.getBoundingClientRect().left + canvas.width / 2,
        canvas.root.getBoundingClientRect().top + canvas.height / 3,
      );
      const root = editor.layout.boxes.get(editor.state.rootId);
      const rx = root ? root.x + root.width / 2 : 0;
      const ry = root ? root.y + root.height / 2 : 0;
      const id = `t${Math.random().toString(36).slice(2, 12)}` as TopicId;
      if (
        editor.apply({
          type: 'topic.create',
          parentId: editor.state.rootId,
          topic: { id, text: tr(T('自由主题', 'Floating topic')), detached: true, position: { x: v.x - rx, y: v.y - ry } },
        })
      )
        editor.startEditing(id, true);
    },
  },
  {
    id: 'topic.edit',
    label: T('编辑文字', 'Edit text'),
    group: 'edit',
    keys: ['F2', 'Space'],
    icon: '✎',
    edits: true,
    enabled: hasPrimary,
    run: (c) => c.editor.startEditing(primaryOf(c) as TopicId, false),
  },
  {
    id: 'topic.delete',
    label: T('删除', 'Delete'),
    group: 'edit',
    keys: ['Delete', 'Backspace'],
    icon: '🗑',
    edits: true,
    enabled: notRoot,
    run: (c) => deleteSelection(c.editor),
  },
  {
    id: 'topic.moveUp',
    label: T('上移', 'Move up'),
    group: 'edit',
    keys: ['Mod+ArrowUp'],
    edits: true,
    enabled: notRoot,
    run: (c) => reorder(c.editor, -1),
  },
  {
    id: 'topic.moveDown',
    label: T('下移', 'Move down'),
    group: 'edit',
    keys: ['Mod+ArrowDown'],
    edits: true,
    enabled: notRoot,
    run: (c) => reorder(c.editor, 1),
  },
  {
    id: 'topic.fold',
    label: T('折叠/展开', 'Fold / unfold'),
    group: 'view',
    keys: ['/'],
    icon: '⊟',
    edits: true,
    enabled: hasPrimary,
    run: (c) => toggleFold(c.editor),
  },
  {
    id: 'history.undo',
    label: T('撤销', 'Undo'),
    group: 'history',
    keys: ['Mod+Z'],
    icon: '↶',
    edits: true,
    enabled: (c) => c.editor.history.canUndo || c.editor.hasPreview,
    run: (c) => c.editor.undo(),
  },
  {
    id: 'history.redo',
    label: T('重做', 'Redo'),
    group: 'history',
    keys: ['Mod+Shift+Z', 'Mod+Y'],
    icon: '↷',
    edits: true,
    enabled: (c) => c.editor.history.canRedo,
    run: (c) => c.editor.redo(),
  },
  {
    id: 'clipboard.copy',
    label: T('复制', 'Copy'),
    group: 'clipboard',
    keys: ['Mod+C'],
    enabled: hasPrimary,
    run: (c) => c.app.copy(false),
  },
  {
    id: 'clipboard.cut',
    label: T('剪切', 'Cut'),
    group: 'clipboard',
    keys: ['Mod+X'],
    edits: true,
    enabled: notRoot,
    run: (c) => c.app.copy(true),
  },
  {
    id: 'clipboard.paste',
    label: T('粘贴', 'Paste'),
    group: 'clipboard',
    keys: ['Mod+V'],
    edits: true,
    enabled: hasPrimary,
    run: (c) => c.app.paste(),
  },
  {
    id: 'select.all',
    label: T('全选', 'Select all'),
    group: 'select',
    keys: ['Mod+A'],
    run: ({ editor }) => editor.select([...editor.layout.boxes.keys()], editor.primary ?? editor.state.rootId),
  },
  {
    id: 'select.left',
    label: T('选择左侧主题', 'Select left'),
    group: 'select',
    keys: ['ArrowLeft'],
    run: (c) => selectToward(c.editor, 'left'),
  },
  {
    id: 'select.right',
    label: T('选择右侧主题', 'Select right'),
    group: 'select',
    keys: ['ArrowRight'],
    run: (c) => selectToward(c.editor, 'right'),
  },
  {
    id: 'select.up',
    label: T('选择上方主题', 'Select above'),
    group: 'select',
    keys: ['ArrowUp'],
    run: (c) => selectToward(c.editor, 'up'),
  },
  {
    id: 'select.down',
    label: T('选择下方主题', 'Select below'),
    group: 'select',
    keys: ['ArrowDown'],
    run: (c) => selectToward(c.editor, 'down'),
  },
  {
    id: 'select.root',
    label: T('选择中心主题', 'Select central topic'),
    group: 'select',
    keys: ['Home'],
    run: ({ editor }) => editor.select([editor.state.rootId]),
  },
  { id: 'find', label: T('查找', 'Find'), group: 'view', keys: ['Mod+F'], icon: '🔍', run: (c) => c.app.openSearch() },
  { id: 'view.zoomIn', label: T('放大', 'Zoom in'), group: 'view', keys: ['Mod+=', 'Mod++'], icon: '+', run: (c) => c.canvas.zoomBy(1.2) },
  { id: 'view.zoomOut', label: T('缩小', 'Zoom out'), group: 'view', keys: ['Mod+-'], icon: '−', run: (c) => c.canvas.zoomBy(1 / 1.2) },
  { id: 'view.fit', label: T('适应画布', 'Fit map'), group: 'view', keys: ['Mod+0'], icon: '⤢', run: (c) => c.canvas.fit() },
  { id: 'view.actualSize', label: T('实际大小', 'Actual size'), group: 'view', keys: ['Mod+Shift+0'], run: (c) => c.canvas.zoomTo(1) },
  {
    id: 'view.centre',
    label: T('居中显示选中主题', 'Centre on selection'),
    group: 'view',
    keys: ['Mod+Shift+C'],
    enabled: hasPrimary,
    run: (c) => c.canvas.centreOnTopic(primaryOf(c) as TopicId),
  },
  {
    id: 'view.focus',
    label: T('聚焦模式', 'Focus on branch'),
    group: 'view',
    keys: ['Mod+Shift+F'],
    run: ({ editor }) => editor.setFocus(editor.focusId ? null : editor.primary),
  },
  ...[1, 2, 3, 4].map(
    (n): Command => ({
      id: `view.expand${n}`,
      label: T(`展开到第 ${n} 级`, `Expand to level ${n}`),
      group: 'view',
      keys: [`Mod+Alt+${n}`],
      edits: true,
      run: (c) => expandToLevel(c.editor, n),
    }),
  ),
  {
    id: 'view.expandAll',
    label: T('全部展开', 'Expand all'),
    group: 'view',
    keys: ['Mod+Alt+0'],
    edits: true,
    run: (c) => expandToLevel(c.editor, 0),
  },
  { id: 'view.collapseAll', label: T('全部收起', 'Collapse all'), group: 'view', edits: true, run: (c) => expandToLevel(c.editor, 1) },
  { id: 'panel.outline', label: T('大纲视图', 'Outline'), group: 'view', keys: ['Mod+Shift+O'], run: (c) => c.app.toggleOutline() },
  { id: 'panel.topic', label: T('主题面板', 'Topic panel'), group: 'view', keys: ['Mod+Shift+P'], run: (c) => c.app.togglePanel() },
  { id: 'panel.source', label: T('原文视图', 'Source text'), group: 'view', keys: ['Mod+Shift+S'], run: (c) => c.app.toggleSource() },
  {
    id: 'help.shortcuts',
    label: T('快捷键', 'Keyboard shortcuts'),
    group: 'view',
    keys: ['?', 'Shift+?'],
    icon: '?',
    run: (c) => c.app.toggleShortcuts(),
  },
];

const byId = new Map(COMMANDS.map((c) => [c.id, c]));

export function command(id: string): Command | undefined {
  return byId.get(id);
}

export function isEnabled(cmd: Command, ctx: CommandContext): boolean {
  if (cmd.edits && ctx.editor.readonly) return false;
  return cmd.enabled ? cmd.enabled(ctx) : true;
}

/** Runs a command by id when it is enabled; true when it ran. */
export function runCommand(id: string, ctx: CommandContext): boolean {
  const cmd = byId.get(id);
  if (!cmd || !isEnabled(cmd, ctx)) return false;
  cmd.run(ctx);
  return true;
}
