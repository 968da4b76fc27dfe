// Request schemas of the AI routes: the JSON Schema Fastify validates each body against, with the
// body's TypeScript type beside it, and the SSE response every flow route documents. A client-given
// branch (nested, so only partly covered by its schema) is checked by checkBranch.

import type { BranchNode } from '@arbor/ai';
import { PROVIDER_PRESETS } from '@arbor/ai';
import { asTopicId, STRUCTURE_NAMES, type StructureName } from '@arbor/core';
import { badRequest } from '../http/errors.ts';

export const TAGS = ['ai'];
const str = (max: number, min = 0) => ({ type: 'string', minLength: min, maxLength: max }) as const;
const idStr = str(200, 1);
const language = str(20, 1);
const texts = { type: 'array', maxItems: 100, items: str(500) } as const;
/** A 16 MB file in base64. */
const MAX_FILE_BASE64 = Math.ceil((16 * 1024 * 1024 * 4) / 3) + 4;

export const SSE_RESPONSE = {
  200: {
    description:
      'text/event-stream: `start {flow, model, source}`, then `ops {ops}` / `progress {done, total, label}` / `proposal {changes}` / `section {id, status}` / `answer {…}`, and last `done {usage, …}` or `error {code, message}`',
    type: 'string',
  },
} as const;

// ── settings ─────────────────────────────────────────────────────────────────────────────────

export interface SettingsBody {
  preset?: string | null;
  baseUrl?: string | null;
  model?: string | null;
  apiKey?: string | null;
}
export const settingsBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    preset: { type: ['string', 'null'], enum: [...PROVIDER_PRESETS.map((p) => p.id), null] },
    baseUrl: { type: ['string', 'null'], maxLength: 500 },
    model: { type: ['string', 'null'], minLength: 1, maxLength: 200 },
    apiKey: { type: ['string', 'null'], minLength: 1, maxLength: 500 },
  },
};

// ── flows ────────────────────────────────────────────────────────────────────────────────────

export interface GenerateBody {
  topic: string;
  anchorId?: string;
  depth?: number;
  language?: string;
  hint?: string;
  structure?: StructureName;
}
export const generateBody = {
  type: 'object',
  required: ['topic'],
  additionalProperties: false,
  properties: {
    topic: str(2000, 1),
    anchorId: idStr,
    depth: { type: 'integer', minimum: 1, maximum: 5 },
    language,
    hint: str(300),
    structure: { type: 'string', enum: [...STRUCTURE_NAMES] },
  },
};

export interface ExpandBody {
  mapId?: string;
  topicId: string;
  path?: string[];
  siblings?: string[];
  children?: string[];
  count?: number;
  depth?: number;
  language?: string;
}
export const expandBody = {
  type: 'object',
  required: ['topicId'],
  additionalProperties: false,
  properties: {
    mapId: idStr,
    topicId: idStr,
    path: { ...texts, minItems: 1 },
    siblings: texts,
    children: texts,
    count: { type: 'integer', minimum: 1, maximum: 12 },
    depth: { type: 'integer', minimum: 1, maximum: 3 },
    language,
  },
};

/** condense and regenerate. */
export interface ReviseBody {
  mapId?: string;
  topicId: string;
  branch?: BranchNode;
  keep?: string[];
  instruction?: string;
  maxTopics?: number;
  depth?: number;
  language?: string;
}
export const reviseBody = {
  type: 'object',
  required: ['topicId'],
  additionalProperties: false,
  properties: {
    mapId: idStr,
    topicId: idStr,
    // Nested branch given by a client without a saved map; depth is bounded below when it is read.
    branch: {
      type: 'object',
      required: ['id', 'text'],
      properties: { id: idStr, text: str(500), children: { type: 'array', maxItems: 500 } },
    },
    keep: { type: 'array', maxItems: 2000, items: idStr },
    instruction: str(500),
    maxTopics: { type: 'integer', minimum: 1, maximum: 200 },
    depth: { type: 'integer', minimum: 1, maximum: 6 },
    language,
  },
};

/** Checks a client-given branch: ids and texts are strings, not too deep, not too many topics. */
export function checkBranch(n: unknown, depth = 0, count = { n: 0 }): BranchNode {
  if (!n || typeof n !== 'object') throw badRequest('branch: each node must be an object {id, text, children?}');
  const o = n as Record<string, unknown>;
  if (typeof o.id !== 'string' || !o.id || o.id.length > 200 || typeof o.text !== 'string' || o.text.length > 500)
    throw badRequest('branch: each node needs an id and a text (≤ 500 characters)');
  if (depth > 12 || ++count.n > 2000) throw badRequest('branch: too deep or too many topics');
  const kids = o.children === undefined ? [] : Array.isArray(o.children) ? o.children : null;
  if (!kids) throw badRequest('branch: children must be an array');
  return { id: asTopicId(o.id), text: o.text, children: kids.map((c) => checkBranch(c, depth + 1, count)) };
}

export interface RewriteBody {
  topics: { id: string; text: string }[];
  style: 'shorter' | 'clearer' | 'translate';
  targetLanguage?: string;
  language?: string;
}
export const rewriteBody = {
  type: 'object',
  required: ['topics', 'style'],
  additionalProperties: false,
  properties: {
    topics: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      items: { type: 'object', required: ['id', 'text'], additionalProperties: false, properties: { id: idStr, text: str(500) } },
    },
    style: { type: 'string', enum: ['shorter', 'clearer', 'translate'] },
    targetLanguage: language,
    language,
  },
};

/** A document given as text or as a file (base64); see readDocument in flow-support.ts. */
export interface DocumentSource {
  text?: string;
  file?: { name: string; data: string };
}
const documentSource = {
  text: str(20_000_000),
  file: {
    type: 'object',
    required: ['name', 'data'],
    additionalProperties: false,
    properties: { name: str(255, 1), data: { type: 'string', minLength: 1, maxLength: MAX_FILE_BASE64 } },
  },
} as const;

export interface DocumentBody extends DocumentSource {
  anchorId?: string;
  resume?: string[];
  concurrency?: number;
  language?: string;
}
export const documentBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...documentSource,
    anchorId: idStr,
    resume: { type: 'array', maxItems: 10_000, items: idStr },
    concurrency: { type: 'integer', minimum: 1, maximum: 4 },
    language,
  },
};

export interface AskBody extends DocumentSource {
  question: string;
  mapId?: string;
  anchorId?: string;
  language?: string;
}
export const askBody = {
  type: 'object',
  required: ['question'],
  additionalProperties: false,
  properties: { question: str(1000, 1), ...documentSource, mapId: idStr, anchorId: idStr, language },
};
