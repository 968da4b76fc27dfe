import assert from 'node:assert/strict';
import { test } from 'node:test';
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
