// The toolbar: buttons for commands of the registry (the same ids the keymap and the context menu use).

import { COMMANDS, type Command, isEnabled } from '../../editor/commands.ts';
import { shortcutLabel } from '../../editor/keymap.ts';
import type { EditorView } from '../../editor/mount.ts';
import { tr } from '../i18n.ts';
import { useEditorEvents } from '../use-editor.ts';
import { Icon } from './icons.tsx';

const TOOLBAR = [
  'topic.addChild',
  'topic.addSibling',
  'topic.addParent',
  'topic.delete',
  'history.undo',
  'history.redo',
  'topic.fold',
  'find',
];

export function commandTitle(c: Command): string {
  const key = c.keys?.[0];
  return key ? `${tr(c.label)} (${shortcutLabel(key)})` : tr(c.label);
}

export function Toolbar({ view, extra }: { view: EditorView; extra?: readonly Command[] }) {
  useEditorEvents(view.editor, ['selection', 'change']);
  const all = [...COMMANDS, ...(extra ?? [])];
  const list = TOOLBAR.map((id) => all.find((c) => c.id === id)).filter((c): c is Command => !!c && !(c.edits && view.editor.readonly));
  return (
    <div class="toolbar-group">
      {list.map((c) => (
        <button
          type="button"
          key={c.id}
          class="tool"
          data-command={c.id}
          title={commandTitle(c)}
          aria-label={commandTitle(c)}
          disabled={!isEnabled(c, view.ctx)}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => {
            view.run(c.id);
            view.text.focus();
          }}
        >
          <Icon id={c.id} />
          <span class="tool-label">{tr(c.label)}</span>
        </button>
      ))}
    </div>
  );
}
