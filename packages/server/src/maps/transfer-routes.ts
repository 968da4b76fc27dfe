// Import (POST /api/import, multipart) and export (GET /api/maps/:id/export?format=…).
// Map files go through @arbor/formats; documents (Word, PDF, HTML, plain text) through
// @arbor/docmap. Every failure is a typed ImportError turned into a clear 4xx.
// Both packages are loaded on first use, which keeps server start-up fast.

import type { MindDoc } from '@arbor/core';
import type { ReportItem } from '@arbor/formats';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { requireUser } from '../auth/index.ts';
import { ApiError, badRequest } from '../http/errors.ts';
import { requireMapRole } from './access.ts';
import { assertOwnFolder, createMap, mapSummary } from './files.ts';
import { idParam, mapSummarySchema } from './schemas.ts';

export type ImportMode = 'auto' | 'map' | 'document';

const DOCUMENT_EXT = /\.(docx|pdf|html?|txt|text)$/i;
const isPdf = (b: Uint8Array) => b.length > 4 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46;

/** A map from an uploaded file: map formats through formats, documents through docmap. */
export async function importUpload(
  bytes: Uint8Array,
  fileName: string,
  mode: ImportMode,
): Promise<{ doc: MindDoc; report: ReportItem[]; format: string }> {
  if (bytes.length === 0) throw badRequest('文件是空的 (the file is empty)', 'import-failed');
  const [{ documentToMap }, { ImportError, importFile }] = await Promise.all([import('@arbor/docmap'), import('@arbor/formats')]);
  try {
    const asDocument = mode === 'document' || (mode === 'auto' && (DOCUMENT_EXT.test(fileName) || isPdf(bytes)));
    if (asDocument) {
      const r = await documentToMap(bytes, { fileName });
      return { doc: r.doc, report: r.report, format: r.format };
    }
    const r = await importFile(bytes, { fileName });
    return { doc: r.doc, report: r.report, format: r.format };
  } catch (err) {
    if (err instanceof ImportError) {
      throw new ApiError(err.code === 'too-large' ? 413 : 400, err.code === 'too-large' ? 'too-large' : 'import-failed', err.message, {
        reason: err.code,
      });
    }
    throw err;
  }
}

/** `attachment; filename=…` that survives Chinese titles (RFC 6266 / 5987). */
export function attachmentHeader(title: string, ext: string): string {
  const base = (title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').trim() || 'map').slice(0, 120);
  const name = `${base}.${ext}`;
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export interface ExportQuery {
  format: string;
  pageSize: 'fit' | 'a4' | 'a3';
  orientation: 'auto' | 'portrait' | 'landscape';
}

export const exportQuerySchema = {
  type: 'object',
  required: ['format'],
  properties: {
    format: { type: 'string', minLength: 1, maxLength: 20, pattern: '^[a-z0-9-]+$' },
    pageSize: { type: 'string', enum: ['fit', 'a4', 'a3'], default: 'fit' },
    orientation: { type: 'string', enum: ['auto', 'portrait', 'landscape'], default: 'auto' },
  },
} as const;

export default async function transferRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;

  app.post(
    '/api/import',
    {
      schema: {
        summary: 'Create a map from an uploaded file (multipart: file, optional mode=auto|map|document, folderId, title)',
        tags: ['files'],
        consumes: ['multipart/form-data'],
        response: {
          201: {
            type: 'object',
            required: ['id', 'report'],
            properties: {
              id: { type: 'string' },
              format: { type: 'string' },
              map: mapSummarySchema,
              report: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { kind: { type: 'string' }, message: { type: 'string' }, count: { type: 'integer' } },
                },
              },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      if (!request.isMultipart()) throw new ApiError(415, 'unsupported-media-type', 'send the file as multipart/form-data');
      const fields: Record<string, string> = {};
      let file: { name: string; bytes: Uint8Array } | undefined;
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          if (file) throw badRequest('send one file per import');
          file = { name: part.filename || 'upload', bytes: new Uint8Array(await part.toBuffer()) };
        } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      }
      if (!file) throw badRequest('no file in the upload (field "file")');
      const mode = (fields.mode ?? 'auto') as ImportMode;
      if (!['auto', 'map', 'document'].includes(mode)) throw badRequest('mode must be auto, map or document');
      const folderId = fields.folderId || null;
      await assertOwnFolder(db, user.id, folderId);
      const title = fields.title?.trim() ? fields.title.trim().slice(0, 500) : undefined;
      const result = await importUpload(file.bytes, file.name, mode);
      const row = await createMap(db, { ownerId: user.id, doc: result.doc, title, folderId });
      return reply.status(201).send({ id: row.id, format: result.format, map: mapSummary(row), report: result.report });
    },
  );

  app.get('/api/formats', { schema: { summary: 'Formats the server reads and writes', tags: ['files'] } }, async () => {
    const { listFormats } = await import('@arbor/formats');
    return { items: listFormats() };
  });

  app.get<{ Params: { id: string }; Querystring: ExportQuery }>(
    '/api/maps/:id/export',
    {
      schema: {
        summary:
          'Download a map in a format (json, xmind, mm, opml, markdown, text, svg, png, pdf, …). PDF only: pageSize fit (one page, default) | a4 | a3 (tiled pages), orientation auto (default) | portrait | landscape',
        tags: ['files'],
        params: idParam,
        querystring: exportQuerySchema,
      },
    },
    async (request, reply) => {
      const access = await requireMapRole(request, request.params.id, 'view', { allowTrashed: true });
      const { doc } = await app.maps.read(access.map.id);
      return sendExport(reply, access.map.title, doc, request.query);
    },
  );
}

/**
 * Sends a document in the asked format as a download (map export and template download alike).
 * Page options reach the PDF writer only: every other format is written as before.
 */
export async function sendExport(reply: FastifyReply, title: string, doc: MindDoc, query: ExportQuery) {
  const { exportDoc, extensionFor, ExportError, ImportError, listFormats } = await import('@arbor/formats');
  const { format, pageSize, orientation } = query;
  const info = listFormats().find((f) => f.name === format || f.extensions.includes(format));
  const options = info?.name === 'pdf' ? { pageSize, orientation } : {};
  let bytes: Uint8Array;
  try {
    bytes = await exportDoc(doc, format, options);
  } catch (err) {
    if (err instanceof ImportError) throw new ApiError(400, 'unsupported-format', err.message);
    if (err instanceof ExportError) throw new ApiError(400, 'export-failed', err.message);
    throw err;
  }
  return (
    reply
      .type(info?.mimeType ?? 'application/octet-stream')
      .header('content-disposition', attachmentHeader(title, extensionFor(info?.name ?? format)))
      .header('x-content-type-options', 'nosniff')
      // An exported SVG opened straight from the download must not run anything.
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; sandbox")
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  );
}
