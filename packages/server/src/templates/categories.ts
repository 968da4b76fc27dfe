// Template categories: a tree seeded TreeMind-like (资格考试 › 司法考试 …, 法律法规 › 宪法 …), read
// once into memory (it changes only when the seed list grows) and answered as a tree.

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import './tables.ts';

export interface CategorySeed {
  slug: string;
  name: string;
  description?: string;
  children?: CategorySeed[];
}

export const CATEGORY_SEEDS: CategorySeed[] = [
  {
    slug: 'exams',
    name: '资格考试',
    description: '各类资格考试、升学考试的复习导图',
    children: [
      { slug: 'judicial-exam', name: '司法考试', description: '法律职业资格考试（法考）知识点与法条导图' },
      { slug: 'teacher-cert', name: '教师资格', description: '教师资格证笔试与面试复习' },
      { slug: 'kaoyan', name: '考研', description: '考研政治、英语、数学与专业课' },
      { slug: 'civil-service', name: '公务员', description: '行测、申论与面试' },
      { slug: 'accounting-exam', name: '会计', description: '初级、中级会计与注册会计师' },
      { slug: 'constructor-exam', name: '建造师', description: '一级、二级建造师' },
      { slug: 'medical-exam', name: '医学考试', description: '执业医师、护士资格' },
    ],
  },
  {
    slug: 'study-notes',
    name: '学习笔记',
    description: '中小学与大学课程笔记',
    children: [
      { slug: 'notes-chinese', name: '语文' },
      { slug: 'notes-math', name: '数学' },
      { slug: 'notes-english', name: '英语' },
      { slug: 'notes-politics', name: '政治' },
      { slug: 'notes-history', name: '历史' },
      { slug: 'notes-geography', name: '地理' },
      { slug: 'notes-physics', name: '物理' },
      { slug: 'notes-chemistry', name: '化学' },
      { slug: 'notes-biology', name: '生物' },
      { slug: 'notes-computer', name: '计算机' },
    ],
  },
  {
    slug: 'reading-notes',
    name: '读书笔记',
    description: '好书的结构化读书笔记',
    children: [
      { slug: 'reading-literature', name: '文学' },
      { slug: 'reading-business', name: '经管' },
      { slug: 'reading-psychology', name: '心理' },
      { slug: 'reading-history', name: '历史人文' },
      { slug: 'reading-science', name: '科普' },
    ],
  },
  {
    slug: 'work-plans',
    name: '工作计划',
    description: '计划、总结、会议与项目管理',
    children: [
      { slug: 'plan-annual', name: '年度计划' },
      { slug: 'plan-report', name: '周报月报' },
      { slug: 'plan-project', name: '项目管理' },
      { slug: 'plan-meeting', name: '会议纪要' },
      { slug: 'plan-okr', name: 'OKR 与目标' },
    ],
  },
  {
    slug: 'laws',
    name: '法律法规',
    description: '法律、行政法规、司法解释与地方性法规全文导图',
    children: [
      { slug: 'law-constitution', name: '宪法', description: '宪法及宪法相关法' },
      { slug: 'law-civil', name: '民法商法', description: '民法典与民商事法律' },
      { slug: 'law-criminal', name: '刑法', description: '刑法及其修正案' },
      { slug: 'law-administrative', name: '行政法' },
      { slug: 'law-economic', name: '经济法' },
      { slug: 'law-social', name: '社会法', description: '劳动、社会保障与特殊群体保护' },
      { slug: 'law-procedure', name: '诉讼与非诉讼程序法' },
      { slug: 'law-regulations', name: '行政法规' },
      { slug: 'law-rules', name: '部门规章' },
      { slug: 'law-local', name: '地方性法规' },
      { slug: 'law-interpretations', name: '司法解释' },
    ],
  },
  {
    slug: 'standards',
    name: '行业标准',
    description: '国家标准、行业规范与操作规程',
    children: [
      { slug: 'standard-national', name: '国家标准' },
      { slug: 'standard-industry', name: '行业规范' },
      { slug: 'standard-procedure', name: '操作规程' },
    ],
  },
  {
    slug: 'education',
    name: '教育',
    description: '教案、课程设计与班级管理',
    children: [
      { slug: 'edu-lesson', name: '教案' },
      { slug: 'edu-course', name: '课程设计' },
      { slug: 'edu-class', name: '班级管理' },
    ],
  },
  {
    slug: 'life',
    name: '生活',
    description: '旅行、健康、理财与个人成长',
    children: [
      { slug: 'life-travel', name: '旅行' },
      { slug: 'life-health', name: '健康' },
      { slug: 'life-finance', name: '理财' },
      { slug: 'life-growth', name: '个人成长' },
    ],
  },
  { slug: 'other', name: '其他', description: '其他主题' },
];

