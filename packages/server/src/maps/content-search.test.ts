import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp, TestClient, testDatabases } from '../http/testing.ts';
import { docSearchText, lineAround } from './content-index.ts';

interface Item {
  id: string;
  title: string;
  match?: { in: 'title' | 'content'; text?: string };
}

const doc = (title: string, topics: [string, string | null, string, string?][]) => ({
  schema: 1,
  id: 'x',
  title,
  rootId: topics[0]?.[0],
  topics: Object.fromEntries(
    topics.map(([id, parentId, text, note], i) => [id, { id, parentId, index: `a${i}`, text, ...(note ? { note } : {}) }]),
  ),
  relationships: {},
  summaries: {},
  boundaries: {},
  structure: 'mindmap',
  theme: { name: 'classic' },
});

test('a map’s text is its topics, labels and notes in reading order, one line each', () => {
  const text = docSearchText({
    ...doc('T', [
      ['r', null, '根'],
      ['b', 'r', '第二', '备注\n两行'],
      ['a', 'r', '第一'],
      ['a1', 'a', '第一之一'],
    ]),
    topics: {
      r: { id: 'r', parentId: null, index: 'a0', text: '根' },
      b: { id: 'b', parentId: 'r', index: 'a2', text: '第二', note: '备注\n两行' },
      a: { id: 'a', parentId: 'r', index: 'a1', text: '第一', labels: ['标签'] },
      a1: { id: 'a1', parentId: 'a', index: 'a0', text: '第一之一' },
    },
  } as never);
  assert.equal(text, '根\n第一\n标签\n第一之一\n第二\n备注 两行');
});

test('the line shown under a result is the line around the hit, cut when long', () => {
  assert.equal(lineAround('一\n养老保险缴费\n三', 2, 2), '养老保险缴费');
  const long = `${'甲'.repeat(100)}命中${'乙'.repeat(100)}`;
  const line = lineAround(long, 100, 2);
  assert.ok(line.includes('命中') && line.startsWith('…') && line.endsWith('…') && line.length <= 82, line);
});

for (const { name, make, skip } of await testDatabases()) {
  describe(`search my files by content (${name})`, { skip }, () => {
    let t: TestApp;
    let c: TestClient;
    let other: TestClient;
    before(async () => {
      t = await startTestApp(make());
      c = new TestClient(t.app);
      other = new TestClient(t.app);
      await c.signup('Searcher');
      await other.signup('Stranger');
    });
    after(async () => t?.close());

    const search = async (q: string, client = c, view = 'all') => {
      const res = await client.get(`/api/maps?view=${view}&q=${encodeURIComponent(q)}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { items: Item[]; total: number };
    };
    const create = async (body: unknown, client = c) => {
      const res = await client.post('/api/maps', body);
      assert.equal(res.statusCode, 201, res.body);
      return res.json().map as { id: string };
    };

    test('finds words in topics and notes, titles first, with the line that has them', async () => {
      const inText = await create({
        doc: doc('社会保障笔记', [
          ['r', null, '社会保障笔记'],
          ['a', 'r', '养老保险', '缴费满十五年可按月领取 Pension'],
          ['b', 'r', '医疗保险'],
        ]),
      });
      const inTitle = await create({ title: '养老保险手册' });
      const hit = await search('养老保险');
      assert.deepEqual(
        hit.items.map((m) => m.id),
        [inTitle.id, inText.id],
        'the title match ranks above the text match',
      );
      assert.equal(hit.total, 2);
      assert.deepEqual(hit.items[0]?.match, { in: 'title' });
      assert.deepEqual(hit.items[1]?.match, { in: 'content', text: '养老保险' });
      // A note, in another case; several words must all be found (title or text).
      const note = await search('pension 十五年');
      assert.deepEqual(
        note.items.map((m) => m.id),
        [inText.id],
      );
      assert.equal(note.items[0]?.match?.text, '缴费满十五年可按月领取 Pension');
      assert.equal((await search('养老保险 不存在的词')).total, 0);
      // A word of the title and a word of the text: the line shown has the text's word.
      const mixed = await search('笔记 医疗');
      assert.deepEqual(mixed.items[0]?.match, { in: 'content', text: '医疗保险' });
    });

    test('what was just typed is found at once; a deleted topic no longer is', async () => {
      const m = await create({ title: '物理' });
      const got = (await c.get(`/api/maps/${m.id}`)).json();
      const rootId = got.doc.rootId as string;
      const ops = [{ type: 'topic.create', parentId: rootId, topic: { id: 'q1', text: '量子纠缠' } }];
      assert.equal((await c.post(`/api/maps/${m.id}/ops`, { baseVersion: 0, ops })).statusCode, 200);
      assert.deepEqual(
        (await search('量子纠缠')).items.map((x) => x.id),
        [m.id],
      );
      await c.post(`/api/maps/${m.id}/ops`, { baseVersion: 1, ops: [{ type: 'topic.delete', ids: ['q1'] }] });
      assert.equal((await search('量子纠缠')).total, 0);
    });

    test('the text of imported maps is searchable, in the trash too', async () => {
      const m = await create({
        doc: doc('导入', [
          ['r', null, '导入'],
          ['a', 'r', '光合作用'],
        ]),
      });
      assert.equal((await search('光合作用')).total, 1);
      assert.ok((await c.delete(`/api/maps/${m.id}`)).statusCode < 300);
      assert.equal((await search('光合作用')).total, 0, 'trashed maps leave "all"');
      assert.equal((await search('光合作用', c, 'trash')).total, 1);
    });

    test('never finds another user’s maps; LIKE characters are plain text', async () => {
      await create(
        {
          doc: doc('秘密', [
            ['r', null, '秘密'],
            ['a', 'r', '机密内容 100%_done'],
          ]),
        },
        other,
      );
      assert.equal((await search('机密内容')).total, 0);
      assert.equal((await search('机密内容', other)).total, 1);
      assert.equal((await search('100%_done', other)).total, 1);
      assert.equal((await search('100%', other)).total, 1);
      assert.equal((await search('0%_d', other)).total, 1);
      assert.equal((await search('%', c)).total, 0, '% matches only a literal percent sign');
      assert.equal((await search('_', c)).total, 0);
    });

    test('maps written before the index existed are indexed when their owner searches', async () => {
      const m = await create({
        doc: doc('旧图', [
          ['r', null, '旧图'],
          ['a', 'r', '古老的知识'],
        ]),
      });
      await t.app.db.deleteFrom('map_text').where('map_id', '=', m.id).execute();
      assert.equal((await search('古老的知识')).total, 1);
    });
  });
}
