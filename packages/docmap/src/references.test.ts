import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectReferences } from './references.ts';

test('citations in order, without duplicates (中华人民共和国 ignored), first wording kept, with decree numbers and articles', () => {
  const text =
    '根据《劳动法》、《社会保险费征缴暂行条例》(国务院令第25号)有关规定。依照《中华人民共和国劳动法》第十条和《劳动法》第十条，持《营业执照》办理，见《工资总额使用手册》。';
  assert.deepEqual(collectReferences(text), [
    '《劳动法》',
    '《社会保险费征缴暂行条例》（国务院令第25号）',
    '《中华人民共和国劳动法》第十条',
  ]);
});

test('no citations in plain text', () => {
  assert.deepEqual(collectReferences('没有引用。'), []);
});
