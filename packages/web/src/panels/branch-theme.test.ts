import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyOps, DocBuilder, getTheme, levelStyle, stateFromDoc, themeList } from '@arbor/core';
import { branchThemeOps } from './branch-theme.ts';

test('a branch takes another theme’s looks as topic styles; the rest of the map is untouched', () => {
  const b = new DocBuilder({ rootText: '中心' });
  const a = b.add(b.rootId, { text: '甲' });
  const a1 = b.add(a, { text: '甲一', style: { fontSize: 30 } });
  const c = b.add(b.rootId, { text: '乙' });
  const state = stateFromDoc(b.build());
  const other = themeList().find((t) => t.name !== 'classic')?.name as string;
  applyOps(state, branchThemeOps(state, [a, state.rootId], other));
  const theme = getTheme(other);
  assert.ok(theme);
  assert.equal(state.topics.get(a)?.style?.fill, levelStyle(theme, 1).fill);
  assert.equal(state.topics.get(a1)?.style?.fill, levelStyle(theme, 2).fill);
  assert.equal(state.topics.get(a1)?.style?.fontSize, 30, 'a chosen font size stays');
  assert.equal(state.topics.get(c)?.style, undefined);
  assert.equal(state.topics.get(state.rootId)?.style, undefined);
  assert.deepEqual(branchThemeOps(state, [a], 'no-such-theme'), []);
});
