// Random bearer tokens (sessions, share links): the client keeps the token, the database keeps its hash.

import { createHash, randomBytes } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A random id for database rows (22 base64url characters). */
export function newRowId(): string {
  return randomBytes(16).toString('base64url');
}
