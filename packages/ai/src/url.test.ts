import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPrivateHost } from './url.ts';

test('loopback, private, link-local, metadata and local names are private', () => {
  for (const h of [
    'localhost',
    'api.localhost',
    'printer.local',
    'metadata.google.internal',
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '[::1]',
    '::',
    '[fd00::1]',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '2130706433',
    '0x7f.1',
  ]) {
    assert.equal(isPrivateHost(h), true, h);
  }
});

test('public addresses and names are not', () => {
  for (const h of [
    'api.deepseek.com',
    'dashscope.aliyuncs.com',
    '8.8.8.8',
    '172.32.0.1',
    '192.169.0.1',
    '100.128.0.1',
    '[2001:4860:4860::8888]',
    '::ffff:8.8.8.8',
    'localhost.example.com',
  ]) {
    assert.equal(isPrivateHost(h), false, h);
  }
});
