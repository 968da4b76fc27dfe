// Password hashing with scrypt (node:crypto) and a random per-user salt.
// Stored as `scrypt$N$r$p$saltB64$hashB64` so parameters can be raised later without breaking old hashes.

import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** Default scrypt cost: N = 2^14 (about 50 ms on a quiet 2-core machine). */
export const DEFAULT_SCRYPT_LOG_N = 14;
const R = 8;
const P = 1;
const KEY_LEN = 32;

function scryptAsync(password: string, salt: Buffer, n: number, r: number, p: number, keyLen: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLen, { N: n, r, p, maxmem: 128 * n * r * 2 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** Hashes with cost N = 2^logN (the parameters are stored in the hash, so the cost may change later). */
export async function hashPassword(password: string, logN = DEFAULT_SCRYPT_LOG_N): Promise<string> {
  const n = 2 ** Math.min(20, Math.max(10, logN));
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, n, R, P, KEY_LEN);
  return `scrypt$${n}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![n, r, p].every((x) => Number.isInteger(x) && x > 0) || n > 1 << 20) return false;
  const salt = Buffer.from(parts[4] as string, 'base64');
  const expected = Buffer.from(parts[5] as string, 'base64');
  if (expected.length === 0) return false;
  const key = await scryptAsync(password, salt, n, r, p, expected.length);
  return timingSafeEqual(key, expected);
}
