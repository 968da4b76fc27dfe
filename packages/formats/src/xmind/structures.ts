// XMind `structureClass` / `structure-class` ↔ Arbor structure names.

import type { StructureName } from '@arbor/core';

const FROM_XMIND: [prefix: string, structure: StructureName][] = [
  ['org.xmind.ui.map.floating', 'mindmap'],
  ['org.xmind.ui.map', 'mindmap'], // map, map.unbalanced, map.clockwise, map.anticlockwise
  ['org.xmind.ui.logic.right', 'logic-right'],
  ['org.xmind.ui.logic.left', 'logic-left'],
  ['org.xmind.ui.org-chart.down', 'org-down'],
  ['org.xmind.ui.org-chart.up', 'org-up'],
  ['org.xmind.ui.tree', 'tree'],
  ['org.xmind.ui.timeline.horizontal', 'timeline-horizontal'],
  ['org.xmind.ui.timeline.vertical', 'timeline-vertical'],
  ['org.xmind.ui.fishbone.leftHeaded', 'fishbone-left'],
  ['org.xmind.ui.fishbone.rightHeaded', 'fishbone-right'],
  ['org.xmind.ui.brace', 'brace'],
];

/** Arbor structure for an XMind structure class; undefined for classes Arbor does not lay out (matrix, spreadsheet). */
export function structureFromXmind(structureClass: string | undefined): StructureName | undefined {
  if (!structureClass) return undefined;
  for (const [prefix, structure] of FROM_XMIND) if (structureClass.startsWith(prefix)) return structure;
  return undefined;
}

/** True when the class is a floating topic's default, which is no per-branch choice worth keeping. */
export const isFloatingDefault = (structureClass: string | undefined): boolean => structureClass === 'org.xmind.ui.map.floating';

const TO_XMIND: Record<StructureName, string> = {
  mindmap: 'org.xmind.ui.map.unbalanced',
  'mindmap-right': 'org.xmind.ui.map.unbalanced',
  'mindmap-left': 'org.xmind.ui.map.unbalanced',
  'logic-right': 'org.xmind.ui.logic.right',
  'logic-left': 'org.xmind.ui.logic.left',
  'org-down': 'org.xmind.ui.org-chart.down',
  'org-up': 'org.xmind.ui.org-chart.up',
  tree: 'org.xmind.ui.tree.right',
  'timeline-horizontal': 'org.xmind.ui.timeline.horizontal',
  'timeline-vertical': 'org.xmind.ui.timeline.vertical',
  'fishbone-left': 'org.xmind.ui.fishbone.leftHeaded',
  'fishbone-right': 'org.xmind.ui.fishbone.rightHeaded',
  brace: 'org.xmind.ui.brace.right',
};

export const structureToXmind = (s: StructureName): string => TO_XMIND[s] ?? TO_XMIND.mindmap;
