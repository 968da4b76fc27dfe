// Periodic housekeeping: expired sessions and stale login-throttling rows are deleted, so these
// tables stay small. Runs in every process; the deletes are idempotent.

import type { FastifyInstance } from 'fastify';

const EVERY_MS = 60 * 60 * 1000;
const ATTEMPT_WINDOW_MS = 15 * 60 * 1000;

export async function cleanUp(app: FastifyInstance, now = Date.now()): Promise<void> {
  await app.db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
  await app.db
    .deleteFrom('login_attempts')
    .where('window_start', '<', now - ATTEMPT_WINDOW_MS)
    .execute();
}

export function startMaintenance(app: FastifyInstance): void {
  const timer = setInterval(() => {
    cleanUp(app).catch((err) => app.log.error({ err }, 'maintenance failed'));
  }, EVERY_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
