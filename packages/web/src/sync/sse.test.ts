import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SseParser } from './sse.ts';

test('SSE messages split anywhere across chunks, with CRLF, comments and several data lines', () => {
  const text =
    'event: hello\r\ndata: {"version":3}\r\n\r\n: keep-alive\n\nid: 4\nevent: ops\ndata: line one\ndata: line two\n\ndata:no space\n\n';
  const whole = new SseParser().push(text);
  assert.deepEqual(whole, [
    { event: 'hello', data: '{"version":3}' },
    { event: 'ops', data: 'line one\nline two', id: '4' },
    { event: 'message', data: 'no space', id: '4' },
  ]);
  for (let size = 1; size <= 7; size++) {
    const p = new SseParser();
    const got = [];
    for (let i = 0; i < text.length; i += size) got.push(...p.push(text.slice(i, i + size)));
    assert.deepEqual(got, whole, `chunks of ${size}`);
  }
});

test('an event without data is not delivered, and an unfinished one waits', () => {
  const p = new SseParser();
  assert.deepEqual(p.push('event: ping\n\nevent: ops\ndata: {"a":'), []);
  assert.deepEqual(p.push('1}\n'), []);
  assert.deepEqual(p.push('\n'), [{ event: 'ops', data: '{"a":1}' }]);
});
