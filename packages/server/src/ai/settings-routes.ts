// The AI routes that stream nothing: whether AI is available to the user (status, presets,
// limits), the user's own provider settings (the key encrypted at rest, never sent back), and
// the user's usage today.

import { PROVIDER_PRESETS } from '@arbor/ai';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/index.ts';
import { ApiError, badRequest } from '../http/errors.ts';
import { assertPublicBaseUrl, missingSettings, type ResolvedProvider, resolveProvider } from './provider.ts';
import { type SettingsBody, settingsBody, TAGS } from './schemas.ts';
import { deleteUserSettings, readUserSettings, usageSummary, writeUserSettings } from './store.ts';

export function settingsRoutes(app: FastifyInstance): void {
  const db = app.db;
  const ai = app.config.ai;

  app.get(
    '/api/ai/status',
    { schema: { summary: 'Whether AI is available to the current user, the presets and the limits', tags: TAGS } },
    async (request) => {
      const user = request.user;
      let resolved: ResolvedProvider | null = null;
      let problem: { code: string; message: string } | null = null;
      if (user) {
        try {
          resolved = await resolveProvider(app, user.id);
        } catch (err) {
          if (err instanceof ApiError) problem = { code: err.code, message: err.message };
          else throw err;
        }
      }
      return {
        configured: user ? resolved !== null : !!(ai.baseUrl && ai.model),
        source: resolved?.source ?? (ai.baseUrl && ai.model ? 'server' : null),
        model: resolved?.provider.model ?? ai.model ?? null,
        problem,
        settings: missingSettings(app),
        userKeys: ai.userKeys,
        allowPrivate: ai.allowPrivate,
        presets: PROVIDER_PRESETS,
        limits: {
          ratePerMinute: ai.ratePerMinute,
          dailyTokens: ai.dailyTokens,
          maxInputChars: ai.maxInputChars,
          maxConcurrent: ai.maxConcurrent,
        },
      };
    },
  );

  app.get(
    '/api/ai/settings',
    { schema: { summary: "The user's own provider (the API key is never sent back: hasKey only)", tags: TAGS } },
    async (request) => {
      const user = requireUser(request);
      return { settings: await readUserSettings(db, user.id), userKeys: ai.userKeys };
    },
  );

  app.put<{ Body: SettingsBody }>(
    '/api/ai/settings',
    {
      schema: {
        summary: "Set the user's own provider (when the admin allows it: ARBOR_AI_USER_KEYS=1); the key is encrypted at rest",
        tags: TAGS,
        body: settingsBody,
      },
    },
    async (request) => {
      const user = requireUser(request);
      if (!ai.userKeys)
        throw new ApiError(
          403,
          'ai-user-keys-disabled',
          '管理员未允许使用自己的模型服务 (the admin has not allowed personal providers: ARBOR_AI_USER_KEYS=1)',
        );
      const body = { ...request.body };
      const preset = body.preset ? PROVIDER_PRESETS.find((p) => p.id === body.preset) : undefined;
      if (preset) {
        body.baseUrl ??= preset.baseUrl;
        body.model ??= preset.model;
      }
      if (body.baseUrl) {
        body.baseUrl = body.baseUrl.trim();
        if (!ai.allowPrivate) await assertPublicBaseUrl(body.baseUrl);
        else {
          try {
            const u = new URL(body.baseUrl);
            if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
          } catch {
            throw new ApiError(400, 'ai-invalid-base-url', '模型服务地址无效 (the base URL must be an http(s) URL)');
          }
        }
      }
      if (body.apiKey && /[\r\n\s]/.test(body.apiKey.trim())) throw badRequest('the API key must not contain spaces or line breaks');
      await writeUserSettings(db, app.config.secret, user.id, {
        ...body,
        apiKey: body.apiKey === undefined ? undefined : (body.apiKey?.trim() ?? null),
      });
      return { settings: await readUserSettings(db, user.id) };
    },
  );

  app.delete('/api/ai/settings', { schema: { summary: "Forget the user's own provider and key", tags: TAGS } }, async (request) => {
    const user = requireUser(request);
    await deleteUserSettings(db, user.id);
    return { settings: await readUserSettings(db, user.id) };
  });

  app.get('/api/ai/usage', { schema: { summary: "The user's AI usage today and the latest requests", tags: TAGS } }, async (request) => {
    const user = requireUser(request);
    return { ...(await usageSummary(db, user.id)), budget: ai.dailyTokens, ratePerMinute: ai.ratePerMinute };
  });
}