export interface Category {
  slug: string;
  name: string;
  description: string;
  parentSlug: string | null;
}

export interface CategoryNode extends Category {
  children: CategoryNode[];
}

/** The category tree in memory: lookups by slug, ancestors, descendants. */
export class CategoryTree {
  private readonly bySlug = new Map<string, CategoryNode>();
  readonly roots: CategoryNode[] = [];

  constructor(rows: readonly (Category & { position: number })[]) {
    const sorted = [...rows].sort((a, b) => a.position - b.position || (a.slug < b.slug ? -1 : 1));
    for (const r of sorted) {
      this.bySlug.set(r.slug, { slug: r.slug, name: r.name, description: r.description, parentSlug: r.parentSlug, children: [] });
    }
    for (const r of sorted) {
      const node = this.bySlug.get(r.slug)!;
      const parent = r.parentSlug ? this.bySlug.get(r.parentSlug) : undefined;
      if (parent) parent.children.push(node);
      else this.roots.push(node);
    }
  }

  get(slug: string): CategoryNode | undefined {
    return this.bySlug.get(slug);
  }

  get all(): CategoryNode[] {
    return [...this.bySlug.values()];
  }

  /** Root first, ending with the category itself; empty for an unknown slug. */
  path(slug: string): CategoryNode[] {
    const out: CategoryNode[] = [];
    let node = this.bySlug.get(slug);
    const seen = new Set<string>();
    while (node && !seen.has(node.slug)) {
      seen.add(node.slug);
      out.unshift(node);
      node = node.parentSlug ? this.bySlug.get(node.parentSlug) : undefined;
    }
    return out;
  }

  /** The slug and every slug below it. */
  subtree(slug: string): string[] {
    const root = this.bySlug.get(slug);
    if (!root) return [];
    const out: string[] = [];
    const stack = [root];
    while (stack.length) {
      const n = stack.pop()!;
      out.push(n.slug);
      stack.push(...n.children);
    }
    return out;
  }
}

function flatten(seeds: readonly CategorySeed[], parent: string | null, out: (Category & { position: number })[]): typeof out {
  seeds.forEach((s, i) => {
    out.push({ slug: s.slug, name: s.name, description: s.description ?? '', parentSlug: parent, position: i });
    if (s.children) flatten(s.children, s.slug, out);
  });
  return out;
}

const treeCache = new WeakMap<Kysely<Database>, Promise<CategoryTree>>();

/** Inserts the seeded categories that are missing (idempotent; parents before children). */
export async function ensureCategories(db: Kysely<Database>): Promise<void> {
  const rows = flatten(CATEGORY_SEEDS, null, []);
  const existing = new Set((await db.selectFrom('categories').select('slug').execute()).map((r) => r.slug));
  const missing = rows.filter((r) => !existing.has(r.slug));
  if (missing.length > 0) {
    await db
      .insertInto('categories')
      .values(
        missing.map((r) => ({ slug: r.slug, parent_slug: r.parentSlug, name: r.name, description: r.description, position: r.position })),
      )
      .execute();
  }
  treeCache.delete(db);
}

/** The category tree, read once per database handle. */
export function categoryTree(db: Kysely<Database>): Promise<CategoryTree> {
  let tree = treeCache.get(db);
  if (!tree) {
    tree = db
      .selectFrom('categories')
      .select(['slug', 'parent_slug', 'name', 'description', 'position'])
      .execute()
      .then((rows) => new CategoryTree(rows.map((r) => ({ ...r, parentSlug: r.parent_slug }))));
    tree.catch(() => treeCache.delete(db));
    treeCache.set(db, tree);
  }
  return tree;
}

/** The JSON shape of `GET /api/categories`. */
export interface CategoryJson {
  slug: string;
  name: string;
  description: string;
  children: CategoryJson[];
}

export function categoryJson(node: CategoryNode): CategoryJson {
  return { slug: node.slug, name: node.name, description: node.description, children: node.children.map(categoryJson) };
}
