// Request validation: bodies are checked strictly (no type coercion: `"0"` is not a number),
// while path parameters and query strings — always text on the wire — are coerced to the
// declared types.

import { Ajv, type Options } from 'ajv';
import type { FastifyInstance, FastifySchema } from 'fastify';

const common: Options = { allErrors: false, removeAdditional: false, useDefaults: true, strict: false };

export function installValidation(app: FastifyInstance): void {
  const strict = new Ajv({ ...common, coerceTypes: false });
  const coercing = new Ajv({ ...common, coerceTypes: 'array' });
  app.setValidatorCompiler<FastifySchema>(({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? strict : coercing;
    return ajv.compile(schema as object);
  });
}
