// Thumbnails for My files: GET /api/maps/:id/thumbnail.svg draws the map with core's renderer and
// the bundled font's metrics (the template preview's drawing, folded to a few dozen topics so it
// stays legible at card size and fast at any map size). Cached in memory by map id and version: an
// edit bumps the version, so the next request draws again; the browser revalidates with the ETag.

import { type MindDoc, renderSvg, stateFromDoc } from '@arbor/core';
import { createFontMeasurer } from '@arbor/core/node';
import type { FastifyInstance } from 'fastify';
import type { RoutePluginOptions } from '../app.ts';
import { previewDoc } from '../templates/preview.ts';
import { requireMapRole } from './access.ts';
import { LruCache } from './lru.ts';

/** Visible topics in a thumbnail; deeper levels are folded (with fold counts). */
export const THUMBNAIL_TOPICS = 40;

const cache = new LruCache<string, string>(500);

/** The thumbnail SVG of a map at a version (cached by both). */
export async function thumbnailSvg(app: FastifyInstance, mapId: string, version: number): Promise<string> {
  const key = `${mapId}@${version}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const { doc } = await app.maps.read(mapId);
  const svg = renderThumbnail(doc);
  cache.set(key, svg);
  return svg;
}

/** Draws a document as a thumbnail (exported for the benchmark). */
export function renderThumbnail(doc: MindDoc): string {
  measurer ??= createFontMeasurer();
  return renderSvg(stateFromDoc(visiblePart(previewDoc(doc, THUMBNAIL_TOPICS))), { measure: measurer });
}

/**
 * Only the topics that show (no folded ancestor), with the relationships, summaries and boundaries
 * among them: drawing a 5,000-topic map folded to 40 topics then costs what 40 topics cost.
 */
export function visiblePart(doc: MindDoc): MindDoc {
  const keep: MindDoc['topics'] = {};
  const memo = new Map<string, boolean>();
  const shown = (id: string): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const t = doc.topics[id];
    let ok = false;
    if (t && t.parentId === null) ok = id === doc.rootId;
    else if (t) {
      const parent = doc.topics[t.parentId as string];
      ok = parent !== undefined && !parent.folded && shown(parent.id);
    }
    memo.set(id, ok);
    return ok;
  };
  for (const [id, t] of Object.entries(doc.topics)) if (shown(id)) keep[id] = t;
  const pick = <R>(records: Record<string, R>, ids: (r: R) => string[]): Record<string, R> => {
    const out: Record<string, R> = {};
    for (const [k, r] of Object.entries(records)) if (ids(r).every((id) => id in keep)) out[k] = r;
    return out;
  };
  return {
    ...doc,
    topics: keep,
    relationships: pick(doc.relationships, (r) => [r.from, r.to]),
    summaries: pick(doc.summaries, (r) => [r.parentId, r.fromId, r.toId, r.topicId]),
    boundaries: pick(doc.boundaries, (r) => [r.parentId, r.fromId, r.toId]),
  };
}

let measurer: ReturnType<typeof createFontMeasurer> | undefined;

export default async function thumbnailRoutes(app: FastifyInstance, _opts: RoutePluginOptions): Promise<void> {
  app.get<{ Params: { id: string } }>(
    '/api/maps/:id/thumbnail.svg',
    {
      schema: {
        summary: 'A small SVG picture of the map for file lists (cached by version)',
        tags: ['files'],
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
        },
      },
    },
    async (request, reply) => {
      const access = await requireMapRole(request, request.params.id, 'view', { allowTrashed: true });
      const version = access.map.version;
      const etag = `"t-${access.map.id}-${version}"`;
      reply
        .header('etag', etag)
        .header('cache-control', 'private, no-cache')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; sandbox");
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      const svg = await thumbnailSvg(app, access.map.id, version);
      return reply.type('image/svg+xml; charset=utf-8').send(svg);
    },
  );
}
