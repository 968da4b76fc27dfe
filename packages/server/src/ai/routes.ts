// AI routes (issue 15), the plugin app.ts loads: status, the user's own provider settings and
// usage (settings-routes.ts), and the flows that stream operations (flow-routes.ts). Request
// schemas are in schemas.ts, the checks before a stream in flow-support.ts, the SSE relay in relay.ts.

import type { FastifyInstance } from 'fastify';
import { flowRoutes } from './flow-routes.ts';
import { settingsRoutes } from './settings-routes.ts';

export default async function aiRoutes(app: FastifyInstance): Promise<void> {
  if (app.config.ai.userKeys && !process.env.SECRET) {
    app.log.warn("ARBOR_AI_USER_KEYS is on but SECRET is not set: users' saved API keys become unreadable after a restart");
  }
  settingsRoutes(app);
  flowRoutes(app);
}
