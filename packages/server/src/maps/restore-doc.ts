// The load path for documents coming from the database, an upload or a request body: core's
// restore() migrates the schema and repairs what can be repaired; a document with nothing usable
// is refused with a clear 400, never half-loaded.

import { DocFormatError, type MindDoc, restore } from '@arbor/core';
import { badRequest } from '../http/errors.ts';

/** A MindDoc from untrusted JSON, or a 400 `invalid-doc` ApiError. */
export function restoreDoc(input: unknown): MindDoc {
  try {
    return restore(input).doc;
  } catch (err) {
    if (err instanceof DocFormatError)
      throw badRequest(`the document cannot be read: ${err.path ? `${err.path}: ` : ''}${err.message}`, 'invalid-doc');
    throw err;
  }
}
