// The demo library: the copied law files, their conversion, and seeding on SQLite and PostgreSQL.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp, TestClient, testDatabases } from '../http/testing.ts';
import { LIBRARY_USER, seedDemoLibrary } from './index.ts';
import { lawFacts, listLawSources, loadLawTemplates } from './laws.ts';
import { outlineToDoc, STUDY_TEMPLATES } from './study-templates.ts';

const SAMPLE = ['民法典/总则.md', '宪法/宪法.md', '刑法/刑法修正案（七）.md'];
const sample = (path: string) => SAMPLE.includes(path) || /^社会法\/劳动法\(/.test(path);

test('the repository carries at least 300 laws across categories, with the core ones', () => {
  const sources = listLawSources();
  assert.ok(sources.length >= 300, `${sources.length} laws`);
  const folders = new Set(sources.map((s) => s.folder));
  for (const f of ['宪法', '民法典', '刑法', '社会法', '行政法规', '司法解释', '地方性法规']) assert.ok(folders.has(f), f);
  for (const p of ['民法典/总则.md', '刑法/刑法.md', '宪法/宪法.md'])
    assert.ok(
      sources.some((s) => s.path === p),
      p,
    );
  assert.ok(sources.some((s) => s.path.startsWith('社会法/劳动法(')));
  assert.ok(sources.filter((s) => s.exam).length >= 20, 'the exam laws are marked');
  assert.ok(sources.every((s) => s.category.startsWith('law-')));
});

test('law facts: title lines, dated events, chapter and article counts', () => {
  const md =
    '# 中华人民共和国民法典\n\n# 总则\n\n2020年5月28日 第十三届全国人民代表大会第三次会议通过\n\n<!-- INFO END -->\n\n## 第一章  基本规定\n\n第一条 为了……\n\n第二条 民法调整……\n\n## 第二章 自然人\n\n第十三条之一 x\n';
  const facts = lawFacts(md, '总则.md');
  assert.deepEqual(facts.headings, ['中华人民共和国民法典', '总则']);
  assert.deepEqual(facts.events, ['2020年5月28日 第十三届全国人民代表大会第三次会议通过']);
  assert.equal(facts.chapters, 2);
  assert.equal(facts.articles, 3);
  assert.equal(lawFacts('# 某条例\n', '某条例(2019-03-02).md').version, '2019');
});

test('laws convert through docmap into titled maps with descriptions', async () => {
  const laws = await loadLawTemplates(listLawSources().filter((s) => sample(s.path)));
  const civil = laws.find((l) => l.source.path === '民法典/总则.md')!;
  assert.equal(civil.title, '中华人民共和国民法典 总则');
  assert.equal(civil.doc.topics[civil.doc.rootId]?.text, civil.title);
  assert.ok(Object.keys(civil.doc.topics).length > 200);
  assert.match(civil.description, /2020年5月28日/);
  assert.match(civil.description, /共\d+章\d+条/);
  assert.ok(civil.tags.includes('司法考试'));
});

test('study templates are real outlines', () => {
  assert.ok(STUDY_TEMPLATES.length >= 6);
  for (const s of STUDY_TEMPLATES) {
    const doc = outlineToDoc(s.title, s.outline);
    assert.ok(Object.keys(doc.topics).length >= 10, s.title);
    assert.ok(s.description.length >= 30, s.title);
  }
  const doc = outlineToDoc('t', 'a\n  b｜note\n    c\n  d\ne');
  const texts = Object.values(doc.topics).map((t) => [t.text, t.note]);
  assert.deepEqual(texts, [
    ['t', undefined],
    ['a', undefined],
    ['b', 'note'],
    ['c', undefined],
    ['d', undefined],
    ['e', undefined],
  ]);
});

for (const dbCase of await testDatabases()) {
  describe(`seeding the demo library (${dbCase.name})`, { skip: dbCase.skip }, () => {
    let t: TestApp;
    const client = () => new TestClient(t.app);
    before(async () => {
      t = await startTestApp(dbCase.make());
    });
    after(async () => t?.close());

    test('seeds once, under 法律法规 and 司法考试, searchable, with related templates', async () => {
      const first = await seedDemoLibrary(t.app.db, { dialect: t.app.dialect, lawFilter: (s) => sample(s.path) });
      assert.equal(first.laws, 4);
      assert.equal(first.seeded, 4 + STUDY_TEMPLATES.length);
      const again = await seedDemoLibrary(t.app.db, { dialect: t.app.dialect });
      assert.equal(again.seeded, 0, 'idempotent');

      const c = client();
      const laws = (await c.get('/api/templates?category=laws&pageSize=50')).json();
      assert.equal(laws.total, 4);
      assert.ok(
        laws.items.every((i: { author: string; authorId: string }) => i.author === LIBRARY_USER.name && i.authorId === LIBRARY_USER.id),
      );
      const exam = (await c.get('/api/templates?category=judicial-exam&pageSize=50')).json();
      const titles = exam.items.map((i: { title: string }) => i.title);
      for (const title of ['中华人民共和国民法典 总则', '中华人民共和国宪法', '法律职业资格考试复习计划（客观题）'])
        assert.ok(titles.includes(title), title);
      const exams = (await c.get('/api/templates?category=exams&pageSize=50')).json();
      assert.ok(exams.total >= exam.total);

      const search = (await c.get(`/api/templates?q=${encodeURIComponent('劳动合同')}`)).json();
      assert.ok(search.items.some((i: { title: string }) => i.title.includes('劳动法')));
      const detail = (await c.get(`/api/templates/${laws.items[0].fileId}`)).json();
      assert.ok(detail.related.length > 0);
      const page = await c.get(`/templates/${laws.items[0].fileId}`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('思维导图大纲'));
    });
  });
}
