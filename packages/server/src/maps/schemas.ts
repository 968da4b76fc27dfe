// JSON schemas shared by the map routes (validation and the OpenAPI document).

import { OP_TYPES } from '@arbor/core';

export const idParam = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

export const mapSummarySchema = {
  type: 'object',
  required: ['id', 'title', 'ownerId', 'folderId', 'version', 'visibility', 'starred', 'trashedAt', 'createdAt', 'updatedAt', 'openedAt'],
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    ownerId: { type: 'string' },
    folderId: { type: ['string', 'null'] },
    version: { type: 'integer' },
    visibility: { type: 'string', enum: ['private', 'public'] },
    starred: { type: 'boolean' },
    trashedAt: { type: ['integer', 'null'] },
    createdAt: { type: 'integer' },
    updatedAt: { type: 'integer' },
    openedAt: { type: 'integer' },
    match: {
      type: 'object',
      required: ['in'],
      properties: { in: { type: 'string', enum: ['title', 'content'] }, text: { type: 'string' } },
    },
  },
} as const;

export const mapAnswerSchema = { type: 'object', required: ['map'], properties: { map: mapSummarySchema } } as const;

export const folderSchema = {
  type: 'object',
  required: ['id', 'name', 'parentId', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    parentId: { type: ['string', 'null'] },
    createdAt: { type: 'integer' },
    updatedAt: { type: 'integer' },
  },
} as const;

/** A MindDoc as accepted in request bodies; the full check is restoreDoc() and the op engine. */
export const docSchema = {
  type: 'object',
  required: ['rootId', 'topics'],
  properties: {
    rootId: { type: 'string', minLength: 1 },
    topics: { type: 'object' },
    title: { type: 'string' },
  },
} as const;

export const opsBodySchema = {
  type: 'object',
  required: ['baseVersion', 'ops'],
  additionalProperties: false,
  properties: {
    baseVersion: { type: 'integer', minimum: 0 },
    ops: {
      type: 'array',
      minItems: 1,
      maxItems: 10000,
      items: { type: 'object', required: ['type'], properties: { type: { type: 'string', enum: [...OP_TYPES] } } },
    },
    clientId: { type: 'string', maxLength: 100 },
    batchId: { type: 'string', minLength: 1, maxLength: 100 },
  },
} as const;
