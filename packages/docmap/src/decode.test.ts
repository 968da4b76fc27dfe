import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ImportError } from '@arbor/formats';
import { decodeText } from './decode.ts';

const GBK_NIHAO = new Uint8Array([0xc4, 0xe3, 0xba, 0xc3, 0xa3, 0xac, 0xca, 0xc0, 0xbd, 0xe7]); // 你好，世界

test('UTF-8, with and without BOM; CRLF becomes LF', () => {
  assert.deepEqual(decodeText(new TextEncoder().encode('第一条\r\n内容')), { text: '第一条\n内容', encoding: 'utf-8' });
  assert.equal(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('标题')])).text, '标题');
});

test('UTF-16 with BOM, both byte orders', () => {
  const le = new Uint8Array([0xff, 0xfe, 0x00, 0x4e, 0x01, 0x4e]);
  assert.deepEqual(decodeText(le), { text: '一丁', encoding: 'utf-16le' });
  const be = new Uint8Array([0xfe, 0xff, 0x4e, 0x00, 0x4e, 0x01]);
  assert.deepEqual(decodeText(be), { text: '一丁', encoding: 'utf-16be' });
});

test('GB18030/GBK is detected when the bytes are not UTF-8', () => {
  assert.deepEqual(decodeText(GBK_NIHAO), { text: '你好，世界', encoding: 'gb18030' });
});

test('binary data named .txt is refused with an ImportError', () => {
  const bin = new Uint8Array(4096);
  for (let i = 0; i < bin.length; i++) bin[i] = (i * 7919) % 256;
  assert.throws(
    () => decodeText(bin),
    (e) => e instanceof ImportError && e.code === 'malformed',
  );
});
