import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectReferences, lawKey, lawNames, parseCitation, resolveCitation } from './references.ts';

test('citations in order, without duplicates (中华人民共和国 ignored), under full names, with decree numbers and articles', () => {
  const text =
    '根据《劳动法》、《社会保险费征缴暂行条例》(国务院令第25号)有关规定。依照《中华人民共和国劳动法》第十条和《劳动法》第十条，持《营业执照》办理，见《工资总额使用手册》。';
  assert.deepEqual(collectReferences(text), [
    '《中华人民共和国劳动法》',
    '《社会保险费征缴暂行条例》（国务院令第25号）',
    '《中华人民共和国劳动法》第十条',
  ]);
});

test('no citations in plain text', () => {
  assert.deepEqual(collectReferences('没有引用。'), []);
});

test('a citation taken apart: name, decree, article (with 款 and 之一)', () => {
  assert.deepEqual(parseCitation('《劳动法》第十条第二款'), { name: '劳动法', article: '第十条第二款' });
  assert.deepEqual(parseCitation('《条例》(国务院令第25号)'), { name: '条例', decree: '（国务院令第25号）' });
  assert.deepEqual(parseCitation('《刑法》第一百二十条之一'), { name: '刑法', article: '第一百二十条之一' });
  assert.equal(parseCitation('劳动法'), undefined);
});

test('short names resolve through the built-in table, then through a catalogue of titles; unknown ones stay as written', () => {
  assert.equal(resolveCitation('《劳动法》第十条')?.text, '《中华人民共和国劳动法》第十条');
  const names = lawNames([
    '中华人民共和国湿地保护法',
    '中华人民共和国民法典 合同编',
    '中华人民共和国劳动法（2009年版）',
    '上海市养老服务条例',
    '读书笔记',
  ]);
  assert.deepEqual(
    [...names],
    [
      ['湿地保护法', '中华人民共和国湿地保护法'],
      ['民法典', '中华人民共和国民法典'],
      ['劳动法', '中华人民共和国劳动法'],
    ],
  );
  assert.equal(resolveCitation('《湿地保护法》', names)?.fullName, '中华人民共和国湿地保护法');
  assert.equal(resolveCitation('《湿地保护法》')?.fullName, '湿地保护法');
  assert.equal(resolveCitation('《上海市养老服务条例》', names)?.fullName, '上海市养老服务条例');
  assert.equal(lawKey('中华人民共和国劳动法（2018年修正）'), '劳动法');
});

test('repealed laws name their successor and the day it took effect', () => {
  for (const law of ['合同法', '物权法', '担保法', '婚姻法', '继承法', '民法通则', '民法总则', '侵权责任法', '收养法']) {
    const r = resolveCitation(`《${law}》第五条`);
    assert.deepEqual(r?.repealed, { successor: '中华人民共和国民法典', since: '2021-01-01' }, law);
    assert.equal(r?.text, `《中华人民共和国${law}》第五条`);
  }
  assert.equal(resolveCitation('《中华人民共和国外资企业法》')?.repealed?.successor, '中华人民共和国外商投资法');
  assert.equal(resolveCitation('《民法典》')?.repealed, undefined);
  assert.equal(resolveCitation('《劳动合同法》')?.repealed, undefined);
  // A local regulation of the same short name is not the national law.
  assert.equal(resolveCitation('《某省合同法实施办法》')?.repealed, undefined);
});
