// Markdown fidelity (issue 17, part 1): the CommonMark reader keeps nested lists as levels, text in
// angle brackets that is not HTML, code exactly and escapes; the writer's output reads back as the
// same tree and texts, also after a trip through XMind or OPML. Random maps use hostile texts.

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DocBuilder, type MindDoc, type TopicId } from '@arbor/core';
import fc from 'fast-check';
import { outline, SHARED, SHARED_SKIP, shared } from '../../test/helpers.ts';
import { exportDoc, importFile } from '../registry.ts';
import { parseMarkdown, serializeMarkdown } from './index.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const md = (s: string) => parseMarkdown(enc(s)).doc;
const tree = (doc: MindDoc) => outline(doc, []);
const texts = (doc: MindDoc) => Object.values(doc.topics).map((t) => t.text);

async function via(doc: MindDoc, format: 'markdown' | 'xmind' | 'opml'): Promise<MindDoc> {
  const ext = format === 'markdown' ? 'md' : format;
  const bytes = await exportDoc(doc, format);
  const mid = (await importFile(bytes, { fileName: `m.${ext}` })).doc;
  if (format === 'markdown') return mid;
  return (await importFile(await exportDoc(mid, 'markdown'), { fileName: 'm.md' })).doc;
}

describe('Markdown read as CommonMark', () => {
  test('nested lists under a heading make levels (the example of issue 17)', () => {
    const doc = md('# R\n\n## A\n- a1\n  - a11\n    - a111\n- a2\n');
    assert.deepEqual(tree(doc), {
      text: 'R',
      fields: {},
      children: [
        {
          text: 'A',
          fields: {},
          children: [
            { text: 'a1', fields: {}, children: [{ text: 'a11', fields: {}, children: [{ text: 'a111', fields: {}, children: [] }] }] },
            { text: 'a2', fields: {}, children: [] },
          ],
        },
      ],
    });
  });

  test('angle brackets that are not HTML are text; code spans and fences keep their text', () => {
    const doc = md(
      [
        '# Cmd',
        '- `mimikatz lsadump::dcsync /domain:<target_domain> /user:<target_domain>\\administrator`',
        '- run as <target_domain>\\admin with  two spaces',
        '- `` a`b ``',
        '- x <!-- a comment --> y',
        '',
        '```sh',
        'net user <user> <password> /domain',
        '# not a heading',
        '```',
      ].join('\n'),
    );
    assert.deepEqual(texts(doc).slice(1), [
      'mimikatz lsadump::dcsync /domain:<target_domain> /user:<target_domain>\\administrator',
      'run as <target_domain>\\admin with  two spaces',
      'a`b',
      'x y',
    ]);
    assert.equal(doc.topics[doc.rootId]?.note, '```sh\nnet user <user> <password> /domain\n# not a heading\n```');
  });

  test('escapes are read as the characters they escape; entities are decoded', () => {
    const doc = md('- \\> quoted \\*not em\\* \\[x\\] \\# &amp; &lt;b&gt; 1\\. \\\\\n');
    assert.equal(doc.topics[doc.rootId]?.text, '> quoted *not em* [x] # & <b> 1. \\');
    assert.equal(doc.topics[doc.rootId]?.task, undefined);
  });

  test('a list item: continuation paragraphs are its note, a wrapped first line is its text', () => {
    const doc = md('# R\n- a\n  wrapped\n\n  second paragraph\n\n  > quoted\n- 中文\n  换行\n');
    const [a, b] = Object.values(doc.topics).filter((t) => t.parentId === doc.rootId);
    assert.equal(a?.text, 'a wrapped');
    assert.equal(a?.note, 'second paragraph\n\nquoted');
    assert.equal(b?.text, '中文换行');
  });

  test('hostile nesting and bracket runs end in a map or a clear error, not a crash or a hang', async () => {
    for (const s of [
      '>'.repeat(100_000),
      `${'- '.repeat(50_000)}x`,
      `${'*'.repeat(100_000)}x${'*'.repeat(100_000)}`,
      '['.repeat(100_000),
      '!['.repeat(50_000),
      `- ${'['.repeat(50_000)}`,
    ]) {
      try {
        const { doc } = await importFile(enc(s), { fileName: 'x.md' });
        assert.ok(doc.topics[doc.rootId]);
      } catch (e) {
        assert.equal((e as Error).name, 'ImportError', String(e));
        assert.ok(!(e as Error).message.includes('\n'));
      }
    }
  });
});

