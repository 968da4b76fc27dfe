// Text editing with input methods (issue 14 §4). One contenteditable element is the canvas's
// keyboard focus at all times: idle and invisible over the selected topic, it takes the shortcuts;
// the first character typed — or the first composition an input method starts — turns it into the
// visible editor of that topic, with the composition still going on in the same element, so no
// character is lost or doubled. While composing, Enter, Tab, arrows and Esc belong to the input
// method. Typing is shown live as a preview and becomes one undo step when the edit ends.

import type { TopicId } from '@arbor/core';
import { T, tr } from '../app/i18n.ts';
import type { MapCanvas } from '../canvas/canvas.ts';
import type { Editor } from './editor.ts';

export interface TextEditorHooks {
  /** A key while not editing: true when a shortcut took it. */
  onShortcut(e: KeyboardEvent): boolean;
  /** Tab while editing: commit, then add a child (XMind). */
  onTabCommit?(): void;
  onPaste?(e: ClipboardEvent): void;
  onCopy?(e: ClipboardEvent, cut: boolean): void;
}

const supportsPlaintextOnly = (): boolean => {
  const d = document.createElement('div');
  d.setAttribute('contenteditable', 'plaintext-only');
  return d.contentEditable === 'plaintext-only';
};

export class TextEditor {
  readonly el: HTMLDivElement;
  private editingId: TopicId | null = null;
  private composing = false;
  private readonly off: (() => void)[] = [];

  constructor(
    private readonly canvas: MapCanvas,
    private readonly editor: Editor,
    private readonly hooks: TextEditorHooks,
  ) {
    const el = document.createElement('div');
    el.className = 'arbor-text-editor idle';
    el.setAttribute('role', 'textbox');
    el.setAttribute('aria-multiline', 'true');
    el.setAttribute('spellcheck', 'false');
    el.setAttribute('autocapitalize', 'off');
    el.tabIndex = 0;
    // Placed by transform over the canvas; invisible while idle even without the app's stylesheet.
    Object.assign(el.style, { position: 'absolute', left: '0', top: '0', zIndex: '5', opacity: '0' });
    el.contentEditable = editor.readonly ? 'false' : supportsPlaintextOnly() ? 'plaintext-only' : 'true';
    this.el = el;
    canvas.root.appendChild(el);
    this.updateLabel();

    el.addEventListener('keydown', (e) => this.onKeyDown(e));
    el.addEventListener('compositionstart', () => {
      this.composing = true;
      if (!this.editingId) this.begin(this.editor.primary, 'replace');
    });
    el.addEventListener('compositionend', () => {
      this.composing = false;
      this.preview();
    });
    el.addEventListener('beforeinput', (e) => {
      if (this.editor.readonly) {
        e.preventDefault();
        return;
      }
      if (!this.editingId && !this.composing) {
        // Typing on a selected topic replaces its text, as in XMind.
        if (e.inputType.startsWith('insert') && e.inputType !== 'insertFromPaste' && e.inputType !== 'insertFromDrop')
          this.begin(this.editor.primary, 'replace');
        else e.preventDefault();
      }
    });
    el.addEventListener('input', () => this.preview());
    el.addEventListener('blur', () => {
      if (this.editingId && !this.composing) this.commit();
    });
    el.addEventListener('paste', (e) => {
      if (this.editingId) {
        // Plain text only, whatever the source offered.
        e.preventDefault();
        const text = e.clipboardData?.getData('text/plain') ?? '';
        document.execCommand('insertText', false, text);
        return;
      }
      hooks.onPaste?.(e);
    });
    el.addEventListener('copy', (e) => {
      if (!this.editingId) hooks.onCopy?.(e, false);
    });
    el.addEventListener('cut', (e) => {
      if (!this.editingId) hooks.onCopy?.(e, true);
    });
    this.off.push(
      editor.on('edit', ({ id, selectAll, initial }) => this.begin(id, selectAll ? 'select' : 'caret', initial)),
      editor.on('selection', () => {
        if (this.editingId && this.editingId !== this.editor.primary) this.commit();
        this.updateLabel();
        this.place();
      }),
      editor.on('change', () => {
        if (this.editingId && !this.editor.state.topics.has(this.editingId)) this.end();
      }),
    );
    const prev = canvas.onFrame;
    canvas.onFrame = () => {
      prev?.();
      this.place();
    };
  }

  get editing(): TopicId | null {
    return this.editingId;
  }

  get isComposing(): boolean {
    return this.composing;
  }

