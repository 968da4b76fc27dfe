// Keyboard shortcuts → commands. A chord is written `Mod+Shift+Z`: `Mod` is ⌘ on a Mac and Ctrl
// elsewhere. For keys whose character already says Shift (`?`, `+`), Shift is left out.

import { COMMANDS, type Command, type CommandContext, isEnabled } from './commands.ts';

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad|iPod/.test(navigator.platform || navigator.userAgent);

const NAMED: Record<string, string> = {
  ' ': 'Space',
  Esc: 'Escape',
  Del: 'Delete',
  Left: 'ArrowLeft',
  Right: 'ArrowRight',
  Up: 'ArrowUp',
  Down: 'ArrowDown',
};

/** The chord of a key event, e.g. `Mod+Shift+Z`, `Tab`, `?`. */
export function chordOf(e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): string {
  let key = NAMED[e.key] ?? e.key;
  // With Alt (Option on a Mac) `key` is a special character: use the physical digit or letter.
  if (e.altKey && /^(Digit|Key)[0-9A-Z]$/.test(e.code)) key = e.code.slice(-1);
  // Shift+digit types a symbol on most layouts: keep the digit.
  else if (e.shiftKey && /^Digit[0-9]$/.test(e.code) && (e.ctrlKey || e.metaKey)) key = e.code.slice(-1);
  const printable = key.length === 1;
  if (printable) key = key.toUpperCase();
  const mod = isMac ? e.metaKey : e.ctrlKey;
  const parts: string[] = [];
  if (mod) parts.push('Mod');
  if (isMac && e.ctrlKey) parts.push('Ctrl');
  if (e.altKey) parts.push('Alt');
  if (e.shiftKey && (!printable || /[A-Z0-9]/.test(key))) parts.push('Shift');
  parts.push(key);
  return parts.join('+');
}

/** How a shortcut reads on this platform: `⌘⇧Z` on a Mac, `Ctrl+Shift+Z` elsewhere. */
export function shortcutLabel(chord: string): string {
  const parts = chord.split('+').map((p) => (p === '' ? '+' : p));
  // `Mod++` splits into Mod, '', '': put the plus back.
  const clean = chord.endsWith('++') ? [...chord.slice(0, -2).split('+'), '+'] : parts;
  const names: Record<string, [string, string]> = {
    Mod: ['⌘', 'Ctrl'],
    Ctrl: ['⌃', 'Ctrl'],
    Alt: ['⌥', 'Alt'],
    Shift: ['⇧', 'Shift'],
    Enter: ['↩', 'Enter'],
    ArrowUp: ['↑', '↑'],
    ArrowDown: ['↓', '↓'],
    ArrowLeft: ['←', '←'],
    ArrowRight: ['→', '→'],
    Backspace: ['⌫', 'Backspace'],
    Delete: ['⌦', 'Delete'],
    Escape: ['Esc', 'Esc'],
    Space: ['Space', 'Space'],
  };
  const out = clean.map((p) => names[p]?.[isMac ? 0 : 1] ?? p);
  return isMac ? out.join('') : out.join('+');
}

export class Keymap {
  private readonly map = new Map<string, Command[]>();

  constructor(commands: readonly Command[] = COMMANDS) {
    for (const c of commands) {
      for (const k of c.keys ?? []) {
        const chord = normalise(k);
        const list = this.map.get(chord) ?? [];
        list.push(c);
        this.map.set(chord, list);
      }
    }
  }

  /** Runs the command bound to the event's chord; true when one ran (the caller prevents the default). */
  handle(e: KeyboardEvent, ctx: CommandContext): boolean {
    const list = this.map.get(chordOf(e));
    if (!list) return false;
    for (const c of list) {
      if (!isEnabled(c, ctx)) continue;
      c.run(ctx);
      return true;
    }
    // A bound chord that is disabled still belongs to the editor (Tab must not leave the canvas).
    return list.some((c) => c.keys?.some((k) => k === 'Tab'));
  }
}

/** Shortcuts as written in the registry, in the form `chordOf` gives. */
function normalise(k: string): string {
  if (k.endsWith('++')) return `${k.slice(0, -1)}+`;
  const parts = k.split('+');
  const key = parts.pop() as string;
  const printable = key.length === 1;
  const mods = parts.filter((p) => !(p === 'Shift' && printable && !/[A-Za-z0-9]/.test(key)));
  return [...mods, printable ? key.toUpperCase() : key].join('+');
}
