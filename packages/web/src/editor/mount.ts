// Mounts the editor into an element: the model, the canvas, the text editor that holds the keyboard
// focus, pointer input, the minimap, the keymap and the clipboard. The app's editor screen and the
// peer benchmark both use this, so what is measured is what people use.

import { createId, type MindDoc, type NewTopic, type Op, type TextMeasurer, type TopicId } from '@arbor/core';
import { T, tr } from '../app/i18n.ts';
import { MapCanvas } from '../canvas/canvas.ts';
import { attachInput } from '../canvas/input.ts';
import { Minimap } from '../canvas/minimap.ts';
import { CanvasMeasurer } from '../canvas-measurer.ts';
import { copySubtrees, imageFromClipboard, readClipboard } from './clipboard/index.ts';
import { type AppHooks, COMMANDS, type Command, type CommandContext, isEnabled, runCommand } from './commands.ts';
import { Editor } from './editor.ts';
import { Keymap } from './keymap.ts';
import { OVERLAY_COMMANDS } from './overlay-commands.ts';
import { TextEditor } from './text-editor.ts';

export interface MountOptions {
  doc: MindDoc;
  readonly?: boolean;
  measure?: TextMeasurer;
  minimap?: boolean;
  /** Dialogs and panels the app offers; the defaults do nothing. */
  hooks?: Partial<AppHooks>;
  /** Asked before a paste creates this many topics or more (default: the browser's confirm). */
  confirmLargePaste?(count: number): Promise<boolean>;
}

export interface EditorView {
  editor: Editor;
  canvas: MapCanvas;
  text: TextEditor;
  keymap: Keymap;
  ctx: CommandContext;
  run(id: string): boolean;
  /** Pastes clipboard contents as topics under the primary topic (or an image into it). */
  pasteData(data: { text?: string; html?: string; json?: string; files?: File[] }): Promise<void>;
  destroy(): void;
}

/** Pastes at or above this many topics ask first. */
export const LARGE_PASTE = 1000;

/** A clipboard copy of the last subtrees copied, for browsers that refuse to read the system clipboard. */
let lastCopy: { text: string; html: string; json: string } | null = null;

