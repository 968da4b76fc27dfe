import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docToTitleTree } from '@arbor/core';
import { documentToMap } from '../convert.ts';
import { markdownToBlocks, stripInline } from './markdown.ts';

test('ATX with closing hashes, Setext, lists, tables, fenced and indented code, quotes, comments', () => {
  const md = [
    '## Usage ##',
    '',
    'Title line',
    '==========',
    '',
    'Some *emphasis* and a [link](http://x) and `code`.',
    'continued here.',
    '',
    '- item one',
    '1. numbered',
    '',
    '| a | b |',
    '| --- | --- |',
    '| 1 | 2 |',
    '',
    '```sh',
    '# not a heading',
    '```',
    '',
    '    indented code',
    '',
    '> quoted',
    '<!-- hidden -->',
    '',
    '\u200b',
    '第一条 正文',
  ].join('\n');
  const blocks = markdownToBlocks(md);
  assert.deepEqual(
    blocks.map((b) => `${b.kind}${b.level ?? ''}:${b.text}`),
    [
      'heading2:Usage',
      'heading1:Title line',
      'paragraph:Some emphasis and a link and code. continued here.',
      'list-item:item one',
      'list-item:numbered',
      'table:a | b\n1 | 2',
      'code:# not a heading',
      'code:indented code',
      'quote:quoted',
      'paragraph:第一条 正文',
    ],
  );
  for (const b of blocks) assert.ok(b.start >= 0 && b.end <= md.length && b.start < b.end);
});

test('inline markup is removed, text kept', () => {
  assert.equal(stripInline('rbenv _does…_ **not** ![img](a.png) \\*'), 'rbenv does… not img *');
});

test('front matter, Hexo tags and markmap options are metadata; a longer fence quotes a shorter one', async () => {
  const md = [
    '---',
    'title: "Markmap 示例"',
    'tags: [a]',
    '---',
    '',
    '# Effect',
    '',
    '{% markmap %}',
    '---',
    'options:',
    '  colorFreezeLevel: 2',
    '---',
    '',
    '## Lists',
    '',
    '- **strong** ~~del~~ *italic* ==highlight==',
    '- [x] checkbox',
    '- Katex: $x$ <!-- markmap: fold -->',
    '{% endmarkmap %}',
    '',
    '# Usage',
    '',
    '````markdown',
    '```js',
    'console.log(1)',
    '```',
    '````',
    '',
    '## After',
  ].join('\n');
  const { doc } = await documentToMap(new TextEncoder().encode(md), { fileName: 'example.md' });
  const tree = docToTitleTree(doc);
  assert.equal(tree.title, 'Markmap 示例');
  const texts = Object.values(doc.topics).map((t) => t.text);
  assert.ok(!texts.some((t) => /colorFreezeLevel|markmap %|^title:|^$/.test(t)), texts.join(' / '));
  assert.ok(texts.includes('strong del italic highlight'));
  assert.ok(texts.includes('checkbox'));
  assert.ok(texts.includes('Katex: $x$'));
  // The ```` block ends at ````, not at the ``` inside it: "After" is a heading under Usage.
  const usage = tree.children?.find((c) => c.title === 'Usage');
  assert.ok(usage?.children?.some((c) => c.title === 'After'));
});

test('CommonMark: nested lists make levels, placeholders in angle brackets stay, escapes and code spans read exactly', async () => {
  const md = [
    '# Notes',
    '',
    '## A',
    '- a1',
    '  - a11',
    '    - a111',
    '- a2',
    '',
    '## B',
    '- `secretsdump.py <domain>/<user>@<dc>` and <b>bold</b> for <user>',
    '- plain \\> escaped \\*star\\*',
    '- <password>',
  ].join('\n');
  const { doc } = await documentToMap(new TextEncoder().encode(md), { fileName: 'notes.md' });
  assert.deepEqual(docToTitleTree(doc), {
    title: 'Notes',
    children: [
      { title: 'A', children: [{ title: 'a1', children: [{ title: 'a11', children: [{ title: 'a111' }] }] }, { title: 'a2' }] },
      {
        title: 'B',
        children: [
          { title: 'secretsdump.py <domain>/<user>@<dc> and bold for <user>' },
          { title: 'plain > escaped *star*' },
          { title: '<password>' },
        ],
      },
    ],
  });
});

test('a flat list stays body text; a list item continued by a paragraph keeps it as body', () => {
  const blocks = markdownToBlocks('## H\n\n- one\n\n  more about one\n- two\n');
  assert.deepEqual(
    blocks.map((b) => `${b.kind}:${b.text}`),
    ['heading:H', 'list-item:one', 'paragraph:more about one', 'list-item:two'],
  );
});
