// How `POST /api/maps {templateFileId}` reaches the template library without importing it: the
// templates plugin sets `app.templateDocs.get` when it registers (the holder object is shared by
// every plugin of one app, so setting the property works across Fastify's encapsulation).

import type { MindDoc } from '@arbor/core';

export interface TemplateDoc {
  doc: MindDoc;
  title: string;
}

export interface TemplateDocs {
  /**
   * The document of a published template and counts one use of it, or null when unknown.
   * Set by src/templates/routes.ts; null until then.
   */
  get: ((fileId: string, userId: string) => Promise<TemplateDoc | null>) | null;
}

export function createTemplateDocs(): TemplateDocs {
  return { get: null };
}
