import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DocBuilder } from '@arbor/core';
import { allTexts, findTopic, fixture, outline, SHARED_SKIP, shared, topicCount } from '../../test/helpers.ts';
import { parseMarkdown, serializeMarkdown } from './index.ts';

const md = (s: string) => parseMarkdown(new TextEncoder().encode(s)).doc;
const FIELDS = ['note', 'href', 'image', 'task', 'folded'] as const;

describe('Markdown reader', () => {
  test('the hexo markmap example: front matter, tags, options and fences skipped', () => {
    const doc = parseMarkdown(fixture('markdown/hexo-markmap-example.md')).doc;
    assert.equal(topicCount(doc), 22);
    assert.equal(doc.topics[doc.rootId]?.text, 'Markmap Example'); // two H1s: root from the front matter
    // The second copy sits in a four-backtick fence and must not add topics.
    assert.equal(allTexts(doc).filter((t) => t === 'Links').length, 1);
    assert.ok(!allTexts(doc).some((t) => t.includes('colorFreezeLevel')));
    assert.match(findTopic(doc, 'Usage')?.note ?? '', /^````markdown\n\{% markmap %\}/);
    assert.equal(findTopic(doc, 'coc-markmap for Neovim')?.href, 'https://github.com/gera2ld/coc-markmap');
    assert.deepEqual(findTopic(doc, 'checkbox')?.task, { done: true });
    assert.equal(findTopic(doc, 'Katex: $x = {-b \\pm \\sqrt{b^2-4ac} \\over 2a}$')?.folded, true);
    const blocks = findTopic(doc, 'Blocks');
    assert.deepEqual(blocks?.image, { src: 'https://markmap.js.org/favicon.png' });
    assert.match(blocks?.note ?? '', /console\.log\('hello, JavaScript'\)/);
    assert.ok(allTexts(doc).includes('strong del italic highlight'));
  });

  test('the Chinese criminal law: one H1 is the root, articles become notes', () => {
    const doc = parseMarkdown(fixture('markdown/law-cn-criminal-law-cjk.md')).doc;
    assert.equal(topicCount(doc), 58);
    assert.equal(doc.topics[doc.rootId]?.text, '中华人民共和国刑法');
    assert.match(doc.topics[doc.rootId]?.note ?? '', /^1979年7月1日/);
    const chapter = findTopic(doc, '第一章 刑法的任务、基本原则和适用范围');
    assert.match(chapter?.note ?? '', /^第一条 为了惩罚犯罪/);
    assert.equal(doc.topics[chapter?.parentId as string]?.text, '第一编 总则');
  });

  test('lists nest by indentation; paragraphs under items are their notes', () => {
    const doc = md('# R\n\n- a\n\n  continued note\n  - a1\n\n    a1 note\n* b\n1. c\n   1) c1\n\npara under R\n');
    assert.deepEqual(outline(doc, ['note']), {
      text: 'R',
      fields: { note: 'para under R' },
      children: [
        {
          text: 'a',
          fields: { note: 'continued note' },
          children: [{ text: 'a1', fields: { note: 'a1 note' }, children: [] }],
        },
        { text: 'b', fields: {}, children: [] },
        { text: 'c', fields: {}, children: [{ text: 'c1', fields: {}, children: [] }] },
      ],
    });
  });

  test('setext headings, several top headings and a lone list', () => {
    const doc = parseMarkdown(new TextEncoder().encode('A\n===\n\nB\n---\n\nC\n===\n'), { fileName: 'notes.md' }).doc;
    assert.equal(doc.topics[doc.rootId]?.text, 'notes');
    assert.equal(topicCount(doc), 4);
    const list = md('- only\n  - child\n');
    assert.equal(list.topics[list.rootId]?.text, 'only');
    assert.equal(topicCount(list), 2);
  });

  test('round trip keeps topics, order, notes, links, images, tasks and folding', () => {
    const b = new DocBuilder({ rootText: 'Root *with* [brackets]' });
    const a = b.add(b.rootId, { text: 'A # not a heading', note: '- not an item\n# not a heading\n\n```\ncode\n```' });
    const a1 = b.add(a, { text: 'A1', href: 'https://example.org/a_(b)', task: { done: false } });
    b.add(a1, { text: 'deep `code`', image: { src: 'https://example.org/i.png', alt: 'pic' }, folded: true });
    b.add(a1, { text: '', note: 'empty title' });
    b.add(b.rootId, { text: '1. numbered text', task: { done: true }, note: 'line\nnext' });
    b.add(b.rootId, { text: 'line one\nline two & <b>' });
    const doc = b.build();
    const back = parseMarkdown(serializeMarkdown(doc)).doc;
    assert.deepEqual(outline(back, [...FIELDS]), outline(doc, [...FIELDS]));
  });
});

describe('Markdown fixtures from ../shared', { skip: SHARED_SKIP }, () => {
  const cases: [string, number, string, string[]][] = [
    ['markdown/ocd-ad-acl.md', 63, 'ACLs/ACEs permissions', ['Shadow Credentials', 'Grant Ownership']],
    ['markdown/ocd-ad-adcs.md', 82, 'ADCS', []],
    ['markdown/hexo-markmap-example.md', 22, 'Markmap Example', ['Usage']],
    ['markdown/law-cn-criminal-law-cjk.md', 58, '中华人民共和国刑法', ['第一编 总则']],
  ];
  for (const [file, count, root, texts] of cases)
    test(`${file}: ${count} topics`, () => {
      const { doc } = parseMarkdown(shared(file));
      assert.equal(topicCount(doc), count);
      assert.equal(doc.topics[doc.rootId]?.text, root);
      for (const t of texts) assert.ok(allTexts(doc).includes(t), `missing "${t}"`);
      const back = parseMarkdown(serializeMarkdown(doc)).doc;
      assert.deepEqual(outline(back, [...FIELDS]), outline(doc, [...FIELDS]));
    });

  test('inline code commands keep their text', () => {
    const { doc } = parseMarkdown(shared('markdown/ocd-ad-acl.md'));
    assert.ok(allTexts(doc).includes("secretsdump.py '<domain>'/'<user>':'<password>'@'<domain_controller>'"));
  });
});

describe('Markdown reader: what CommonMark calls HTML', () => {
  test('an item that is only a placeholder tag keeps it as text; inline HTML stays as written', () => {
    const doc = md('# R\n- <password>\n- run <b>x</b> as <user>\n');
    assert.deepEqual(allTexts(doc).slice(1), ['<password>', 'run <b>x</b> as <user>']);
  });
});
