import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expansionsOf } from './abbreviations.ts';
import { ftsMatch, parseQuery, segmentPresent, tsQuery } from './query.ts';

test('abbreviations expand in place, once, without repeating a full form already written', () => {
  assert.deepEqual(expansionsOf('社保'), ['社会保险']);
  assert.deepEqual(expansionsOf('社保缴费'), ['社会保险缴费']);
  assert.deepEqual(expansionsOf('个税'), ['个人所得税']);
  assert.deepEqual(expansionsOf('公积金'), ['住房公积金']);
  assert.deepEqual(expansionsOf('住房公积金'), [], 'already spelled out');
  assert.deepEqual(expansionsOf('时间管理'), []);
});

test('a query is segments (AND) of variants (OR) of words', () => {
  const q = parseQuery('社保  缴费，社保');
  assert.deepEqual(
    q.segments.map((s) => [s.text, s.variants.map((v) => v.phrase)]),
    [
      ['社保', ['社保', '社会保险']],
      ['缴费', ['缴费']],
    ],
  );
  assert.deepEqual(q.expansions, ['社会保险']);
  assert.equal(ftsMatch(q), '(("社保") OR ("社会保险")) AND (("缴费"))');
  assert.equal(tsQuery(q), "(('社保') | ('社会保险')) & (('缴费'))");
  assert.deepEqual(parseQuery('  ，。 ').segments, []);
  assert.equal(parseQuery('x'.repeat(500)).segments[0]!.text.length, 200);
  const hostile = parseQuery(`"'\\) OR 1=1 --`);
  assert.ok(!/[()]/.test(hostile.segments.flatMap((s) => s.variants.flatMap((v) => v.tokens)).join('')));
});

test('a segment is present as a whole phrase, or with all its words in the title', () => {
  const [time] = parseQuery('时间管理').segments;
  assert.ok(time);
  assert.equal(segmentPresent(time, '储蓄管理条例', '第五条 营业时间由银行规定'), false, 'words scattered in the body do not count');
  assert.equal(segmentPresent(time, '高效时间管理', ''), true);
  assert.equal(segmentPresent(time, '时间与管理', ''), true, 'both words in the title');
  assert.equal(segmentPresent(time, '学习笔记', '一、时间管理四象限'), true, 'the phrase in the body');
  const [social] = parseQuery('社保').segments;
  assert.equal(segmentPresent(social!, '中华人民共和国社会保险法', ''), true, 'through the expansion');
});
