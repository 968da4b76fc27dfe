// The laws and regulations of the demo library (packages/server/seed/laws/<category>/<file>.md,
// copied from the shared public-domain corpus): each becomes a map through docmap, with a title
// that tells versions and Civil Code parts apart, a description from its adoption/amendment
// dates and size, a category by folder, and 资格考试 › 司法考试 for the laws the exam covers.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { MindDoc } from '@arbor/core';
import { documentToMap } from '@arbor/docmap';
import { serverFile } from '../paths.ts';

export const LAWS_DIR = `${serverFile('seed', 'laws')}/`;

/** Corpus folder (first path segment) → category slug under 法律法规. */
export const FOLDER_CATEGORY: Record<string, string> = {
  宪法: 'law-constitution',
  宪法相关法: 'law-constitution',
  民法典: 'law-civil',
  民法商法: 'law-civil',
  刑法: 'law-criminal',
  行政法: 'law-administrative',
  经济法: 'law-economic',
  社会法: 'law-social',
  诉讼与非诉讼程序法: 'law-procedure',
  行政法规: 'law-regulations',
  部门规章: 'law-rules',
  地方性法规: 'law-local',
  司法解释: 'law-interpretations',
};

/** Whole folders on the 法律职业资格考试 syllabus, and laws from other folders by short name. */
const EXAM_FOLDERS = new Set(['宪法', '民法典', '刑法', '诉讼与非诉讼程序法']);
const EXAM_LAWS = [
  '劳动法',
  '劳动合同法',
  '社会保险法',
  '行政处罚法',
  '行政许可法',
  '行政复议法',
  '国家赔偿法',
  '消费者权益保护法',
  '公司法',
  '合伙企业法',
  '立法法',
  '监察法',
];

export interface LawSource {
  /** Path below LAWS_DIR, with forward slashes. */
  path: string;
  folder: string;
  category: string;
  exam: boolean;
}

export interface LawTemplate {
  source: LawSource;
  title: string;
  description: string;
  tags: string[];
  doc: MindDoc;
}

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.md') && name !== 'README.md') out.push(p);
  }
  return out;
}

/** Every law file of the demo library with its categories. */
export function listLawSources(dir = LAWS_DIR): LawSource[] {
  let files: string[];
  try {
    files = walk(dir, []);
  } catch {
    return [];
  }
  return files.flatMap((abs) => {
    const path = relative(dir, abs).split(sep).join('/');
    const folder = path.split('/')[0] ?? '';
    const category = FOLDER_CATEGORY[folder];
    if (!category) return [];
    const short = (path.split('/').pop() ?? '').replace(/\(.*$/, '').replace(/\.md$/, '');
    const exam = EXAM_FOLDERS.has(folder) || EXAM_LAWS.includes(short);
    return [{ path, folder, category, exam }];
  });
}

interface LawFacts {
  headings: string[];
  events: string[];
  chapters: number;
  articles: number;
  version: string | undefined;
}

const ARTICLE = /^第[一二三四五六七八九十百千零〇]+条(之[一二三四五六七八九十]+)?[\s\u3000]/gm;
const CHAPTER = /^#{2,4}\s*第[一二三四五六七八九十百千零〇]+章/gm;
const EVENT = /^\d{4}年\d{1,2}月\d{1,2}日.*$/;

/** Title lines, dated events before `<!-- INFO END -->`, chapter and article counts. */
export function lawFacts(markdown: string, fileName: string): LawFacts {
  const end = markdown.indexOf('<!-- INFO END -->');
  const head = end >= 0 ? markdown.slice(0, end) : markdown.slice(0, 2000);
  const headings: string[] = [];
  const events: string[] = [];
  for (const raw of head.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('# ')) headings.push(line.slice(2).trim());
    else if (EVENT.test(line)) events.push(line.replace(/\s+/g, ' '));
  }
  const version = /\((\d{4})-(\d{2})-(\d{2})\)\.md$/.exec(fileName)?.[1];
  return {
    headings,
    events,
    chapters: (markdown.match(CHAPTER) ?? []).length,
    articles: (markdown.match(ARTICLE) ?? []).length,
    version,
  };
}

function describe(title: string, facts: LawFacts): string {
  const parts = [`《${title}》全文思维导图`];
  if (facts.events.length) parts.push(facts.events.slice(0, 3).join('；') + (facts.events.length > 3 ? '等' : ''));
  const size = [facts.chapters ? `${facts.chapters}章` : '', facts.articles ? `${facts.articles}条` : ''].join('');
  if (size) parts.push(`共${size}，按编、章、节、条整理，每条附原文`);
  return `${parts.join('。')}。`;
}

/** Reads and converts every law; titles made unique by version year where a law appears twice. */
export async function loadLawTemplates(sources: readonly LawSource[], dir = LAWS_DIR): Promise<LawTemplate[]> {
  const loaded: { source: LawSource; base: string; facts: LawFacts; doc: MindDoc }[] = [];
  for (const source of sources) {
    const bytes = readFileSync(join(dir, source.path));
    const text = new TextDecoder().decode(bytes);
    const facts = lawFacts(text, source.path);
    const { doc } = await documentToMap(new Uint8Array(bytes), { fileName: source.path.split('/').pop() });
    const base = facts.headings.slice(0, 2).join(' ') || doc.title;
    loaded.push({ source, base, facts, doc });
  }
  const counts = new Map<string, number>();
  for (const l of loaded) counts.set(l.base, (counts.get(l.base) ?? 0) + 1);
  return loaded.map(({ source, base, facts, doc }) => {
    const title = (counts.get(base) ?? 0) > 1 && facts.version ? `${base}（${facts.version}年版）` : base;
    const root = doc.topics[doc.rootId];
    const titled: MindDoc = { ...doc, title, topics: root ? { ...doc.topics, [root.id]: { ...root, text: title } } : doc.topics };
    const categoryName = source.folder;
    const tags = ['法律法规', categoryName, ...(source.exam ? ['司法考试'] : [])];
    if (source.folder === '地方性法规') tags.push(source.path.split('/')[1] ?? '');
    return { source, title, description: describe(title, facts), tags: tags.filter(Boolean), doc: titled };
  });
}
