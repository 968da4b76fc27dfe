// AI routes (issue 15): status, the user's own provider settings, usage, and the flows —
// POST /api/ai/generate | expand | condense | regenerate | rewrite | document | ask — each answering
// a Server-Sent Events stream of operations (see packages/ai/README.md for the editor's contract).

import {
  askDocument,
  type BranchNode,
  type DocumentSkeleton,
  documentSkeleton,
  documentToMapWithModel,
  expandTopic,
  generateMap,
  PROVIDER_PRESETS,
  reviseBranch,
  rewriteTopics,
} from '@arbor/ai';
import { asTopicId, type MindDoc, STRUCTURE_NAMES, type StructureName, type Topic, type TopicId } from '@arbor/core';
import { ImportError } from '@arbor/formats';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireUser } from '../auth/index.ts';
import { ApiError, badRequest } from '../http/errors.ts';
import { requireMapRole } from '../maps/access.ts';
import { assertPublicBaseUrl, missingSettings, type ResolvedProvider, resolveProvider } from './provider.ts';
import { checkLimits, relayFlow } from './relay.ts';
import { deleteUserSettings, readUserSettings, usageSummary, writeUserSettings } from './store.ts';

const TAGS = ['ai'];
const str = (max: number, min = 0) => ({ type: 'string', minLength: min, maxLength: max }) as const;
const idStr = str(200, 1);
const language = str(20, 1);
const SSE_RESPONSE = {
  200: {
    description:
      'text/event-stream: `start {flow, model, source}`, then `ops {ops}` / `progress {done, total, label}` / `proposal {changes}` / `section {id, status}` / `answer {…}`, and last `done {usage, …}` or `error {code, message}`',
    type: 'string',
  },
} as const;
const MAX_FILE_BASE64 = Math.ceil((16 * 1024 * 1024 * 4) / 3) + 4;

/** One SSE route: body schema, summary, handler. */
function sseRoute<B>(
  app: FastifyInstance,
  path: string,
  summary: string,
  body: object,
  handler: (request: FastifyRequest<{ Body: B }>, reply: import('fastify').FastifyReply) => Promise<void>,
) {
  app.post<{ Body: B }>(path, { schema: { summary, tags: TAGS, body, response: SSE_RESPONSE } }, async (request, reply) =>
    handler(request, reply),
  );
}

interface Prepared {
  userId: string;
  resolved: ResolvedProvider;
  spentToday: number;
}

