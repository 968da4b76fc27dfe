// Property: the bytes of a provider's SSE answer split anywhere (inside a UTF-8 character, a line,
// a field name, between CR and LF) give exactly the same operations as the whole answer.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asTopicId, type Op } from '@arbor/core';
import fc from 'fast-check';
import { OutlineParser } from './outline.ts';
import { SseDecoder } from './sse.ts';
import { recordedStream } from './testing/fake-openai.ts';

const ANSWERS = [
  '好的，以下是大纲：\n```markdown\n# 人工智能 🤖\n## 1. 机器学习\n- 监督学习\n  - 分类\n- 无监督学习\n## 2. 深度学习\n```\n希望有帮助！',
  '- 时间管理\n  - 番茄工作法\n  - 四象限\n- 目标设定：\n  - SMART 原则\n',
];

function opsFrom(pieces: Uint8Array[]): Op[] {
  const d = new SseDecoder();
  const p = new OutlineParser({ anchorId: asTopicId('root'), mode: 'title' });
  const ops: Op[] = [];
  const take = (events: ReturnType<SseDecoder['push']>) => {
    for (const e of events) {
      if (e.data === '[DONE]') continue;
      const content = (JSON.parse(e.data) as { choices: { delta?: { content?: string } }[] }).choices[0]?.delta?.content;
      if (content) ops.push(...p.push(content));
    }
  };
  for (const piece of pieces) take(d.push(piece));
  take(d.end());
  ops.push(...p.end());
  return ops;
}

test('property: any byte split of the SSE answer gives the same operations', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...ANSWERS),
      fc.boolean(),
      fc.integer({ min: 1, max: 7 }),
      fc.array(fc.nat(), { maxLength: 40 }),
      (answer, crlf, piece, cuts) => {
        let wire = recordedStream(answer, { pieceChars: piece });
        if (crlf) wire = wire.replace(/\n/g, '\r\n');
        const bytes = new TextEncoder().encode(wire);
        const whole = opsFrom([bytes]);
        assert.ok(whole.length >= 5);
        const points = [...new Set(cuts.map((c) => c % bytes.length))].sort((a, b) => a - b);
        const pieces: Uint8Array[] = [];
        let prev = 0;
        for (const at of [...points, bytes.length]) {
          pieces.push(bytes.subarray(prev, at));
          prev = at;
        }
        assert.deepEqual(opsFrom(pieces), whole);
      },
    ),
    { numRuns: 300 },
  );
});
