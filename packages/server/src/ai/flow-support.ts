// What the AI flow routes do before a stream opens, each refusal a JSON 4xx: login, provider and
// limits (with the offline alternatives when no model is configured), the input size limit,
// reading the map and its topics (edit access), and reading a document given as text or a file.

import { type DocumentSkeleton, documentSkeleton } from '@arbor/ai';
import type { MindDoc, Topic, TopicId } from '@arbor/core';
import { ImportError } from '@arbor/formats';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireUser } from '../auth/index.ts';
import { ApiError, badRequest } from '../http/errors.ts';
import { requireMapRole } from '../maps/access.ts';
import { missingSettings, type ResolvedProvider, resolveProvider } from './provider.ts';
import { checkLimits } from './relay.ts';
import type { DocumentSource } from './schemas.ts';

export interface Prepared {
  userId: string;
  resolved: ResolvedProvider;
  spentToday: number;
}

/** A document read from a request body: its text, or a file's bytes and name. */
export interface DocumentInput {
  text?: string;
  bytes?: Uint8Array;
  fileName?: string;
}

/** Offline alternatives: document → map without a model, and library templates matching `q`. */
async function offline(app: FastifyInstance, q: string | undefined) {
  let templates: { title: string; url: string; fileId: string }[] = [];
  if (q?.trim()) {
    try {
      const [{ searchTemplates }, { categoryTree }] = await Promise.all([
        import('../templates/search.ts'),
        import('../templates/categories.ts'),
      ]);
      const page = await searchTemplates(
        app.db,
        app.dialect,
        { q: q.slice(0, 200), sort: 'relevance', page: 1, pageSize: 5 },
        await categoryTree(app.db),
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
export async function prepare(app: FastifyInstance, request: FastifyRequest, query?: string): Promise<Prepared> {
  const ai = app.config.ai;
  const user = requireUser(request);
  const resolved = await resolveProvider(app, user.id);
  if (!resolved) {
    throw new ApiError(
      409,
      'ai-not-configured',
      `未配置模型服务：请管理员设置 ARBOR_AI_BASE_URL、ARBOR_AI_MODEL（及 ARBOR_AI_API_KEY）${ai.userKeys ? '，或在 AI 设置中填写自己的模型服务' : ''}。离线功能（文档转导图、模板库）仍可使用。 (no model provider is configured: set ARBOR_AI_BASE_URL, ARBOR_AI_MODEL and ARBOR_AI_API_KEY${ai.userKeys ? ', or your own provider in the AI settings' : ''}; document → map and the template library work offline)`,
      { settings: missingSettings(app), offline: await offline(app, query) },
    );
  }
  const spentToday = await checkLimits(app, user.id);
  return { userId: user.id, resolved, spentToday };
}

export function inputLimit(app: FastifyInstance, chars: number): void {
  const max = app.config.ai.maxInputChars;
  if (chars > max) {
    throw new ApiError(
      413,
      'ai-input-too-large',
      `输入过长（${chars} 字，上限 ${max} 字） (input too large: ${chars} characters, the limit is ${max})`,
    );
  }
}

/** The map's document, for a user who may edit the map. */
export async function mapDoc(app: FastifyInstance, request: FastifyRequest, mapId: string): Promise<MindDoc> {
  const access = await requireMapRole(request, mapId, 'edit');
  return (await app.maps.read(access.map.id)).doc;
}

export function topicOf(doc: MindDoc, id: string): Topic {
  const t = doc.topics[id];
  if (!t) throw new ApiError(404, 'not-found', `topic ${id.slice(0, 100)} not found in the map`);
  return t;
}

/** Each topic's attached children in order (summaries' topics and detached topics left out). */
export function childrenIndex(doc: MindDoc): Map<string, Topic[]> {
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

export function readDocument(app: FastifyInstance, body: DocumentSource): DocumentInput {
  if (body.text !== undefined && body.file) throw badRequest('give either text or file, not both');
  if (body.text !== undefined) {
    inputLimit(app, body.text.length);
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

/** docmap's skeleton of the document (no model), its text within the input limit. */
export async function skeletonOf(app: FastifyInstance, anchorId: TopicId, src: DocumentInput): Promise<DocumentSkeleton> {
  try {
    const sk = await documentSkeleton({ anchorId, ...src });
    inputLimit(app, sk.map.text.length);
    return sk;
  } catch (err) {
    if (err instanceof ImportError) throw new ApiError(400, 'invalid-document', err.message);
    throw err;
  }
}
