// The AI flows — POST /api/ai/generate | expand | condense | regenerate | rewrite | document | ask —
// each answering a Server-Sent Events stream of operations (see packages/ai/README.md for the
// editor's contract). A route validates its body, reads what it needs from the map, prepares
// (login, provider, limits) and hands the flow to relayFlow.

import { askDocument, type BranchNode, documentToMapWithModel, expandTopic, generateMap, reviseBranch, rewriteTopics } from '@arbor/ai';
import { asTopicId, type Topic, type TopicId } from '@arbor/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, badRequest } from '../http/errors.ts';
import { childrenIndex, mapDoc, prepare, readDocument, skeletonOf, topicOf } from './flow-support.ts';
import { relayFlow } from './relay.ts';
import {
  type AskBody,
  askBody,
  checkBranch,
  type DocumentBody,
  documentBody,
  type ExpandBody,
  expandBody,
  type GenerateBody,
  generateBody,
  type ReviseBody,
  type RewriteBody,
  reviseBody,
  rewriteBody,
  SSE_RESPONSE,
  TAGS,
} from './schemas.ts';

/** One SSE route: body schema, summary, handler. */
function sseRoute<B>(
  app: FastifyInstance,
  path: string,
  summary: string,
  body: object,
  handler: (request: FastifyRequest<{ Body: B }>, reply: FastifyReply) => Promise<void>,
) {
  app.post<{ Body: B }>(path, { schema: { summary, tags: TAGS, body, response: SSE_RESPONSE } }, async (request, reply) =>
    handler(request, reply),
  );
}

export function flowRoutes(app: FastifyInstance): void {
  const ai = app.config.ai;

  sseRoute<GenerateBody>(
    app,
    '/api/ai/generate',
    'Generate a map from a topic or question (SSE of operations; the first line becomes the anchor topic, by default `root`)',
    generateBody,
    async (request, reply) => {
      const b = request.body;
      if (!b.topic.trim()) throw badRequest('topic is empty');
      const p = await prepare(app, request, b.topic);
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

  sseRoute<ExpandBody>(
    app,
    '/api/ai/expand',
    'Expand a topic with new subtopics (context: its path and siblings, read from the map when mapId is given)',
    expandBody,
    async (request, reply) => {
      const b = request.body;
      let path = b.path;
      let siblings = b.siblings ?? [];
      let children = b.children ?? [];
      let taken: ((id: string) => boolean) | undefined;
      if (b.mapId) {
        const doc = await mapDoc(app, request, b.mapId);
        const t = topicOf(doc, b.topicId);
        const kids = childrenIndex(doc);
        path = [];
        for (let cur: Topic | undefined = t; cur; cur = cur.parentId ? doc.topics[cur.parentId] : undefined) path.unshift(cur.text);
        siblings = t.parentId ? (kids.get(t.parentId) ?? []).filter((s) => s.id !== t.id).map((s) => s.text) : [];
        children = (kids.get(t.id) ?? []).map((c) => c.text);
        taken = (id) => id in doc.topics;
      }
      if (!path?.length) throw badRequest('give mapId, or the path of the topic (texts from the central topic down to it)');
      const p = await prepare(app, request, path.join(' '));
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

  function reviseRoute(mode: 'condense' | 'regenerate', summary: string) {
    sseRoute<ReviseBody>(app, `/api/ai/${mode}`, summary, reviseBody, async (request, reply) => {
      const b = request.body;
      let branch: BranchNode;
      let taken: ((id: string) => boolean) | undefined;
      if (b.mapId) {
        const doc = await mapDoc(app, request, b.mapId);
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
      const p = await prepare(app, request, branch.text);
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

  sseRoute<RewriteBody>(
    app,
    '/api/ai/rewrite',
    'Rewrite topics shorter, clearer or translated (ops: one topic.update per topic)',
    rewriteBody,
    async (request, reply) => {
      const b = request.body;
      const p = await prepare(app, request, b.topics.map((t) => t.text).join(' '));
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

  sseRoute<DocumentBody>(
    app,
    '/api/ai/document',
    "Document → map with the model: docmap's skeleton (ops) first, then each section condensed (ops, progress, section events); resumable with resume",
    documentBody,
    async (request, reply) => {
      const b = request.body;
      const src = readDocument(app, b);
      const anchorId = asTopicId(b.anchorId ?? 'root');
      const p = await prepare(app, request, b.file?.name ?? b.text?.slice(0, 200));
      const skeleton = await skeletonOf(app, anchorId, src);
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

  sseRoute<AskBody>(
    app,
    '/api/ai/ask',
    "Ask the map's source document a question: the answer (ops) lands under the branch holding the cited passage; `answer {answered: false}` when the document does not say",
    askBody,
    async (request, reply) => {
      const b = request.body;
      const src = readDocument(app, b);
      let topics: { id: TopicId; source?: Topic['source'] }[] | undefined;
      let anchorId = asTopicId(b.anchorId ?? 'root');
      let taken: ((id: string) => boolean) | undefined;
      if (b.mapId) {
        const doc = await mapDoc(app, request, b.mapId);
        topics = Object.values(doc.topics).map((t) => ({ id: t.id, source: t.source }));
        if (!b.anchorId) anchorId = doc.rootId;
        taken = (id) => id in doc.topics;
      }
      const p = await prepare(app, request, b.question);
      const skeleton = await skeletonOf(app, anchorId, src);
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
