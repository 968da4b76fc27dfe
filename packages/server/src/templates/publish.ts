// Publishing a map as a template (and republishing: same fileId, new content), then refreshing the
// related lists around it.

import type { MindDoc } from '@arbor/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { badRequest } from '../http/errors.ts';
import { categoryTree } from './categories.ts';
import { docTitle, prepareTemplate } from './record.ts';
import { refreshRelated } from './related.ts';
import { insertTemplate, templateByMapId, updateTemplateContent } from './store.ts';

export interface PublishInput {
  mapId: string;
  ownerId: string;
  doc: MindDoc;
  /** Map title (the file name); the document's own title wins when set. */
  title?: string;
  description: string;
  category: string;
  tags: readonly string[];
}

export interface PublishResult {
  fileId: string;
  templateId: number;
  created: boolean;
}

export async function publishMap(db: Kysely<Database>, input: PublishInput): Promise<PublishResult> {
  const categories = await categoryTree(db);
  if (!categories.get(input.category)) throw badRequest(`unknown category "${input.category}"`, 'unknown-category');
  const title = docTitle({ ...input.doc, title: input.doc.title.trim() || input.title || '' });
  const prepared = prepareTemplate({ title, description: input.description, tags: [...input.tags], doc: input.doc });
  const result = await db.transaction().execute(async (trx) => {
    const existing = await templateByMapId(trx, input.mapId);
    if (existing) {
      await updateTemplateContent(trx, existing.id, { categorySlug: input.category, prepared });
      return { fileId: existing.file_id, templateId: existing.id, created: false };
    }
    const { id, fileId } = await insertTemplate(trx, {
      ownerId: input.ownerId,
      mapId: input.mapId,
      categorySlug: input.category,
      prepared,
    });
    return { fileId, templateId: id, created: true };
  });
  await refreshRelated(db, result.templateId);
  return result;
}
