// A modal dialog for the app's own dialogs (share, history, export, import, files' prompts):
// focus moves in on open, stays inside while open (Tab wraps), and goes back to where it was on
// close; Esc and the close button close it.

import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { T, tr } from '../i18n.ts';
import './dialogs.css';

let seq = 0;

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled])';

export function Modal({
  title,
  onClose,
  children,
  wide,
  class: extra,
}: {
  title: string;
  onClose(): void;
  children: ComponentChildren;
  wide?: boolean;
  class?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const id = useRef(`dlg-${++seq}`);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('[data-autofocus], input, select, textarea, button:not(.close)');
    (first ?? ref.current?.querySelector<HTMLElement>('button'))?.focus();
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onClose();
      }
    };
    // Tab and Shift+Tab go round the dialog's own controls, never to the page behind it.
    const dialog = ref.current;
    const tab = (e: KeyboardEvent) => {
      if (e.key !== 'Tab' || !dialog) return;
      const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) return;
      const at = document.activeElement;
      if (e.shiftKey && (at === first || !dialog.contains(at))) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (at === last || !dialog.contains(at))) {
        e.preventDefault();
        first.focus();
      }
    };
    window.addEventListener('keydown', key, true);
    dialog?.addEventListener('keydown', tab);
    return () => {
      window.removeEventListener('keydown', key, true);
      dialog?.removeEventListener('keydown', tab);
      before?.focus?.();
    };
  }, []);
  return (
    <div
      class="dialog-backdrop arbor-ui"
      onPointerDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div
        ref={ref}
        class={`dialog app-dialog${wide ? ' wide' : ''}${extra ? ` ${extra}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={id.current}
      >
        <div class="dialog-head">
          <h2 id={id.current}>{title}</h2>
          <button type="button" class="close" aria-label={tr(T('关闭', 'Close'))} onClick={onClose}>
            ×
          </button>
        </div>
        <div class="dialog-body">{children}</div>
      </div>
    </div>
  );
}

/** A one-field prompt (rename, new folder): resolves through onDone with the trimmed text. */
export function PromptDialog({
  title,
  label,
  initial,
  submit,
  onDone,
}: {
  title: string;
  label: string;
  initial?: string;
  submit: string;
  onDone(value: string | null): void;
}) {
  return (
    <Modal title={title} onClose={() => onDone(null)}>
      <form
        class="form-rows"
        onSubmit={(e) => {
          e.preventDefault();
          const v = String(new FormData(e.currentTarget).get('value') ?? '').trim();
          if (v) onDone(v);
        }}
      >
        <label>
          {label}
          <input name="value" required maxLength={200} value={initial ?? ''} data-autofocus />
        </label>
        <div class="actions">
          <button type="submit" class="primary">
            {submit}
          </button>
          <button type="button" class="secondary" onClick={() => onDone(null)}>
            {tr(T('取消', 'Cancel'))}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Formats a time stamp (ms) in the user's language. */
export function formatTime(ms: number, lang: 'zh' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}
