// Property: a random map written to a format and read back keeps everything that format holds.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { childrenByParent, DocBuilder, type MindDoc, type Topic, type TopicFields, type TopicId } from '@arbor/core';
import fc from 'fast-check';
import { exportDoc, extensionFor, importFile } from '../src/registry.ts';
import { crossLinks, type Field, outline } from './helpers.ts';

const WORDS = [
  'a',
  'Bb',
  '中文',
  '主题',
  'x*y',
  '[z]',
  '<t>',
  '&amp;',
  '#h',
  '1.',
  '- d',
  '`c`',
  '_u_',
  '==',
  '~~',
  '\\',
  '"q"',
  "'s'",
  '•',
  '!',
  '$x$',
  '(p)',
];
const URLS = ['https://example.org/', 'https://example.org/a_(b)?q=1&r=2', 'mailto:li@example.cn', 'http://例子.中国/路径'];
const MARKERS = ['priority-1', 'priority-5', 'task-50', 'task-100', 'symbol-right', 'symbol-question', 'flag-red', 'smiley-smile'];

const words = (min: number) => fc.array(fc.constantFrom(...WORDS), { minLength: min, maxLength: 4 }).map((w) => w.join(' '));
const note = fc
  .array(fc.tuple(words(1), fc.constantFrom('\n', '\n\n')), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.map(([w, sep], i) => (i ? sep : '') + w).join(''));
const label = fc.oneof(
  fc.constantFrom('alpha', 'β', '标签'),
  fc.tuple(fc.constantFrom('k', '负责人'), fc.constantFrom('v', '李雷')).map(([k, v]) => `${k}: ${v}`),
);

const topicFields: fc.Arbitrary<TopicFields> = fc.record(
  {
    text: fc.oneof({ weight: 9, arbitrary: words(1) }, { weight: 1, arbitrary: fc.constant('') }),
    note,
    href: fc.constantFrom(...URLS),
    labels: fc.uniqueArray(label, { minLength: 1, maxLength: 3 }),
    markers: fc.uniqueArray(fc.constantFrom(...MARKERS), { minLength: 1, maxLength: 2 }),
    task: fc.boolean().map((done) => ({ done })),
    folded: fc.constant(true),
  },
  { requiredKeys: ['text'] },
);

/** A random tree: topic i hangs under one of the topics before it; plus cross links. */
const docArb: fc.Arbitrary<MindDoc> = fc
  .tuple(
    fc.array(fc.tuple(fc.nat(), topicFields), { maxLength: 25 }),
    fc.array(fc.tuple(fc.nat(), fc.nat(), fc.option(words(1), { nil: undefined })), { maxLength: 3 }),
  )
  .map(([topics, links]) => {
    const b = new DocBuilder({ rootText: '中心主题' });
    const ids: TopicId[] = [b.rootId];
    for (const [p, fields] of topics) ids.push(b.add(ids[p % ids.length] as TopicId, fields));
    for (const [from, to, lbl] of links)
      if (ids.length > 1)
        b.addRelationship({
          from: ids[1 + (from % (ids.length - 1))] as TopicId,
          to: ids[1 + (to % (ids.length - 1))] as TopicId,
          label: lbl,
        });
    return b.build();
  });

/** Fields each format holds; `folded` only where the format keeps it (OPML: topics with children). */
const HELD: Record<string, { fields: Field[]; links?: boolean; prepare?: (doc: MindDoc) => MindDoc }> = {
  mm: { fields: ['note', 'href', 'labels', 'markers', 'folded'], links: true },
  opml: { fields: ['note', 'href', 'labels', 'folded'], prepare: (doc) => withoutLeafFolding(doc) },
  markdown: { fields: ['note', 'href', 'task', 'folded'] },
  text: { fields: ['task'] },
};

/** OPML folds only topics with children, and everything with children inside a folded branch. */
function withoutLeafFolding(doc: MindDoc): MindDoc {
  const kids = childrenByParent(doc);
  const topics: Record<string, Topic> = {};
  const visit = (t: Topic, insideFolded: boolean) => {
    const list = kids.get(t.id) ?? [];
    const { folded: _f, ...rest } = t;
    const folded = list.length > 0 && (insideFolded || t.folded === true);
    topics[t.id] = folded ? { ...rest, folded } : rest;
    for (const c of list) visit(c, folded);
  };
  visit(doc.topics[doc.rootId] as Topic, false);
  return { ...doc, topics };
}

describe('round trips of random maps', () => {
  test('native JSON keeps the document exactly', async () => {
    await fc.assert(
      fc.asyncProperty(docArb, async (doc) => {
        const back = await importFile(await exportDoc(doc, 'json'), { fileName: 'm.json' });
        assert.deepEqual(back.doc, doc);
      }),
      { numRuns: 60 },
    );
  });

  for (const [format, { fields, links, prepare }] of Object.entries(HELD))
    test(`${format} keeps topics, order and ${fields.join(', ')}${links ? ', relationships' : ''}`, async () => {
      await fc.assert(
        fc.asyncProperty(docArb, async (generated) => {
          const doc = prepare ? prepare(generated) : generated;
          const bytes = await exportDoc(doc, format);
          const back = (await importFile(bytes, { fileName: `m.${extensionFor(format)}` })).doc;
          assert.deepEqual(outline(back, fields), outline(doc, fields));
          if (links) assert.deepEqual(crossLinks(back), crossLinks(doc));
        }),
        { numRuns: 60 },
      );
    });
});
