import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { condenseTitle } from './condense.ts';
import { displayWidth } from './text-utils.ts';

test('short text stays whole, without its final stop', () => {
  assert.equal(condenseTitle('一、工作目标'), '一、工作目标');
  assert.equal(condenseTitle('Receivers MUST ignore attributes.'), 'Receivers MUST ignore attributes');
});

test('long text: the first sentence, then a clause, then whole words', () => {
  assert.equal(condenseTitle('加强金保工程建设。由财政部门牵头，劳动、地税、商业银行等部门配合，多渠道筹措资金。'), '加强金保工程建设');
  const clause = condenseTitle(
    '用人单位和劳动者必须依法参加社会保险，缴纳社会保险费，逾期不缴纳的，责令其限期缴纳，加收滞纳金并处以罚款',
    20,
  );
  assert.ok(clause.endsWith('…') && displayWidth(clause) <= 42, clause);
  const english = condenseTitle('Heavy rain in April and again in September overwhelmed the two roof drains above the reading room', 20);
  assert.ok(/^Heavy rain in April and again in[A-Za-z ]*…$/.test(english), english);
  assert.ok(!/\s…$/.test(english));
});

test('the numbering of a heading is kept whole', () => {
  assert.equal(
    condenseTitle('1. Replace rooftop units 3 and 4 before the summer season.'),
    '1. Replace rooftop units 3 and 4 before the summer season',
  );
  assert.ok(
    condenseTitle(
      '第一条 为了保护劳动者的合法权益，调整劳动关系，建立和维护适应社会主义市场经济的劳动制度，促进经济发展和社会进步，根据宪法，制定本法。',
    ).startsWith('第一条 为了保护劳动者的合法权益'),
  );
});

test('property: a condensed title is a prefix of the text (up to the ellipsis) and never cuts an English word', () => {
  const word = fc.stringMatching(/^[a-z]{1,12}$/);
  fc.assert(
    fc.property(fc.array(word, { minLength: 1, maxLength: 40 }), fc.integer({ min: 4, max: 40 }), (words, length) => {
      const text = words.join(' ');
      const title = condenseTitle(text, length);
      const body = title.endsWith('…') ? title.slice(0, -1) : title;
      assert.ok(text.startsWith(body), `${title} / ${text}`);
      if (body.length < text.length && body.length > 0)
        assert.ok(words.some((_, i) => words.slice(0, i + 1).join(' ') === body) || body.length <= 2, `${body} cuts a word`);
    }),
  );
});
