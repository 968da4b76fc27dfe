// Built-in themes. Each theme carries both looks and the metrics layout needs.

import type { LevelStyle, Theme } from './theme-types.ts';

const level = (s: Partial<LevelStyle> & Pick<LevelStyle, 'fontSize'>): LevelStyle => ({
  bold: false,
  fill: 'none',
  color: '#333333',
  borderColor: 'none',
  borderWidth: 0,
  shape: 'rounded',
  paddingX: 10,
  paddingY: 6,
  lineColor: '#8a94a6',
  lineWidth: 1.5,
  ...s,
});

const FONT = "'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/** XMind-like default: dark root, outlined main topics, plain subtopics. */
export const classicTheme: Theme = {
  name: 'classic',
  label: '经典',
  background: '#ffffff',
  fontFamily: FONT,
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

/** The style of a topic at `depth` (0 root, 1 main, 2+ sub). */
export function levelStyle(theme: Theme, depth: number): LevelStyle {
  return theme.levels[Math.min(depth, 2)] as LevelStyle;
}
