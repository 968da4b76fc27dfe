import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeColor } from './color.ts';
import { getTheme, levelStyle, registerTheme, resolveTheme, themeList, themeNames } from './themes.ts';

test('at least eight built-in themes, each with a 中文 label and complete levels', () => {
  const names = themeNames();
  assert.ok(names.length >= 8);
  for (const n of ['classic', 'dark', 'rainbow', 'minimal', 'sketchy', 'business', 'fresh', 'ink']) assert.ok(names.includes(n), n);
  for (const { name, label } of themeList()) {
    assert.match(label, /\p{Script=Han}/u, name);
    const t = getTheme(name)!;
    assert.equal(t.levels.length, 3);
    for (const l of t.levels) {
      assert.ok(l.fontSize > 0 && l.paddingX >= 0 && l.paddingY >= 0);
      assert.equal(safeColor(l.color, 'bad'), l.color);
    }
    assert.ok(t.maxTextWidth > 0 && t.hGap > 0 && t.vGap > 0);
  }
  assert.ok(
    names.some((n) => getTheme(n)!.branchColors?.length),
    'a rainbow theme',
  );
  assert.ok(
    names.some((n) => getTheme(n)!.sketchy),
    'a hand-drawn theme',
  );
  assert.ok(names.some((n) => getTheme(n)!.background !== '#ffffff' && safeColor(getTheme(n)!.background, '') === getTheme(n)!.background));
});

test('levelStyle clamps deep levels to the subtopic style; unknown names are undefined', () => {
  const t = getTheme('classic')!;
  assert.equal(levelStyle(t, 7), t.levels[2]);
  assert.equal(getTheme('no-such-theme'), undefined);
  assert.equal(getTheme(undefined)?.name, 'classic');
});

test('registerTheme adds a theme', () => {
  registerTheme({ ...getTheme('classic')!, name: 'test-extra', label: '测试' });
  assert.ok(themeNames().includes('test-extra'));
});

test('resolveTheme applies colour overrides and ignores anything else', () => {
  const t = resolveTheme({
    name: 'dark',
    overrides: { background: '#000', relationshipColor: 'javascript:x', branchColors: 'red, #00ff00, url(x)' },
  });
  assert.equal(t.background, '#000');
  assert.equal(t.relationshipColor, getTheme('dark')!.relationshipColor);
  assert.deepEqual(t.branchColors, ['red', '#00ff00']);
  assert.equal(resolveTheme({ name: 'missing' }).name, 'classic');
  assert.equal(getTheme('dark')!.background, '#1e222b', 'the registered theme is not modified');
});
