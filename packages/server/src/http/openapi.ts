// Builds /api/openapi.json from the JSON schemas of the routes actually registered, so the
// document never drifts from what the server validates.

import type { FastifyInstance, RouteOptions } from 'fastify';

interface CollectedRoute {
  method: string;
  url: string;
  schema: Record<string, unknown> | undefined;
}

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** `/api/maps/:id/ops` → `/api/maps/{id}/ops` */
function toOpenApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function pathParams(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] as string);
}

export function collectRoutes(app: FastifyInstance): CollectedRoute[] {
  const routes: CollectedRoute[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api/') && route.url !== '/healthz') return;
    if ((route.schema as { hide?: boolean } | undefined)?.hide) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) {
      const method = m.toLowerCase();
      if (HTTP_METHODS.has(method)) routes.push({ method, url: route.url, schema: route.schema as Record<string, unknown> | undefined });
    }
  });
  return routes;
}

export function buildOpenApi(routes: CollectedRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const s = r.schema ?? {};
    const op: Record<string, unknown> = {};
    if (typeof s.summary === 'string') op.summary = s.summary;
    if (Array.isArray(s.tags)) op.tags = s.tags;
    const parameters: unknown[] = pathParams(r.url).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
    const qs = s.querystring as { properties?: Record<string, unknown>; required?: string[] } | undefined;
    for (const [name, schema] of Object.entries(qs?.properties ?? {})) {
      parameters.push({ name, in: 'query', required: qs?.required?.includes(name) ?? false, schema });
    }
    if (parameters.length) op.parameters = parameters;
    if (s.body) op.requestBody = { required: true, content: { 'application/json': { schema: s.body } } };
    if (s.consumes) op.requestBody = { required: true, content: { 'multipart/form-data': { schema: { type: 'object' } } } };
    const responses: Record<string, unknown> = {};
    for (const [code, schema] of Object.entries((s.response as Record<string, unknown>) ?? {})) {
      responses[code] = { description: `HTTP ${code}`, content: { 'application/json': { schema } } };
    }
    responses.default = { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    op.responses = responses;
    const url = toOpenApiPath(r.url);
    paths[url] ??= {};
    (paths[url] as Record<string, unknown>)[r.method] = op;
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Arbor API', version: '1' },
    paths,
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } },
          },
        },
      },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'arbor_session' } },
    },
  };
}
