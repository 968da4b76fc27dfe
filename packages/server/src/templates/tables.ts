// Kysely types of the template-library tables (created by db/migrations/0002_templates.ts),
// added to the shared `Database` interface by module augmentation.

import type { Generated } from 'kysely';

export interface CategoryTable {
  slug: string;
  parent_slug: string | null;
  name: string;
  description: string;
  /** Order among siblings. */
  position: number;
}

export interface TemplateTable {
  id: Generated<number>;
  /** Public id: 32 lowercase hex characters. */
  file_id: string;
  map_id: string | null;
  owner_id: string;
  title: string;
  description: string;
  /** Primary category (breadcrumb); the template may be listed under more (template_categories). */
  category_slug: string;
  /** JSON array of strings. */
  tags: string;
  /** JSON array of citations (引用法条), from `doc.meta.references`. */
  citations: string;
  topic_count: number;
  views: Generated<number>;
  uses: Generated<number>;
  favorites: Generated<number>;
  /** views + 5 × uses + 3 × favorites, kept with the counters for the "hot" order. */
  hot: Generated<number>;
  /** Bumped whenever something the template's page shows changes; part of the page cache key. */
  page_version: Generated<number>;
  created_at: number;
  updated_at: number;
}

/** The large parts of a template, apart so that lists and counters never read them. */
export interface TemplateContentTable {
  template_id: number;
  /** The published MindDoc as JSON. */
  doc: string;
  /** Topic texts, one per line, indented by depth. */
  outline_text: string;
  /** Space-joined jieba tokens of the title, and of description + tags + outline (full-text index input). */
  search_title: string;
  search_body: string;
}

export interface TemplateCategoryTable {
  template_id: number;
  category_slug: string;
}

export interface TemplateRelatedTable {
  template_id: number;
  related_id: number;
  score: number;
}

export interface TemplateViewTable {
  template_id: number;
  visitor: string;
  day: number;
}

export interface TemplateFavoriteTable {
  template_id: number;
  user_id: string;
  created_at: number;
}

declare module '../db/schema.ts' {
  interface Database {
    categories: CategoryTable;
    templates: TemplateTable;
    template_contents: TemplateContentTable;
    template_categories: TemplateCategoryTable;
    template_related: TemplateRelatedTable;
    template_views: TemplateViewTable;
    template_favorites: TemplateFavoriteTable;
  }
}
