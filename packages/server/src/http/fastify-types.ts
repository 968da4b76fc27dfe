// Decorations every route may rely on: `app.db`, `app.dialect`, `app.config`, `request.user`.

import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/sessions.ts';
import type { ServerConfig } from '../config.ts';
import type { Database, Dialect } from '../db/schema.ts';
import type { ContentIndex } from '../maps/content-index.ts';
import type { MapDocuments } from '../maps/doc-store.ts';
import type { EventHub } from '../maps/events.ts';
import type { TemplateDocs } from '../maps/template-docs.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    dialect: Dialect;
    config: ServerConfig;
    /** Loaded documents and the per-map sequencer for operations. */
    maps: MapDocuments;
    /** The text of every map, for search by content in My files. */
    contentIndex: ContentIndex;
    /** Live map events (in-process, bridged through Redis when configured). */
    events: EventHub;
    /** Hook filled by the template library: the document of a template, by file id. */
    templateDocs: TemplateDocs;
  }
  interface FastifySchema {
    /** OpenAPI metadata picked up by http/openapi.ts. */
    summary?: string;
    description?: string;
    tags?: string[];
    /** Leave the route out of /api/openapi.json. */
    hide?: boolean;
  }
  interface FastifyRequest {
    /** The logged-in user (session cookie), or null. Set by the session hook in auth/. */
    user: SessionUser | null;
  }
}