  focus(): void {
    this.el.focus({ preventScroll: true });
  }

  destroy(): void {
    for (const f of this.off) f();
    this.el.remove();
  }

  private updateLabel(): void {
    const id = this.editor.primary;
    const t = id ? this.editor.state.topics.get(id) : undefined;
    const what = t ? t.text.slice(0, 80) : '';
    this.el.setAttribute('aria-label', `${tr(T('主题', 'Topic'))}: ${what}`);
  }

  private onKeyDown(e: KeyboardEvent): void {
    // The input method's keys: never a shortcut, never a commit. (Safari sends the Enter that
    // ends a composition after compositionend, with keyCode 229: caught here too.)
    if (this.composing || e.isComposing || e.keyCode === 229) return;
    if (!this.editingId) {
      if (this.hooks.onShortcut(e)) e.preventDefault();
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey) {
      e.preventDefault();
      this.commit();
      if (e.ctrlKey || e.metaKey) return;
      return;
    }
    if (e.key === 'Tab') {
      e.preventDefault();
      this.commit();
      this.hooks.onTabCommit?.();
      return;
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      this.cancel();
    }
  }

  /** Opens the editor on a topic: `replace` starts from empty (typing replaces), `select` selects the text, `caret` puts the caret at the end. */
  private begin(id: TopicId | null, mode: 'replace' | 'select' | 'caret', initial?: string): void {
    if (!id || this.editor.readonly) return;
    const t = this.editor.state.topics.get(id);
    if (!t) return;
    if (this.editingId && this.editingId !== id) this.commit();
    this.editingId = id;
    this.editor.editingId = id;
    this.el.classList.remove('idle');
    this.el.style.opacity = '1';
    this.el.classList.add('editing');
    if (mode !== 'replace') {
      this.el.textContent = initial ?? t.text;
      this.focus();
      const range = document.createRange();
      range.selectNodeContents(this.el);
      if (mode === 'caret') range.collapse(false);
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
    }
    this.place();
  }

  /** The text being typed (line breaks kept, the trailing break a contenteditable adds dropped). */
  private read(): string {
    // biome-ignore lint/performance/useDomNodeTextContent: innerText turns the editor's line breaks into \n
    return (this.el.innerText ?? this.el.textContent ?? '').replace(/\r\n?/g, '\n').replace(/\n$/, '');
  }

  private preview(): void {
    const id = this.editingId;
    if (!id) return;
    const t = this.editor.state.topics.get(id);
    if (!t) return;
    const text = this.read();
    // Saved as it is typed (a reload loses nothing), except the letters an input method is still composing.
    if (text !== t.text) this.editor.applyPreview({ type: 'topic.update', id, patch: { text } }, `text:${id}`, { save: !this.composing });
    else if (!this.composing) this.editor.savePreview();
  }

  commit(): void {
    if (!this.editingId) return;
    this.preview();
    this.editor.commitPreview();
    this.end();
  }

  cancel(): void {
    if (!this.editingId) return;
    this.editor.cancelPreview();
    this.end();
  }

  private end(): void {
    this.editingId = null;
    this.editor.editingId = null;
    this.el.classList.remove('editing');
    this.el.classList.add('idle');
    this.el.style.opacity = '0';
    if (!this.composing) this.el.textContent = '';
    this.updateLabel();
    this.place();
    this.focus();
  }

  /** Puts the element over the topic's text (editing) or its box (idle: the input method's window opens there). */
  place(): void {
    const id = this.editingId ?? this.editor.primary;
    const box = id ? this.editor.layout.boxes.get(id) : undefined;
    const s = this.el.style;
    if (!box) {
      s.transform = 'translate(-9999px, 0)';
      return;
    }
    const z = this.canvas.camera.zoom;
    const cam = this.canvas.camera;
    const text = box.parts.text;
    const font = box.text.font;
    const x = (box.x + text.x - cam.x) * z;
    const y = (box.y + text.y - cam.y) * z;
    s.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
    s.minWidth = `${Math.max(24, text.width * z)}px`;
    s.minHeight = `${text.height * z}px`;
    s.fontSize = `${font.size * z}px`;
    s.lineHeight = `${(box.text.lineHeight || font.size * 1.4) * z}px`;
    s.fontWeight = font.bold ? 'bold' : 'normal';
    s.fontStyle = font.italic ? 'italic' : 'normal';
    s.fontFamily = font.family ?? '';
    s.maxWidth = `${Math.max(text.width, 480) * z}px`;
  }
}
