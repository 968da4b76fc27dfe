// Users' API keys at rest: AES-256-GCM under a key derived from the server SECRET (HKDF-SHA256),
// a fresh 12-byte IV per value, the user id as associated data (a ciphertext copied to another
// user's row does not decrypt). Stored as `v1.<iv>.<tag>.<ciphertext>` in base64url.

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const keys = new Map<string, Buffer>();

function keyFor(secret: string): Buffer {
  let k = keys.get(secret);
  if (!k) {
    k = Buffer.from(hkdfSync('sha256', secret, 'arbor-ai-keys', 'api-key-encryption-v1', 32));
    keys.set(secret, k);
  }
  return k;
}

export function encryptSecret(secret: string, plain: string, userId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret), iv);
  cipher.setAAD(Buffer.from(userId, 'utf8'));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

/** The plain value, or null when it cannot be decrypted (the SECRET changed, or the value was tampered with). */
export function decryptSecret(secret: string, stored: string, userId: string): string | null {
  const [v, iv, tag, data] = stored.split('.');
  if (v !== 'v1' || !iv || !tag || data === undefined) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(userId, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
