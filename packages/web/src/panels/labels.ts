// Names people read for structures and shapes, in both languages.

import type { StructureName, TopicShape } from '@arbor/core';
import { T, type Text } from '../app/i18n.ts';

export const STRUCTURE_LABELS: Record<StructureName, Text> = {
  mindmap: T('思维导图', 'Mind map'),
  'mindmap-right': T('思维导图（向右）', 'Mind map (right)'),
  'mindmap-left': T('思维导图（向左）', 'Mind map (left)'),
  'logic-right': T('逻辑图（向右）', 'Logic chart (right)'),
  'logic-left': T('逻辑图（向左）', 'Logic chart (left)'),
  'org-down': T('组织结构图（向下）', 'Org chart (down)'),
  'org-up': T('组织结构图（向上）', 'Org chart (up)'),
  tree: T('目录组织图', 'Tree chart'),
  'timeline-horizontal': T('时间轴（水平）', 'Timeline (horizontal)'),
  'timeline-vertical': T('时间轴（垂直）', 'Timeline (vertical)'),
  'fishbone-left': T('鱼骨图（头在左）', 'Fishbone (head left)'),
  'fishbone-right': T('鱼骨图（头在右）', 'Fishbone (head right)'),
  brace: T('括号图', 'Brace map'),
};

export const SHAPE_LABELS: Record<TopicShape, Text> = {
  rect: T('矩形', 'Rectangle'),
  rounded: T('圆角矩形', 'Rounded'),
  capsule: T('胶囊', 'Capsule'),
  ellipse: T('椭圆', 'Ellipse'),
  diamond: T('菱形', 'Diamond'),
  underline: T('下划线', 'Underline'),
  none: T('无边框', 'None'),
};
