import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DocBuilder, docToTitleTree } from '@arbor/core';
import { outline } from '../../test/helpers.ts';
import { ImportError } from '../errors.ts';
import { parseText, serializeText } from './index.ts';

const txt = (s: string, fileName?: string) => parseText(new TextEncoder().encode(s), { fileName }).doc;

describe('indented text', () => {
  test('tabs, spaces, bullets and numbers', () => {
    const doc = txt('Plan\n\t- one\n\t\t* one.a\n    2. two\n        • two.a\n        3) two.b\n');
    assert.deepEqual(docToTitleTree(doc), {
      title: 'Plan',
      children: [
        { title: 'one', children: [{ title: 'one.a' }] },
        { title: 'two', children: [{ title: 'two.a' }, { title: 'two.b' }] },
      ],
    });
  });

  test('several top lines get a root named after the file', () => {
    const doc = txt('a\n  a1\nb\n', 'C:\\maps\\week plan.txt');
    assert.deepEqual(docToTitleTree(doc), { title: 'week plan', children: [{ title: 'a', children: [{ title: 'a1' }] }, { title: 'b' }] });
  });

  test('task boxes after a bullet', () => {
    const doc = txt('r\n  - [x] done\n  - [ ] open\n  [x] literal\n');
    const tasks = Object.values(doc.topics).map((t) => [t.text, t.task?.done]);
    assert.deepEqual(tasks, [
      ['r', undefined],
      ['done', true],
      ['open', false],
      ['[x] literal', undefined],
    ]);
  });

  test('round trip keeps texts that look like bullets, empty topics and tasks', () => {
    const b = new DocBuilder({ rootText: '根' });
    const a = b.add(b.rootId, { text: '- dash' });
    b.add(a, { text: '' });
    b.add(a, { text: '1. one', task: { done: true } });
    b.add(b.rootId, { text: '[x] not a task' });
    b.add(b.rootId, { text: '•' });
    const doc = b.build();
    const back = parseText(serializeText(doc)).doc;
    assert.deepEqual(outline(back, ['task']), outline(doc, ['task']));
  });

  test('empty input and binary input are refused clearly', () => {
    assert.throws(
      () => txt('\n \n\t\n'),
      (e: unknown) => e instanceof ImportError && /empty/.test(e.message),
    );
    assert.throws(
      () => parseText(new Uint8Array([0x61, 0xff, 0xfe, 0x62])),
      (e: unknown) => e instanceof ImportError && e.code === 'encoding',
    );
  });
});
