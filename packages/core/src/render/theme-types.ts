// A theme decides both look (colours, shapes, connectors) and metrics that layout needs
// (font sizes, paddings, gaps), per level: 0 = root, 1 = main topic, 2+ = subtopic.

import type { TopicShape } from '../model.ts';

export interface LevelStyle {
  fontSize: number;
  bold: boolean;
  fill: string; // 'none' for no fill
  color: string; // text
  borderColor: string; // 'none' for no border
  borderWidth: number;
  shape: TopicShape;
  paddingX: number;
  paddingY: number;
  /** Connector colour and width to this level's children. */
  lineColor: string;
  lineWidth: number;
}

export interface Theme {
  name: string;
  /** 中文 name for menus. */
  label: string;
  background: string;
  fontFamily: string;
  levels: [LevelStyle, LevelStyle, LevelStyle]; // root, main, sub (and deeper)
  /** When set, each main branch takes the next colour (rainbow themes). */
  branchColors?: string[];
  /** Connector look for mind maps / logic charts. */
  connector: 'curve' | 'straight' | 'elbow';
  /** Hand-drawn look: the renderer jitters lines a little. */
  sketchy?: boolean;
  /** Connectors from the root to main topics drawn as tapered ribbons (thick at the root). */
  taperedBranches?: boolean;
  /** Colour of fold buttons, task checkboxes and link/note icons; defaults to the root's line colour. */
  accentColor?: string;
  /** Background and text colour of topic labels (tags); derived from the theme when absent. */
  labelFill?: string;
  labelColor?: string;
  relationshipColor: string;
  summaryColor: string;
  boundaryColor: string;
  boundaryFill: string;
  /** Maximum topic text width before wrapping (px). */
  maxTextWidth: number;
  /** Gap between a parent and its children, and between siblings (px). */
  hGap: number;
  vGap: number;
}
