// CSRF protection for cookie-authenticated writes: the request must come from our own origin
// (Origin header, or Referer when a browser omits Origin), and the API takes only JSON or
// multipart bodies. The HTML pages' own forms (paths outside /api/) may also post
// application/x-www-form-urlencoded, the one encoding a form without JavaScript sends by default:
// the same-origin check is what protects them.

import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** The origins this server answers as: the configured public URL, else the Host the request was sent to. */
function expectedOrigins(request: FastifyRequest, publicUrl: string | undefined): string[] {
  if (publicUrl) {
    const o = originOf(publicUrl);
    return o ? [o] : [];
  }
  const host = request.headers.host;
  if (!host) return [];
  return [`${request.protocol}://${host}`, `http://${host}`, `https://${host}`];
}

/**
 * Throws 403 when an unsafe request carrying a session cookie has a foreign or missing origin or a
 * body type a plain HTML form could send. A present but foreign Origin is refused even without a cookie.
 */
export function checkCsrf(request: FastifyRequest, hasSessionCookie: boolean, publicUrl: string | undefined): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  const referer = request.headers.referer;
  const claimed = origin && origin !== 'null' ? originOf(origin) : referer ? originOf(referer) : null;
  const allowed = expectedOrigins(request, publicUrl);
  if (claimed !== null && !allowed.includes(claimed)) {
    throw new ApiError(403, 'csrf', `cross-origin request refused (origin ${claimed})`);
  }
  if (!hasSessionCookie) return;
  if (claimed === null) throw new ApiError(403, 'csrf', 'cookie-authenticated writes need an Origin or Referer header');
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/x-www-form-urlencoded' && !request.url.startsWith('/api/')) return;
  if (type !== '' && type !== 'application/json' && type !== 'multipart/form-data') {
    throw new ApiError(403, 'csrf', `cookie-authenticated writes must be application/json or multipart/form-data (got ${type})`);
  }
}
