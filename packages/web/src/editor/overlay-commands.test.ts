import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApproxMeasurer, DocBuilder } from '@arbor/core';
import { COMMANDS, type CommandContext, isEnabled } from './commands.ts';
import { Editor } from './editor.ts';
import { OVERLAY_COMMANDS } from './overlay-commands.ts';

test('overlay commands: ids unique, labels in both languages, shortcuts clash only with commands that step aside', () => {
  const ids = new Set(COMMANDS.map((c) => c.id));
  for (const c of OVERLAY_COMMANDS) {
    assert.ok(!ids.has(c.id), `${c.id} is new`);
    ids.add(c.id);
    assert.ok(c.label.zh && c.label.en && c.label.zh !== c.label.en, `${c.id} has both labels`);
  }
  // A relationship is selected with the topic selection emptied: the topic commands bound to the
  // same keys must then be disabled, so the keymap reaches the relationship's command.
  const b = new DocBuilder({ rootText: 'root' });
  b.add(b.rootId, { text: 'a' });
  const editor = new Editor({ doc: b.build(), measure: new ApproxMeasurer() });
  editor.select([]);
  const ctx = { editor, canvas: null, app: {} } as unknown as CommandContext;
  const shared = new Map<string, string[]>();
  for (const c of COMMANDS) for (const k of c.keys ?? []) shared.set(k, [...(shared.get(k) ?? []), c.id]);
  for (const c of OVERLAY_COMMANDS) {
    for (const k of c.keys ?? []) {
      for (const other of shared.get(k) ?? []) {
        const o = COMMANDS.find((x) => x.id === other);
        assert.ok(o && !isEnabled(o, ctx), `${k}: ${other} must step aside for ${c.id} when no topic is selected`);
      }
    }
  }
  const keys = OVERLAY_COMMANDS.flatMap((c) => c.keys ?? []);
  for (const k of ['Mod+Shift+R', 'Mod+]', 'Mod+Shift+B']) assert.ok(keys.includes(k), `XMind's ${k}`);
});
