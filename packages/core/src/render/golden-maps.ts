// Hand-made maps for the golden SVG files: one Chinese, one English, each with every decoration
// (markers, labels, note, link, task, image, folded branch, summary, boundary, relationship,
// detached topic), rendered in several structures and themes by golden.test.ts.

import { DocBuilder } from '../builder.ts';
import type { MindDoc, StructureName } from '../model.ts';

/** A small landscape picture (inline SVG), so the goldens need no external files. */
const PICTURE =
  'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSIxMjAiIGhlaWdodD0iNzIiIHZpZXdCb3g9IjAgMCAxMjAgNzIiPjxyZWN0IHdpZHRoPSIxMjAiIGhlaWdodD0iNzIiIHJ4PSI2IiBmaWxsPSIjY2ZlOGZmIi8+PGNpcmNsZSBjeD0iOTIiIGN5PSIyMCIgcj0iMTAiIGZpbGw9IiNmZmM5NDAiLz48cGF0aCBkPSJNMCA3MiBMMzggMjggTDYyIDU0IEw3OCA0MCBMMTIwIDcyIFoiIGZpbGw9IiM0YTlkNmUiLz48L3N2Zz4=';

/** 民法典·总则编 (Chinese): law study notes. */
export function chineseMap(): MindDoc {
  const b = new DocBuilder({ id: 'golden-zh', rootText: '民法典·总则编' });
  const r = b.rootId;
  const basic = b.add(r, { text: '基本规定', markers: ['priority-1', 'star-red'], labels: ['重点'] });
  const principle = b.add(basic, { text: '平等原则：民事主体在民事活动中的法律地位一律平等', note: '《民法典》第四条' });
  b.add(basic, { text: '自愿原则', markers: ['task-50'] });
  b.add(basic, { text: '公平原则', task: { done: true } });
  b.add(basic, { text: '诚信原则', task: { done: false } });
  const person = b.add(r, { text: '自然人', markers: ['people-blue'], image: { src: PICTURE, width: 120, height: 72, alt: '示意图' } });
  b.add(person, { text: '民事权利能力' });
  const capacity = b.add(person, { text: '民事行为能力', markers: ['flag-orange'] });
  b.add(capacity, { text: '完全民事行为能力人：十八周岁以上的成年人' });
  b.add(capacity, { text: '限制民事行为能力人' });
  const legal = b.add(r, { text: '法人', folded: true, markers: ['symbol-question'] });
  b.add(legal, { text: '营利法人' });
  b.add(legal, { text: '非营利法人' });
  b.add(legal, { text: '特别法人' });
  const act = b.add(r, { text: '民事法律行为', href: 'https://flk.npc.gov.cn/', labels: ['第六章', '考点'] });
  const valid = b.add(act, { text: '有效要件', markers: ['smiley-smile'] });
  const invalid = b.add(act, { text: '无效情形', markers: ['smiley-cry'] });
  b.add(act, { text: '可撤销情形', note: '重大误解、欺诈、胁迫、显失公平' });
  b.addSummary(act, valid, invalid, { text: '效力判断' });
  b.addBoundary({ parentId: r, fromId: basic, toId: basic, label: '必背' });
  b.addRelationship({ from: principle, to: valid, label: '体现' });
  b.add(r, { text: '备忘：每周复习一次', detached: true, position: { x: -260, y: 260 }, markers: ['month-jan'] });
  return b.build();
}

/** Product launch plan (English). */
export function englishMap(): MindDoc {
  const b = new DocBuilder({ id: 'golden-en', rootText: 'Product Launch' });
  const r = b.rootId;
  const research = b.add(r, { text: 'Research', markers: ['priority-2', 'arrow-up'], labels: ['Q1'] });
  const interviews = b.add(research, { text: 'Customer interviews with twelve pilot accounts', task: { done: true } });
  b.add(research, { text: 'Competitor review', markers: ['task-75'], note: 'XMind, MindManager, TreeMind' });
  const build = b.add(r, { text: 'Build', markers: ['flag-green'], image: { src: PICTURE, width: 120, height: 72 } });
  const api = b.add(build, { text: 'API', href: 'https://example.com/api?v=2&lang=en' });
  const ui = b.add(build, { text: 'Web editor', markers: ['symbol-exclam'] });
  b.add(build, { text: 'Mobile (later)', folded: true });
  const mobile = b.children(build)[2]!;
  b.add(mobile, { text: 'iOS' });
  b.add(mobile, { text: 'Android' });
  b.addSummary(build, api, ui, { text: 'MVP scope' });
  const market = b.add(r, { text: 'Marketing', markers: ['people-red', 'week-mon'], labels: ['owner: Li', 'budget'] });
  b.add(market, { text: 'Landing page' });
  b.add(market, { text: 'Launch post <draft> & "teaser"', href: '#topic:t1' });
  b.addBoundary({ parentId: r, fromId: research, toId: research, label: 'Phase 1' });
  b.addRelationship({ from: interviews, to: ui, label: 'shapes', style: { arrowStart: true } });
  b.add(r, { text: 'Parking lot', detached: true, position: { x: 300, y: 240 }, markers: ['symbol-info'] });
  return b.build();
}

export interface GoldenCase {
  file: string;
  doc: () => MindDoc;
  structure: StructureName;
  theme: string;
}

export const GOLDEN_CASES: readonly GoldenCase[] = [
  { file: 'zh-mindmap-classic.svg', doc: chineseMap, structure: 'mindmap', theme: 'classic' },
  { file: 'zh-org-down-business.svg', doc: chineseMap, structure: 'org-down', theme: 'business' },
  { file: 'zh-tree-dark.svg', doc: chineseMap, structure: 'tree', theme: 'dark' },
  { file: 'zh-fishbone-right-rainbow.svg', doc: chineseMap, structure: 'fishbone-right', theme: 'rainbow' },
  { file: 'zh-brace-ink.svg', doc: chineseMap, structure: 'brace', theme: 'ink' },
  { file: 'en-logic-right-fresh.svg', doc: englishMap, structure: 'logic-right', theme: 'fresh' },
  { file: 'en-timeline-horizontal-sketchy.svg', doc: englishMap, structure: 'timeline-horizontal', theme: 'sketchy' },
  { file: 'en-mindmap-rainbow.svg', doc: englishMap, structure: 'mindmap', theme: 'rainbow' },
  { file: 'en-org-up-minimal.svg', doc: englishMap, structure: 'org-up', theme: 'minimal' },
  { file: 'en-timeline-vertical-sunny.svg', doc: englishMap, structure: 'timeline-vertical', theme: 'sunny' },
  { file: 'en-fishbone-left-ocean.svg', doc: englishMap, structure: 'fishbone-left', theme: 'ocean' },
];
