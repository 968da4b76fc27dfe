// The pages' web font: GET /fonts/noto-sans-sc.css (one @font-face per unicode-range slice) and
// GET /fonts/noto-sans-sc/<version>/<slice>.woff2 (immutable; made on first request and kept in
// DATA_DIR/fonts). The font comes from this server only, never a third-party host.

import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors.ts';
import { pickEncoding } from '../pages/encoding.ts';
import { FONT_URL_BASE, type SlicedFont, slicedBundledFont } from './slices.ts';

const SLICE_ID = /^[a-z0-9-]{1,32}$/;

interface Stylesheet {
  raw: Buffer;
  br: Buffer;
  gzip: Buffer;
  etag: string;
}

/** The sliced bundled font with its files under DATA_DIR/fonts, made on first use. */
export function lazySlicedFont(dataDir: string): { get(): SlicedFont; close(): Promise<void> } {
  let font: SlicedFont | undefined;
  return {
    get: () => (font ??= slicedBundledFont(join(dataDir, 'fonts'))),
    close: async () => font?.close(),
  };
}

export default async function fontRoutes(app: FastifyInstance, opts: { font: () => SlicedFont }): Promise<void> {
  let sheet: Stylesheet | undefined;
  let warmed = false;
  const sliced = opts.font;
  const stylesheet = (): Stylesheet => {
    if (sheet) return sheet;
    const f = sliced();
    const raw = Buffer.from(f.css, 'utf8');
    sheet = {
      raw,
      br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
      gzip: gzipSync(raw, { level: 9 }),
      etag: `"${f.version}"`,
    };
    return sheet;
  };
  const route = (summary: string) => ({ schema: { summary: `Web font: ${summary}`, tags: ['pages'] } });

  app.get(`${FONT_URL_BASE}.css`, route('the @font-face stylesheet of the sliced Noto Sans SC'), async (request, reply) => {
    const s = stylesheet();
    // The browser asks for the common slices next: start making any that are not on disk yet.
    if (!warmed) {
      warmed = true;
      for (const slice of sliced().slices)
        if (slice.common)
          sliced()
            .woff2(slice.id)
            .catch(() => {});
    }
    reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .header('etag', s.etag)
      .header('vary', 'Accept-Encoding')
      .header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === s.etag) return reply.status(304).send();
    const enc = pickEncoding(request.headers['accept-encoding']);
    if (enc) reply.header('content-encoding', enc);
    return reply.send(enc === 'br' ? s.br : enc === 'gzip' ? s.gzip : s.raw);
  });

  app.get<{ Params: { version: string; file: string } }>(
    `${FONT_URL_BASE}/:version/:file`,
    route('one unicode-range slice (WOFF2)'),
    async (request: FastifyRequest<{ Params: { version: string; file: string } }>, reply: FastifyReply) => {
      const f = sliced();
      const { version, file } = request.params;
      const id = file.endsWith('.woff2') ? file.slice(0, -6) : '';
      if (version !== f.version || !SLICE_ID.test(id) || !f.has(id)) throw new ApiError(404, 'not-found', 'no such font file');
      const bytes = await f.woff2(id);
      return reply
        .header('content-type', 'font/woff2')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .header('access-control-allow-origin', '*')
        .send(bytes);
    },
  );
}