describe('Markdown fixtures round-trip md → md, md → xmind → md, md → opml → md', { skip: SHARED_SKIP }, () => {
  const dir = join(SHARED, 'markdown');
  const files = SHARED_SKIP ? [] : readdirSync(dir).filter((f) => /\.(md|markdown)$/.test(f));
  for (const file of files)
    test(file, async () => {
      const doc = parseMarkdown(shared(`markdown/${file}`), { fileName: file }).doc;
      for (const format of ['markdown', 'xmind', 'opml'] as const) {
        const back = await via(doc, format);
        assert.deepEqual(outline(back, ['note']), outline(doc, ['note']), `${file} via ${format}`);
      }
    });
});

// Texts a Markdown writer must escape: markup, block starts, entities, HTML-like and not, spaces
// at the ends, tabs, line breaks, CJK and full-width spaces, astral characters.
const PIECES = [
  'a',
  'Bb',
  '中文',
  '\u3000',
  ' ',
  '  ',
  '\t',
  '\n',
  '*',
  '**',
  '_',
  '`',
  '``',
  '~~',
  '==',
  '#',
  '# ',
  '##',
  '-',
  '- ',
  '+ ',
  '1.',
  '1)',
  '2. ',
  '>',
  '> ',
  '<',
  '</p>',
  '<br>',
  '<b>',
  '<target_domain>',
  '<user>',
  '<!--',
  '-->',
  '<!-- markmap: fold -->',
  '&',
  '&amp;',
  '&#32;',
  '&lt;',
  '[',
  ']',
  '[x]',
  '[ ] ',
  '![i](s)',
  '[l](u)',
  '(',
  ')',
  '\\',
  '\\*',
  '|',
  '$x$',
  '!',
  '---',
  '===',
  '***',
  '```',
  '~~~',
  '{% t %}',
  '😀',
  'é',
  ':',
  '"',
  "'",
];
const hostile = fc.array(fc.constantFrom(...PIECES), { minLength: 0, maxLength: 6 }).map((p) => p.join(''));

const hostileDoc: fc.Arbitrary<MindDoc> = fc
  .tuple(fc.array(fc.tuple(fc.nat(), hostile), { maxLength: 20 }), hostile)
  .map(([topics, rootText]) => {
    const b = new DocBuilder({ rootText: rootText.trim() ? rootText : 'root' });
    const ids: TopicId[] = [b.rootId];
    for (const [p, text] of topics) ids.push(b.add(ids[p % ids.length] as TopicId, { text }));
    return b.build();
  });

/** Notes as the reader gives them back: no blank runs of more than one line, no blank lines at the ends. */
const hostileNote = hostile.map((n) => n.replace(/\n{3,}/g, '\n\n').replace(/^\n+|\n+$/g, '')).filter((n) => n.trim() !== '');

const richDoc: fc.Arbitrary<MindDoc> = fc
  .array(
    fc.tuple(
      fc.nat(),
      fc.record(
        {
          text: hostile,
          note: hostileNote,
          href: fc.constantFrom('https://example.org/a_(b)?q=1&r=2', 'http://例子.中国/路径 空格', 'file:///C:\\x<y>', ''),
          task: fc.boolean().map((done) => ({ done })),
          folded: fc.constant(true),
        },
        { requiredKeys: ['text'] },
      ),
    ),
    { maxLength: 15 },
  )
  .map((topics) => {
    const b = new DocBuilder({ rootText: 'root' });
    const ids: TopicId[] = [b.rootId];
    for (const [p, f] of topics) ids.push(b.add(ids[p % ids.length] as TopicId, f));
    return b.build();
  });

describe('random maps with hostile texts', () => {
  test('md → md keeps notes, links, tasks and folding of hostile topics too', async () => {
    await fc.assert(
      fc.asyncProperty(richDoc, async (doc) => {
        const back = (await importFile(serializeMarkdown(doc), { fileName: 'm.md' })).doc;
        const fields = ['note', 'href', 'task', 'folded'] as const;
        assert.deepEqual(outline(back, [...fields]), outline(doc, [...fields]));
      }),
      { numRuns: 300 },
    );
  });

  for (const format of ['markdown', 'xmind', 'opml'] as const)
    test(`md → ${format === 'markdown' ? '' : `${format} → `}md keeps the tree and every text`, async () => {
      await fc.assert(
        fc.asyncProperty(hostileDoc, async (doc) => {
          const once = (await importFile(serializeMarkdown(doc), { fileName: 'm.md' })).doc;
          assert.deepEqual(tree(once), tree(doc));
          assert.deepEqual(tree(await via(once, format)), tree(doc));
        }),
        { numRuns: format === 'markdown' ? 300 : 100 },
      );
    });
});
