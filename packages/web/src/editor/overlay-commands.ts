// Commands for what is drawn across and around topics: relationships, summaries and boundaries.
// The app spreads OVERLAY_COMMANDS into the one registry (toolbar, context menu, shortcut panel).
// Shortcuts follow XMind: Ctrl+Shift+R relationship, Ctrl+] summary, Ctrl+Shift+B boundary.
// (Floating topics are `topic.addFloating` in commands.ts.)

import { T, tr } from '../app/i18n.ts';
import type { Command, CommandContext } from './commands.ts';
import { boundaryOps, linkPair, summaryOps } from './overlay-ops.ts';
import { relationshipTool } from './relationship-tool.ts';

const tool = (c: CommandContext) => relationshipTool(c.canvas, c.editor);

const canLink = ({ editor }: CommandContext) => {
  const n = editor.selection.filter((id) => editor.state.topics.has(id)).length;
  return n === 1 || n === 2;
};

const hasRange = ({ editor }: CommandContext) => {
  const p = editor.primary;
  const t = p ? editor.state.topics.get(p) : undefined;
  return Boolean(t && t.parentId !== null && !t.detached && t.summaryId === undefined);
};

export const OVERLAY_COMMANDS: Command[] = [
  {
    id: 'relationship.add',
    label: T('添加联系（两个主题之间）', 'Add relationship'),
    group: 'insert',
    keys: ['Mod+Shift+R'],
    icon: '↝',
    edits: true,
    enabled: canLink,
    run: (c) => {
      const { editor } = c;
      const pair = linkPair(editor.state, editor.selection, editor.primary);
      if (pair) {
        tool(c).link(pair[0], pair[1]);
        return;
      }
      // One topic selected: the next topic clicked is the target (Esc cancels).
      const from = editor.primary;
      if (from) {
        tool(c).startLink(from);
        editor.emit('notice', {
          kind: 'info',
          message: tr(T('请点击要联系的目标主题（Esc 取消）', 'Click the topic to link to (Esc cancels)')),
        });
      }
    },
  },
  {
    id: 'relationship.cancel',
    label: T('取消添加联系', 'Cancel relationship'),
    group: 'insert',
    keys: ['Escape'],
    enabled: (c) => tool(c).pendingFrom !== null,
    run: (c) => tool(c).cancel(),
  },
  {
    id: 'relationship.editLabel',
    label: T('编辑联系标签', 'Edit relationship label'),
    group: 'edit',
    keys: ['F2', 'Enter'],
    edits: true,
    enabled: (c) => tool(c).selected !== null && c.editor.selection.length === 0,
    run: (c) => {
      const t = tool(c);
      if (t.selected) t.editLabel(t.selected);
    },
  },
  {
    id: 'relationship.delete',
    label: T('删除联系', 'Delete relationship'),
    group: 'edit',
    keys: ['Delete', 'Backspace'],
    edits: true,
    enabled: (c) => tool(c).selected !== null && c.editor.selection.length === 0,
    run: (c) => {
      const t = tool(c);
      if (t.selected) t.remove(t.selected);
    },
  },
  {
    id: 'summary.add',
    label: T('添加概要', 'Add summary'),
    group: 'insert',
    keys: ['Mod+]'],
    icon: '}',
    edits: true,
    enabled: hasRange,
    run: ({ editor }) => {
      const made = summaryOps(editor.state, editor.primary, editor.selection, tr(T('概要', 'Summary')));
      if (made && editor.apply(made.ops)) editor.startEditing(made.topicId, true);
    },
  },
  {
    id: 'boundary.add',
    label: T('添加外框', 'Add boundary'),
    group: 'insert',
    keys: ['Mod+Shift+B'],
    icon: '⬚',
    edits: true,
    enabled: hasRange,
    run: ({ editor }) => {
      const ops = boundaryOps(editor.state, editor.primary, editor.selection);
      if (ops) editor.apply(ops);
    },
  },
];
