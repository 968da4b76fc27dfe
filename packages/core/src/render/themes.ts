// The theme registry and the `classic` theme. Each theme carries both looks and the metrics
// layout needs; the other built-in themes live in theme-catalog.ts.

import type { ThemeRef } from '../model.ts';
import { safeColor } from './color.ts';
import { BUILT_IN_THEMES } from './theme-catalog.ts';
import { level, SANS_FONT } from './theme-level.ts';
import type { LevelStyle, Theme } from './theme-types.ts';

/** XMind-like default: dark root, outlined main topics, plain subtopics. */
export const classicTheme: Theme = {
  name: 'classic',
  label: '经典',
  background: '#ffffff',
  fontFamily: SANS_FONT,
  levels: [
    level({
      fontSize: 24,
      bold: true,
      fill: '#2f3e5c',
      color: '#ffffff',
      shape: 'rounded',
      paddingX: 24,
      paddingY: 14,
      lineColor: '#5b6b8c',
      lineWidth: 2.5,
    }),
    level({
      fontSize: 17,
      fill: '#e8eef9',
      color: '#1f2a3d',
      borderColor: '#5b6b8c',
      borderWidth: 1.5,
      paddingX: 16,
      paddingY: 9,
      lineColor: '#7d8aa5',
      lineWidth: 2,
    }),
    level({ fontSize: 14, fill: 'none', color: '#333333', shape: 'underline', paddingX: 6, paddingY: 5 }),
  ],
  connector: 'curve',
  relationshipColor: '#d0652a',
  summaryColor: '#5b6b8c',
  boundaryColor: '#5b6b8c',
  boundaryFill: 'rgba(91,107,140,0.08)',
  maxTextWidth: 240,
  hGap: 40,
  vGap: 12,
};

const registry = new Map<string, Theme>([[classicTheme.name, classicTheme]]);
for (const t of BUILT_IN_THEMES) registry.set(t.name, t);

/** Adds a theme to the registry (used by the theme modules and by tests). */
export function registerTheme(theme: Theme): void {
  registry.set(theme.name, theme);
}

export function getTheme(name: string | undefined): Theme | undefined {
  return registry.get(name ?? 'classic');
}

export function themeNames(): string[] {
  return [...registry.keys()];
}

/** Name and 中文 label of every registered theme, for menus. */
export function themeList(): { name: string; label: string }[] {
  return [...registry.values()].map((t) => ({ name: t.name, label: t.label }));
}

/** The style of a topic at `depth` (0 root, 1 main, 2+ sub). */
export function levelStyle(theme: Theme, depth: number): LevelStyle {
  return theme.levels[Math.min(depth, 2)] as LevelStyle;
}

/** Colour keys a document may override through `ThemeRef.overrides`. */
const COLOR_OVERRIDES = ['background', 'relationshipColor', 'summaryColor', 'boundaryColor', 'boundaryFill', 'accentColor'] as const;

/**
 * The theme a document asks for, with its per-document overrides applied: the colour keys above
 * and `branchColors` (a comma-separated list). Unknown names fall back to `classic`; values that are
 * not plain colours are ignored.
 */
export function resolveTheme(ref: ThemeRef | string | undefined): Theme {
  const name = typeof ref === 'string' ? ref : ref?.name;
  const base = getTheme(name) ?? classicTheme;
  const overrides = typeof ref === 'object' ? ref.overrides : undefined;
  if (!overrides) return base;
  const theme: Theme = { ...base };
  for (const key of COLOR_OVERRIDES) {
    const v = overrides[key];
    if (typeof v === 'string' && safeColor(v, '') !== '') theme[key] = v.trim();
  }
  const branch = overrides.branchColors;
  if (typeof branch === 'string') {
    const colors = branch
      .split(',')
      .map((c) => safeColor(c, ''))
      .filter((c) => c !== '');
    if (colors.length) theme.branchColors = colors;
  }
  return theme;
}
