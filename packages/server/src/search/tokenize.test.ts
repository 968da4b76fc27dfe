import assert from 'node:assert/strict';
import { test } from 'node:test';
import { similarityTerms, tokenizeForIndex, tokenizeQuery } from './tokenize.ts';

test('index tokens include sub-words of long words, without punctuation', () => {
  const tokens = tokenizeForIndex('中华人民共和国民法典：总则（第一编）');
  for (const w of ['中华人民共和国', '共和国', '民法典', '总则']) assert.ok(tokens.includes(w), `${w} in ${tokens.join('|')}`);
  assert.ok(tokens.every((t) => /^[\p{L}\p{N}]+$/u.test(t)));
});

test('query tokens are the precise words, distinct, lower-cased', () => {
  assert.deepEqual(tokenizeQuery('民法典 合同 民法典'), ['民法典', '合同']);
  assert.deepEqual(tokenizeQuery('Hello, WORLD!'), ['hello', 'world']);
  assert.deepEqual(tokenizeQuery('  '), []);
  assert.deepEqual(tokenizeQuery('"<script>"'), ['script']);
});

test('every query word of a phrase is found among the index tokens of the same phrase', () => {
  const phrase = '劳动合同解除的经济补偿与司法考试重点';
  const index = new Set(tokenizeForIndex(`前文${phrase}后文`));
  for (const q of tokenizeQuery(phrase)) assert.ok(index.has(q), q);
});

test('similarity terms drop stopwords, lone Han characters and bare numbers', () => {
  assert.deepEqual(similarityTerms(['的', '合同', '法', '2024', 'x', '第', '违约']), ['合同', 'x', '违约']);
});

test('very long text is cut at the limit', () => {
  assert.equal(tokenizeForIndex('合同'.repeat(100), 10).length, 5);
});
