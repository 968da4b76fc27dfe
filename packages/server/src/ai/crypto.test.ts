import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decryptSecret, encryptSecret } from './crypto.ts';

test('a key round-trips, with a fresh IV each time', () => {
  const a = encryptSecret('server-secret', 'sk-abc', 'u1');
  const b = encryptSecret('server-secret', 'sk-abc', 'u1');
  assert.notEqual(a, b);
  assert.ok(!a.includes('sk-abc'));
  assert.equal(decryptSecret('server-secret', a, 'u1'), 'sk-abc');
});

test('another secret, another user, or a tampered value does not decrypt', () => {
  const a = encryptSecret('server-secret', 'sk-abc', 'u1');
  assert.equal(decryptSecret('other-secret', a, 'u1'), null);
  assert.equal(decryptSecret('server-secret', a, 'u2'), null);
  const parts = a.split('.');
  const data = Buffer.from(parts[3] as string, 'base64url');
  data[0] = (data[0] as number) ^ 1;
  assert.equal(decryptSecret('server-secret', [parts[0], parts[1], parts[2], data.toString('base64url')].join('.'), 'u1'), null);
  assert.equal(decryptSecret('server-secret', 'garbage', 'u1'), null);
});
