// Decorations every route may rely on: `app.db`, `app.dialect`, `app.config`, `request.user`.

import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/sessions.ts';
import type { ServerConfig } from '../config.ts';
import type { Database, Dialect } from '../db/schema.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    dialect: Dialect;
    config: ServerConfig;
  }
  interface FastifySchema {
    /** OpenAPI metadata picked up by http/openapi.ts. */
    summary?: string;
    description?: string;
    tags?: string[];
  }
  interface FastifyRequest {
    /** The logged-in user (session cookie), or null. Set by the session hook in auth/. */
    user: SessionUser | null;
  }
}
