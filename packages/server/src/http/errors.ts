// One error shape for the whole API: {"error": {"code", "message"}} (+ extra fields such as
// `version` on a 409), produced by ApiError and the single error handler below.

import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    /** Stable machine-readable code, e.g. `not-found`, `conflict`, `unauthorized`. */
    readonly code: string,
    message: string,
    /** Extra top-level fields sent next to `error` (e.g. `{version}` on a conflict). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, code = 'invalid-request') => new ApiError(400, code, message);
export const unauthorized = (message = '请先登录 (login required)') => new ApiError(401, 'unauthorized', message);
export const forbidden = (message = '没有权限 (forbidden)') => new ApiError(403, 'forbidden', message);
export const notFound = (what = 'resource') => new ApiError(404, 'not-found', `${what} not found`);
export const conflict = (message: string, extra?: Record<string, unknown>) => new ApiError(409, 'conflict', message, extra);

export interface ErrorBody {
  error: { code: string; message: string };
  [extra: string]: unknown;
}

/** Maps Fastify's own error codes to our codes and statuses. */
function fromFastifyError(err: FastifyError): ApiError {
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
  if (err.validation) return new ApiError(400, 'invalid-request', err.message);
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(400, 'malformed-json', 'request body is not valid JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return new ApiError(413, 'too-large', 'request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(415, 'unsupported-media-type', 'unsupported content type');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new ApiError(414, 'uri-too-long', 'a path parameter is too long');
    case 'FST_ERR_BAD_URL':
      return new ApiError(400, 'bad-url', 'the URL is not valid');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiError(400, 'invalid-request', 'content length does not match the body');
  }
  if (status < 500) return new ApiError(status, 'invalid-request', err.message);
  return new ApiError(500, 'internal', 'internal server error');
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err && typeof err === 'object' && 'statusCode' in err) return fromFastifyError(err as FastifyError);
  return new ApiError(500, 'internal', 'internal server error');
}

export function sendError(reply: FastifyReply, err: ApiError): FastifyReply {
  const body: ErrorBody = { ...(err.extra ?? {}), error: { code: err.code, message: err.message } };
  return reply.status(err.status).type('application/json; charset=utf-8').send(body);
}

/** Requests Node's HTTP parser rejects (bad bytes in the URL, broken headers) get the same error shape. */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({
    error: { code: 'bad-request', message: 'the request could not be parsed (URLs must be percent-encoded)' },
  });
  socket.end(
    `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Installs the one error handler and the 404 handler. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const apiErr = toApiError(err);
    if (apiErr.status >= 500) request.log.error({ err }, 'request failed');
    return sendError(reply, apiErr);
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, notFound(`route ${request.method} ${request.url.split('?')[0]}`)));
}
