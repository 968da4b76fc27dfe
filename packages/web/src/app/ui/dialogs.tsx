// Small overlays: the context menu, the shortcut panel and notices. Keyboard: Esc closes, focus
// moves into a dialog and back to the canvas when it closes.

import { useEffect, useRef } from 'preact/hooks';
import { COMMANDS, type Command, type CommandGroup, isEnabled } from '../../editor/commands.ts';
import { shortcutLabel } from '../../editor/keymap.ts';
import type { EditorView } from '../../editor/mount.ts';
import { T, tr } from '../i18n.ts';

const MENU = [
  'topic.addChild',
  'topic.addSibling',
  'topic.addSiblingBefore',
  'topic.addParent',
  null,
  'clipboard.copy',
  'clipboard.cut',
  'clipboard.paste',
  'topic.delete',
  null,
  'topic.fold',
  'view.focus',
  'view.centre',
  'topic.edit',
];

export function ContextMenu({
  view,
  x,
  y,
  extra,
  onClose,
}: {
  view: EditorView;
  x: number;
  y: number;
  extra: readonly Command[];
  onClose(): void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button:not([disabled])')?.focus();
    const close = (e: Event) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', close, true);
    return () => window.removeEventListener('pointerdown', close, true);
  }, []);
  const all = [...COMMANDS, ...extra];
  const items = [...MENU, null, ...extra.map((c) => c.id)];
  const left = Math.min(x, window.innerWidth - 240);
  const top = Math.min(y, window.innerHeight - 40 - items.length * 30);
  return (
    <div
      ref={ref}
      class="context-menu arbor-ui"
      role="menu"
      style={{ left: `${Math.max(4, left)}px`, top: `${Math.max(4, top)}px` }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not([disabled])') ?? [])];
          const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
          buttons[(i + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
        }
      }}
    >
      {items.map((id, i) => {
        if (id === null) return <hr key={`sep${i}`} />;
        const c = all.find((k) => k.id === id);
        if (!c || (c.edits && view.editor.readonly)) return null;
        return (
          <button
            type="button"
            role="menuitem"
            key={id}
            disabled={!isEnabled(c, view.ctx)}
            onClick={() => {
              onClose();
              view.run(c.id);
              view.text.focus();
            }}
          >
            <span>{tr(c.label)}</span>
            {c.keys?.[0] ? <kbd>{shortcutLabel(c.keys[0])}</kbd> : null}
          </button>
        );
      })}
    </div>
  );
}

const GROUPS: [CommandGroup, { zh: string; en: string }][] = [
  ['insert', T('插入', 'Insert')],
  ['edit', T('编辑', 'Edit')],
  ['clipboard', T('剪贴板', 'Clipboard')],
  ['history', T('撤销与重做', 'Undo and redo')],
  ['select', T('选择', 'Selection')],
  ['view', T('视图', 'View')],
  ['map', T('导图', 'Map')],
];

export function ShortcutPanel({ extra, onClose }: { extra: readonly Command[]; onClose(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const key = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    const outside = (e: PointerEvent) => ref.current && !ref.current.contains(e.target as Node) && onClose();
    window.addEventListener('keydown', key);
    window.addEventListener('pointerdown', outside);
    return () => {
      window.removeEventListener('keydown', key);
      window.removeEventListener('pointerdown', outside);
    };
  }, []);
  const all = [...COMMANDS, ...extra].filter((c) => c.keys?.length);
  return (
    <div class="dialog-backdrop arbor-ui">
      <div ref={ref} class="dialog shortcuts" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title">
        <div class="dialog-head">
          <h2 id="shortcuts-title">{tr(T('键盘快捷键', 'Keyboard shortcuts'))}</h2>
          <button type="button" class="close" aria-label={tr(T('关闭', 'Close'))} onClick={onClose}>
            ×
          </button>
        </div>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take keyboard focus (WCAG, axe scrollable-region-focusable) */}
        <section class="shortcut-groups" tabIndex={0} aria-label={tr(T('快捷键列表', 'Shortcut list'))}>
          {GROUPS.map(([g, label]) => {
            const list = all.filter((c) => c.group === g);
            if (!list.length) return null;
            return (
              <section key={g}>
                <h3>{tr(label)}</h3>
                <dl>
                  {list.map((c) => (
                    <div key={c.id} class="shortcut-row">
                      <dt>{tr(c.label)}</dt>
                      <dd>
                        {(c.keys ?? []).map((k) => (
                          <kbd key={k}>{shortcutLabel(k)}</kbd>
                        ))}
                      </dd>
                    </div>
                  ))}
                </dl>
              </section>
            );
          })}
          <section>
            <h3>{tr(T('输入文字时', 'While typing'))}</h3>
            <dl>
              <div class="shortcut-row">
                <dt>{tr(T('确认', 'Commit'))}</dt>
                <dd>
                  <kbd>Enter</kbd>
                </dd>
              </div>
              <div class="shortcut-row">
                <dt>{tr(T('换行', 'New line'))}</dt>
                <dd>
                  <kbd>{shortcutLabel('Shift+Enter')}</kbd>
                </dd>
              </div>
              <div class="shortcut-row">
                <dt>{tr(T('取消', 'Cancel'))}</dt>
                <dd>
                  <kbd>Esc</kbd>
                </dd>
              </div>
            </dl>
          </section>
        </section>
      </div>
    </div>
  );
}

export interface NoticeItem {
  id: number;
  kind: 'info' | 'error';
  message: string;
}

export function Notices({ items, onDismiss }: { items: readonly NoticeItem[]; onDismiss(id: number): void }) {
  return (
    <div class="notices arbor-ui" role="status" aria-live="polite">
      {items.map((n) => (
        <div key={n.id} class={`notice notice-${n.kind}`}>
          <span>{n.message}</span>
          <button type="button" aria-label={tr(T('关闭提示', 'Dismiss'))} onClick={() => onDismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