export function mountEditor(host: HTMLElement, options: MountOptions): EditorView {
  const measure = options.measure ?? CanvasMeasurer.create();
  const editor = new Editor({ doc: options.doc, measure, readonly: options.readonly });
  const canvas = new MapCanvas(host, editor);
  // The registry: structure, editing and view commands, and the overlays' (relationships, summaries, boundaries).
  const commands: readonly Command[] = [...COMMANDS, ...OVERLAY_COMMANDS];
  const keymap = new Keymap(commands);
  const noop = () => {};
  const hooks: AppHooks = {
    openSearch: noop,
    toggleShortcuts: noop,
    toggleOutline: noop,
    togglePanel: noop,
    toggleSource: noop,
    copy: (cut) => {
      // Keyboard copy goes through the copy event (below); a menu click uses the async clipboard.
      void copyToClipboard(cut);
    },
    paste: () => void pasteFromClipboard(),
    ...options.hooks,
  };
  const ctx: CommandContext = { editor, canvas, app: hooks };

  const newId = (): TopicId => createId('t') as TopicId;

  const subtreeRoots = (): TopicId[] => editor.selection.filter((id) => editor.state.topics.has(id));

  const copyToClipboard = async (cut: boolean) => {
    const ids = subtreeRoots();
    if (!ids.length) return;
    const data = copySubtrees(editor.state, ids);
    lastCopy = data;
    try {
      await navigator.clipboard.write([
        new ClipboardItem({
          'text/plain': new Blob([data.text], { type: 'text/plain' }),
          'text/html': new Blob([data.html], { type: 'text/html' }),
        }),
      ]);
    } catch {
      // No permission: the in-page copy still pastes within this tab.
    }
    if (cut) runCommand('topic.delete', ctx);
  };

  const pasteData = async (data: { text?: string; html?: string; json?: string; files?: File[] }) => {
    const primary = editor.primary;
    if (!primary || editor.readonly) return;
    if (data.files?.length && !data.text && !data.html) {
      const img = await imageFromClipboard(data.files);
      if (img)
        editor.apply({ type: 'topic.update', id: primary, patch: { image: { src: img.src, width: img.width, height: img.height } } });
      return;
    }
    const content = readClipboard({ text: data.text, html: data.html, json: data.json }, newId);
    if (!content || content.topics.length === 0) return;
    if (content.count >= LARGE_PASTE) {
      const ask =
        options.confirmLargePaste ??
        (async (n: number) => window.confirm(tr(T(`粘贴将创建 ${n} 个主题，继续吗？`, `This paste creates ${n} topics. Continue?`))));
      if (!(await ask(content.count))) return;
    }
    const target = editor.state.topics.get(primary);
    const parentId = primary;
    const ops: Op[] = content.topics.map((topic: NewTopic) => ({ type: 'topic.create', parentId, topic }) as Op);
    if (target?.folded) ops.unshift({ type: 'topic.update', id: primary, patch: { folded: null } });
    ops.push(...content.extraOps);
    if (editor.apply(ops)) editor.select(content.topics.map((t) => t.id));
  };

  const pasteFromClipboard = async () => {
    try {
      const items = await navigator.clipboard.read();
      const data: { text?: string; html?: string; files?: File[] } = {};
      for (const item of items) {
        for (const type of item.types) {
          const blob = await item.getType(type);
          if (type === 'text/plain') data.text = await blob.text();
          else if (type === 'text/html') data.html = await blob.text();
          else if (type.startsWith('image/')) (data.files ??= []).push(new File([blob], 'pasted', { type }));
        }
      }
      await pasteData(data);
    } catch {
      if (lastCopy) await pasteData(lastCopy);
    }
  };

  const text = new TextEditor(canvas, editor, {
    onShortcut: (e) => {
      // Copy, cut and paste go through their clipboard events (the browser allows it there).
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && ['c', 'x', 'v'].includes(e.key.toLowerCase())) return false;
      return keymap.handle(e, ctx);
    },
    onTabCommit: () => runCommand('topic.addChild', ctx),
    onCopy: (e, cut) => {
      const ids = subtreeRoots();
      if (!ids.length || !e.clipboardData) return;
      e.preventDefault();
      const data = copySubtrees(editor.state, ids);
      lastCopy = data;
      e.clipboardData.setData('text/plain', data.text);
      e.clipboardData.setData('text/html', data.html);
      try {
        e.clipboardData.setData('web application/x-arbor+json', data.json);
      } catch {
        // Custom types are optional: the HTML carries the same payload.
      }
      if (cut) runCommand('topic.delete', ctx);
    },
    onPaste: (e) => {
      e.preventDefault();
      const cd = e.clipboardData;
      if (!cd) return;
      const files = Array.from(cd.files);
      void pasteData({
        text: cd.getData('text/plain') || undefined,
        html: cd.getData('text/html') || undefined,
        json: cd.getData('web application/x-arbor+json') || undefined,
        files,
      });
    },
  });

  const detachInput = attachInput(canvas, editor, {
    focus: () => text.focus(),
    contextMenu: (x, y) => hooks.contextMenu?.(x, y),
    openLink: (href) => {
      if (/^(https?:|mailto:)/i.test(href)) window.open(href, '_blank', 'noopener,noreferrer');
    },
  });
  if (options.minimap !== false) new Minimap(canvas);
  canvas.renderNow();
  text.focus();
  const warm = warmUpWhenIdle(editor);

  return {
    editor,
    canvas,
    text,
    keymap,
    ctx,
    run: (id) => {
      const cmd = commands.find((c) => c.id === id);
      if (!cmd || !isEnabled(cmd, ctx)) return false;
      cmd.run(ctx);
      return true;
    },
    pasteData,
    destroy: () => {
      warm();
      detachInput();
      text.destroy();
      canvas.destroy();
    },
  };
}

/**
 * The first edit of a fresh page ran its layout and drawing code cold (the JIT had not seen it):
 * 30–50 ms of work at 20,000 topics against 5 ms warm. Once the page is idle after opening, one
 * layout of an unchanged topic walks the same incremental path (the result is identical and the
 * canvas redraws nothing new). Returns a function that cancels it.
 */
function warmUpWhenIdle(editor: Editor): () => void {
  if (typeof requestIdleCallback !== 'function' || editor.state.topics.size < 2000) return () => {};
  const handle = requestIdleCallback(
    () => {
      const root = editor.state.rootId;
      for (const id of editor.layout.boxes.keys()) {
        if (id === root) continue;
        editor.relayout([id]);
        return;
      }
    },
    { timeout: 3000 },
  );
  return () => cancelIdleCallback(handle);
}
