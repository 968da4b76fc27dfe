// Serves the built browser app (packages/web/dist, `config.webDir`) under /app/ (ADR 0013).
//
// - `/app/`, `/app/maps/:id` and every other route of the app answer index.html (no-cache, ETag), with a
//   Content-Security-Policy that lets the app run only its own scripts and talk only to this origin
//   (images may also be data: and blob: URLs: pasted images, exports).
// - Files the build wrote under `assets/` carry a content hash in their names: cached for a year,
//   immutable. A missing asset is a 404, never index.html (a stale tab must not run HTML as script).
// - Files precompressed by scripts/build.mjs (`.br`, `.gz`) are sent as they are when the client accepts them.
// - No build (no index.html) answers 503 with a page saying how to build it.
//
// The server never imports the web app's modules: it only reads the files the build wrote.

import { readFile, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RoutePluginOptions } from './app.ts';
import { ApiError } from './http/errors.ts';
import { escapeHtml } from './pages/html.ts';

/** The app's Content-Security-Policy: its own scripts only, same-origin API and live events, no framing. */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // The canvas and the panels set element styles; a style cannot run script.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HTML_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': APP_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** A path segment that may name a file of the build: no dot files, no `..`, nothing odd. */
const SAFE_SEGMENT = /^[A-Za-z0-9_@~+-][A-Za-z0-9_.@~+-]*$/;

/** Whether an Accept-Encoding header accepts `coding` (q > 0, or `*`). */
export function acceptsEncoding(header: string | undefined, coding: string): boolean {
  if (!header) return false;
  for (const part of header.split(',')) {
    const [raw = '', ...params] = part.toLowerCase().split(';');
    const name = raw.trim();
    if (name !== coding && name !== '*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (!q || Number(q.slice(2)) > 0) return true;
  }
  return false;
}

interface FileVersion {
  body: Buffer;
  etag: string;
  mtimeMs: number;
  size: number;
}

async function statFile(path: string) {
  try {
    const s = await stat(path);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

function notBuiltPage(): string {
  const code = (s: string) => `<code>${escapeHtml(s)}</code>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>编辑器尚未构建 · The editor has not been built</title>
<style>body{font:16px/1.7 "Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2329}code{background:#f2f3f5;padding:0 .3em;border-radius:4px}</style>
</head><body>
<h1>编辑器尚未构建</h1>
<p>这台服务器找不到网页应用的构建结果。请在仓库根目录运行 ${code('npm run build')}（${code('npm start')} 也会在需要时自动构建），然后刷新本页。若构建放在别处，请用环境变量 ${code('WEB_DIR')} 指明。</p>
<h2 lang="en">The editor has not been built</h2>
<p lang="en">This server cannot find the built web app. Run ${code('npm run build')} at the repository root (${code('npm start')} also builds it when needed), then reload this page. If the build lives elsewhere, point ${code('WEB_DIR')} at it.</p>
</body></html>
`;
}

export default async function webAppRoutes(app: FastifyInstance, _opts: RoutePluginOptions): Promise<void> {
  const dir = app.config.webDir;
  const root = dir.endsWith(sep) ? dir : dir + sep;
  /** index.html, re-read only when it changes on disk (a rebuild while the server runs). */
  let index: FileVersion | null = null;

  const readIndex = async (): Promise<FileVersion | null> => {
    const path = join(root, 'index.html');
    const s = await statFile(path);
    if (!s) return null;
    if (index && index.mtimeMs === s.mtimeMs && index.size === s.size) return index;
    const body = await readFile(path);
    index = { body, etag: `W/"${s.size.toString(36)}-${Math.trunc(s.mtimeMs).toString(36)}"`, mtimeMs: s.mtimeMs, size: s.size };
    return index;
  };

  const sendIndex = async (request: FastifyRequest, reply: FastifyReply) => {
    const file = await readIndex();
    if (!file) {
      return reply
        .status(503)
        .headers({ ...HTML_HEADERS, 'cache-control': 'no-store', 'retry-after': '10' })
        .send(notBuiltPage());
    }
    reply.headers({ ...HTML_HEADERS, 'cache-control': 'no-cache', etag: file.etag });
    if (request.headers['if-none-match'] === file.etag) return reply.status(304).send();
    return reply.send(file.body);
  };

  /** A file of the build, or null when there is none at `rel`. */
  const sendFile = async (request: FastifyRequest, reply: FastifyReply, rel: string): Promise<boolean> => {
    const path = join(root, rel);
    if (!path.startsWith(root)) return false;
    const s = await statFile(path);
    if (!s) return false;
    const hashed = rel.startsWith('assets/');
    const type = TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
    let sendPath = path;
    let encoding: string | undefined;
    const accept = request.headers['accept-encoding'];
    for (const [coding, suffix] of [
      ['br', '.br'],
      ['gzip', '.gz'],
    ] as const) {
      if (acceptsEncoding(accept, coding) && (await statFile(path + suffix))) {
        sendPath = path + suffix;
        encoding = coding;
        break;
      }
    }
    const etag = `W/"${s.size.toString(36)}-${Math.trunc(s.mtimeMs).toString(36)}"`;
    reply.headers({
      'content-type': type,
      'x-content-type-options': 'nosniff',
      'cache-control': hashed ? IMMUTABLE : 'no-cache',
      vary: 'accept-encoding',
      etag,
    });
    if (type.startsWith('text/html')) reply.headers(HTML_HEADERS);
    if (request.headers['if-none-match'] === etag) {
      reply.status(304).send();
      return true;
    }
    if (encoding) reply.header('content-encoding', encoding);
    reply.send(await readFile(sendPath));
    return true;
  };

  const routeSchema = (summary: string) => ({ schema: { summary, tags: ['app'] } });

  app.get('/app', routeSchema('The browser app (redirects to /app/)'), async (request, reply) => {
    const q = request.url.indexOf('?');
    return reply.redirect(q < 0 ? '/app/' : `/app/${request.url.slice(q)}`, 301);
  });

  // Share links (`url` of POST /api/maps/:id/shares) open in the app's shared-map viewer.
  app.get<{ Params: { token: string } }>(
    '/s/:token',
    {
      schema: {
        summary: 'A share link: opens the shared map in the app (/app/s/:token)',
        tags: ['app'],
        params: { type: 'object', required: ['token'], properties: { token: { type: 'string', minLength: 1, maxLength: 200 } } },
      },
    },
    async (request, reply) => reply.redirect(`/app/s/${encodeURIComponent(request.params.token)}`, 302),
  );

  app.get(
    '/app/*',
    routeSchema('The browser app: its files, and index.html for its routes (/app/, /app/maps/:id…)'),
    async (request, reply) => {
      const rel = (request.params as { '*': string })['*'] ?? '';
      if (rel === '' || rel === 'index.html') return sendIndex(request, reply);
      const segments = rel.split('/');
      const fileLike = segments.every((s) => SAFE_SEGMENT.test(s));
      if (fileLike && (await sendFile(request, reply, rel))) return reply;
      // A file the build should have had (a stale tab asking for an old chunk): never answer it with HTML.
      const last = segments[segments.length - 1] ?? '';
      if (segments[0] === 'assets' || Object.hasOwn(TYPES, extname(last).toLowerCase())) {
        throw new ApiError(404, 'not-found', 'file not found in the web app build');
      }
      return sendIndex(request, reply);
    },
  );
}