export default async function aiRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;
  const ai = app.config.ai;
  if (ai.userKeys && !process.env.SECRET) {
    app.log.warn("ARBOR_AI_USER_KEYS is on but SECRET is not set: users' saved API keys become unreadable after a restart");
  }

  /** Offline alternatives: document → map without a model, and library templates matching `q`. */
  async function offline(q: string | undefined) {
    let templates: { title: string; url: string; fileId: string }[] = [];
    if (q?.trim()) {
      try {
        const [{ searchTemplates }, { categoryTree }] = await Promise.all([
          import('../templates/search.ts'),
          import('../templates/categories.ts'),
        ]);
        const page = await searchTemplates(
          db,
          app.dialect,
          { q: q.slice(0, 200), sort: 'relevance', page: 1, pageSize: 5 },
          await categoryTree(db),
        );
        templates = page.items.map((t) => ({ title: t.title, url: t.url, fileId: t.fileId }));
      } catch (err) {
        app.log.warn({ err }, 'template search for the AI fallback failed');
      }
    }
    return {
      document: {
        method: 'POST',
        path: '/api/import',
        fields: { mode: 'document' },
        description: '文档转导图（离线，无需模型） (document → map, offline)',
      },
      templates,
    };
  }

  /** Login, provider and limits: every refusal here is a JSON 4xx before any stream opens. */
  async function prepare(request: FastifyRequest, query?: string): Promise<Prepared> {
    const user = requireUser(request);
    const resolved = await resolveProvider(app, user.id);
    if (!resolved) {
      throw new ApiError(
        409,
        'ai-not-configured',
        `未配置模型服务：请管理员设置 ARBOR_AI_BASE_URL、ARBOR_AI_MODEL（及 ARBOR_AI_API_KEY）${ai.userKeys ? '，或在 AI 设置中填写自己的模型服务' : ''}。离线功能（文档转导图、模板库）仍可使用。 (no model provider is configured: set ARBOR_AI_BASE_URL, ARBOR_AI_MODEL and ARBOR_AI_API_KEY${ai.userKeys ? ', or your own provider in the AI settings' : ''}; document → map and the template library work offline)`,
        { settings: missingSettings(app), offline: await offline(query) },
      );
    }
    const spentToday = await checkLimits(app, user.id);
    return { userId: user.id, resolved, spentToday };
  }

  function inputLimit(chars: number) {
    if (chars > ai.maxInputChars) {
      throw new ApiError(
        413,
        'ai-input-too-large',
        `输入过长（${chars} 字，上限 ${ai.maxInputChars} 字） (input too large: ${chars} characters, the limit is ${ai.maxInputChars})`,
      );
    }
  }

  async function mapDoc(request: FastifyRequest, mapId: string): Promise<MindDoc> {
    const access = await requireMapRole(request, mapId, 'edit');
    return (await app.maps.read(access.map.id)).doc;
  }

  function topicOf(doc: MindDoc, id: string): Topic {
    const t = doc.topics[id];
    if (!t) throw new ApiError(404, 'not-found', `topic ${id.slice(0, 100)} not found in the map`);
    return t;
  }

  function childrenIndex(doc: MindDoc): Map<string, Topic[]> {
    const kids = new Map<string, Topic[]>();
    for (const t of Object.values(doc.topics)) {
      if (t.parentId === null || t.summaryId || t.detached) continue;
      let list = kids.get(t.parentId);
      if (!list) kids.set(t.parentId, (list = []));
      list.push(t);
    }
    for (const list of kids.values()) list.sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0));
    return kids;
  }

  function readDocument(body: { text?: string; file?: { name: string; data: string } }): {
    text?: string;
    bytes?: Uint8Array;
    fileName?: string;
  } {
    if (body.text !== undefined && body.file) throw badRequest('give either text or file, not both');
    if (body.text !== undefined) {
      inputLimit(body.text.length);
      return { text: body.text };
    }
    if (body.file) {
      if (!/^[A-Za-z0-9+/=\s]*$/.test(body.file.data)) throw badRequest('file.data must be base64');
      const bytes = new Uint8Array(Buffer.from(body.file.data, 'base64'));
      if (!bytes.length) throw badRequest('the file is empty');
      return { bytes, fileName: body.file.name };
    }
    throw badRequest('give the document as text or as file {name, data (base64)}');
  }

  async function skeletonOf(anchorId: TopicId, src: ReturnType<typeof readDocument>): Promise<DocumentSkeleton> {
    try {
      const sk = await documentSkeleton({ anchorId, ...src });
      inputLimit(sk.map.text.length);
      return sk;
    } catch (err) {
      if (err instanceof ImportError) throw new ApiError(400, 'invalid-document', err.message);
      throw err;
    }
  }

  // ── status, settings, usage ────────────────────────────────────────────────────────────────

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

  app.put<{ Body: { preset?: string | null; baseUrl?: string | null; model?: string | null; apiKey?: string | null } }>(
    '/api/ai/settings',
    {
      schema: {
        summary: "Set the user's own provider (when the admin allows it: ARBOR_AI_USER_KEYS=1); the key is encrypted at rest",
        tags: TAGS,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            preset: { type: ['string', 'null'], enum: [...PROVIDER_PRESETS.map((p) => p.id), null] },
            baseUrl: { type: ['string', 'null'], maxLength: 500 },
            model: { type: ['string', 'null'], minLength: 1, maxLength: 200 },
            apiKey: { type: ['string', 'null'], minLength: 1, maxLength: 500 },
          },
        },
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

  // ── flows ──────────────────────────────────────────────────────────────────────────────────

  interface GenerateBody {
    topic: string;
    anchorId?: string;
    depth?: number;
    language?: string;
    hint?: string;
    structure?: StructureName;
  }
  sseRoute<GenerateBody>(
    app,
    '/api/ai/generate',
    'Generate a map from a topic or question (SSE of operations; the first line becomes the anchor topic, by default `root`)',
    {
      type: 'object',
      required: ['topic'],
      additionalProperties: false,
      properties: {
        topic: str(2000, 1),
        anchorId: idStr,
        depth: { type: 'integer', minimum: 1, maximum: 5 },
        language,
        hint: str(300),
        structure: { type: 'string', enum: [...STRUCTURE_NAMES] },
      },
    },
    async (request, reply) => {
      const b = request.body;
      if (!b.topic.trim()) throw badRequest('topic is empty');
      const p = await prepare(request, b.topic);
      await relayFlow(app, request, reply, {
        flow: 'generate',
        ...p,
        run: async (ctx) => {
          const r = await generateMap(ctx, {
            topic: b.topic,
            anchorId: asTopicId(b.anchorId ?? 'root'),
            depth: b.depth,
            language: b.language,
            hint: b.hint,
            structure: b.structure,
          });
          return { topics: r.topics };
        },
      });
    },
  );

  interface ExpandBody {
    mapId?: string;
    topicId: string;
    path?: string[];
    siblings?: string[];
    children?: string[];
    count?: number;
    depth?: number;
    language?: string;
  }
  const texts = { type: 'array', maxItems: 100, items: str(500) } as const;
  sseRoute<ExpandBody>(
    app,
    '/api/ai/expand',
    'Expand a topic with new subtopics (context: its path and siblings, read from the map when mapId is given)',
    {
      type: 'object',
      required: ['topicId'],
      additionalProperties: false,
      properties: {
        mapId: idStr,
        topicId: idStr,
        path: { ...texts, minItems: 1 },
        siblings: texts,
        children: texts,
        count: { type: 'integer', minimum: 1, maximum: 12 },
        depth: { type: 'integer', minimum: 1, maximum: 3 },
        language,
      },
    },
    async (request, reply) => {
      const b = request.body;
      let path = b.path;
      let siblings = b.siblings ?? [];
      let children = b.children ?? [];
      let taken: ((id: string) => boolean) | undefined;
      if (b.mapId) {
        const doc = await mapDoc(request, b.mapId);
        const t = topicOf(doc, b.topicId);
        const kids = childrenIndex(doc);
        path = [];
        for (let cur: Topic | undefined = t; cur; cur = cur.parentId ? doc.topics[cur.parentId] : undefined) path.unshift(cur.text);
        siblings = t.parentId ? (kids.get(t.parentId) ?? []).filter((s) => s.id !== t.id).map((s) => s.text) : [];
        children = (kids.get(t.id) ?? []).map((c) => c.text);
        taken = (id) => id in doc.topics;
      }
      if (!path?.length) throw badRequest('give mapId, or the path of the topic (texts from the central topic down to it)');
      const p = await prepare(request, path.join(' '));
      await relayFlow(app, request, reply, {
        flow: 'expand',
        ...p,
        taken,
        run: async (ctx) => ({
          topics: (
            await expandTopic(ctx, {
              anchorId: asTopicId(b.topicId),
              path: path ?? [],
              siblings,
              children,
              count: b.count,
              depth: b.depth,
              language: b.language,
            })
          ).topics,
        }),
      });
    },
  );

  interface ReviseBody {
    mapId?: string;
    topicId: string;
    branch?: BranchNode;
    keep?: string[];
    instruction?: string;
    maxTopics?: number;
    depth?: number;
    language?: string;
  }
  const reviseBody = {
    type: 'object',
    required: ['topicId'],
    additionalProperties: false,
    properties: {
      mapId: idStr,
      topicId: idStr,
      // Nested branch given by a client without a saved map; depth is bounded below when it is read.
      branch: {
        type: 'object',
        required: ['id', 'text'],
        properties: { id: idStr, text: str(500), children: { type: 'array', maxItems: 500 } },
      },
      keep: { type: 'array', maxItems: 2000, items: idStr },
      instruction: str(500),
      maxTopics: { type: 'integer', minimum: 1, maximum: 200 },
      depth: { type: 'integer', minimum: 1, maximum: 6 },
      language,
    },
  };

  /** Checks a client-given branch: ids and texts are strings, not too deep, not too many topics. */
  function checkBranch(n: unknown, depth = 0, count = { n: 0 }): BranchNode {
    if (!n || typeof n !== 'object') throw badRequest('branch: each node must be an object {id, text, children?}');
    const o = n as Record<string, unknown>;
    if (typeof o.id !== 'string' || !o.id || o.id.length > 200 || typeof o.text !== 'string' || o.text.length > 500)
      throw badRequest('branch: each node needs an id and a text (≤ 500 characters)');
    if (depth > 12 || ++count.n > 2000) throw badRequest('branch: too deep or too many topics');
    const kids = o.children === undefined ? [] : Array.isArray(o.children) ? o.children : null;
    if (!kids) throw badRequest('branch: children must be an array');
    return { id: asTopicId(o.id), text: o.text, children: kids.map((c) => checkBranch(c, depth + 1, count)) };
  }

  function reviseRoute(mode: 'condense' | 'regenerate', summary: string) {
    sseRoute<ReviseBody>(app, `/api/ai/${mode}`, summary, reviseBody, async (request, reply) => {
      const b = request.body;
      let branch: BranchNode;
      let taken: ((id: string) => boolean) | undefined;
      if (b.mapId) {
        const doc = await mapDoc(request, b.mapId);
        const kids = childrenIndex(doc);
        let count = 0;
        const build = (t: Topic): BranchNode => {
          if (++count > 2000)
            throw new ApiError(413, 'ai-input-too-large', '分支过大（超过 2000 个主题） (the branch has more than 2,000 topics)');
          return { id: t.id, text: t.text, children: (kids.get(t.id) ?? []).map(build) };
        };
        branch = build(topicOf(doc, b.topicId));
        taken = (id) => id in doc.topics;
      } else if (b.branch) {
        branch = checkBranch(b.branch);
        if (branch.id !== b.topicId) throw badRequest('branch.id must be topicId');
      } else throw badRequest('give mapId, or the branch {id, text, children}');
      const p = await prepare(request, branch.text);
      await relayFlow(app, request, reply, {
        flow: mode,
        ...p,
        taken,
        run: async (ctx) => ({
          topics: (
            await reviseBranch(ctx, mode, {
              branch,
              keep: (b.keep ?? []).map(asTopicId),
              instruction: b.instruction,
              maxTopics: b.maxTopics,
              depth: b.depth,
              language: b.language,
            })
          ).topics,
        }),
      });
    });
  }
  reviseRoute(
    'condense',
    'Condense a branch: a per-topic diff (proposal events) against it; pinned/edited topics (keep) are never removed',
  );
  reviseRoute('regenerate', 'Regenerate a branch: a per-topic diff (proposal events); topics in keep (pinned or edited) stay');

  interface RewriteBody {
    topics: { id: string; text: string }[];
    style: 'shorter' | 'clearer' | 'translate';
    targetLanguage?: string;
    language?: string;
  }
  sseRoute<RewriteBody>(
    app,
    '/api/ai/rewrite',
    'Rewrite topics shorter, clearer or translated (ops: one topic.update per topic)',
    {
      type: 'object',
      required: ['topics', 'style'],
      additionalProperties: false,
      properties: {
        topics: {
          type: 'array',
          minItems: 1,
          maxItems: 100,
          items: { type: 'object', required: ['id', 'text'], additionalProperties: false, properties: { id: idStr, text: str(500) } },
        },
        style: { type: 'string', enum: ['shorter', 'clearer', 'translate'] },
        targetLanguage: language,
        language,
      },
    },
    async (request, reply) => {
      const b = request.body;
      const p = await prepare(request, b.topics.map((t) => t.text).join(' '));
      await relayFlow(app, request, reply, {
        flow: 'rewrite',
        ...p,
        run: async (ctx) => ({
          topics: (
            await rewriteTopics(ctx, {
              topics: b.topics.map((t) => ({ id: asTopicId(t.id), text: t.text })),
              style: b.style,
              targetLanguage: b.targetLanguage,
              language: b.language,
            })
          ).topics,
        }),
      });
    },
  );

  const documentSource = {
    text: str(20_000_000),
    file: {
      type: 'object',
      required: ['name', 'data'],
      additionalProperties: false,
      properties: { name: str(255, 1), data: { type: 'string', minLength: 1, maxLength: MAX_FILE_BASE64 } },
    },
  } as const;

  interface DocumentBody {
    text?: string;
    file?: { name: string; data: string };
    anchorId?: string;
    resume?: string[];
    concurrency?: number;
    language?: string;
  }
  sseRoute<DocumentBody>(
    app,
    '/api/ai/document',
    "Document → map with the model: docmap's skeleton (ops) first, then each section condensed (ops, progress, section events); resumable with resume",
    {
      type: 'object',
      additionalProperties: false,
      properties: {
        ...documentSource,
        anchorId: idStr,
        resume: { type: 'array', maxItems: 10_000, items: idStr },
        concurrency: { type: 'integer', minimum: 1, maximum: 4 },
        language,
      },
    },
    async (request, reply) => {
      const b = request.body;
      const src = readDocument(b);
      const anchorId = asTopicId(b.anchorId ?? 'root');
      const p = await prepare(request, b.file?.name ?? b.text?.slice(0, 200));
      const skeleton = await skeletonOf(anchorId, src);
      await relayFlow(app, request, reply, {
        flow: 'document',
        ...p,
        run: async (ctx) => {
          const r = await documentToMapWithModel(ctx, {
            anchorId,
            ...src,
            skeleton,
            resume: (b.resume ?? []).map(asTopicId),
            concurrency: b.concurrency,
            maxInputChars: ai.maxInputChars,
            language: b.language,
          });
          return { topics: r.topics, sections: r.sections, failed: r.failed };
        },
      });
    },
  );

  interface AskBody {
    question: string;
    text?: string;
    file?: { name: string; data: string };
    mapId?: string;
    anchorId?: string;
    language?: string;
  }
  sseRoute<AskBody>(
    app,
    '/api/ai/ask',
    "Ask the map's source document a question: the answer (ops) lands under the branch holding the cited passage; `answer {answered: false}` when the document does not say",
    {
      type: 'object',
      required: ['question'],
      additionalProperties: false,
      properties: { question: str(1000, 1), ...documentSource, mapId: idStr, anchorId: idStr, language },
    },
    async (request, reply) => {
      const b = request.body;
      const src = readDocument(b);
      let topics: { id: TopicId; source?: Topic['source'] }[] | undefined;
      let anchorId = asTopicId(b.anchorId ?? 'root');
      let taken: ((id: string) => boolean) | undefined;
      if (b.mapId) {
        const doc = await mapDoc(request, b.mapId);
        topics = Object.values(doc.topics).map((t) => ({ id: t.id, source: t.source }));
        if (!b.anchorId) anchorId = doc.rootId;
        taken = (id) => id in doc.topics;
      }
      const p = await prepare(request, b.question);
      const skeleton = await skeletonOf(anchorId, src);
      await relayFlow(app, request, reply, {
        flow: 'ask',
        ...p,
        taken,
        run: async (ctx) => {
          const r = await askDocument(ctx, { question: b.question, anchorId, ...src, skeleton, topics, language: b.language });
          return { topics: r.topics, answered: r.answered };
        },
      });
    },
  );
}
