import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMarker } from './markers.ts';
import { parseNumeral } from './numerals.ts';

test('Chinese numerals', () => {
  assert.equal(parseNumeral('一'), 1);
  assert.equal(parseNumeral('十'), 10);
  assert.equal(parseNumeral('十五'), 15);
  assert.equal(parseNumeral('二十'), 20);
  assert.equal(parseNumeral('一百零八'), 108);
  assert.equal(parseNumeral('一千二百六十'), 1260);
  assert.equal(parseNumeral('42'), 42);
  assert.ok(Number.isNaN(parseNumeral('甲')));
});

test('marker families and ordinals', () => {
  const cases: [string, string, number, string][] = [
    ['第三编 合同', 'cn-bian', 3, '合同'],
    ['第一分编 通则', 'cn-fenbian', 1, '通则'],
    ['第十二章 附则', 'cn-zhang', 12, '附则'],
    ['第二节 一般规定', 'cn-jie', 2, '一般规定'],
    ['第一百零八条 本法自公布之日起施行。', 'cn-tiao', 108, '本法自公布之日起施行。'],
    ['一、工作目标', 'cn-dun', 1, '工作目标'],
    ['（三）总结阶段', 'cn-paren', 3, '总结阶段'],
    ['(一)动员部署阶段', 'cn-paren', 1, '动员部署阶段'],
    ['2、组织开展', 'num', 2, '组织开展'],
    ['1. 掌握语法', 'num', 1, '掌握语法'],
    ['（2）具体要求', 'num-paren', 2, '具体要求'],
    ['③三档', 'circled', 3, '三档'],
    ['2.2.1.  Node Identifiers', 'decimal3', 1, 'Node Identifiers'],
    ['4.2 Error Handling', 'decimal2', 2, 'Error Handling'],
    ['Chapter 3 Results', 'en-chapter', 3, 'Results'],
    ['Appendix A.  Example Document', 'appendix', 1, 'Example Document'],
    ['IV. Discussion', 'roman', 4, 'Discussion'],
    ['B. Second point', 'alpha', 2, 'Second point'],
    ['(c) third', 'alpha-paren', 3, 'third'],
    ['[2]《社会保险费征缴暂行条例》', 'bracket', 2, '《社会保险费征缴暂行条例》'],
  ];
  for (const [text, family, ordinal, rest] of cases) {
    const m = parseMarker(text);
    assert.ok(m, text);
    assert.equal(m.family, family, text);
    assert.equal(m.ordinal, ordinal, text);
    assert.equal(m.rest, rest, text);
  }
});

test('not markers: dates, amounts, month lists, decimals with units, inline enumerations', () => {
  for (const text of [
    '2007年3月1日',
    '二○○七年三月一日',
    '2、3月份新入园的幼儿',
    '1.5倍工资',
    '3.5%的增长',
    '一是加强领导，二是落实责任',
    '1998年以来',
    '12345',
  ]) {
    const m = parseMarker(text);
    assert.ok(!m || m.family === 'decimal2' ? !m : false, `${text} → ${m?.family}`);
  }
});

test('letters and Roman numerals: both readings of an ambiguous letter, § and Section 1.01', () => {
  const i = parseMarker('I. Causes of the Revolution');
  assert.equal(i?.family, 'roman');
  assert.equal(i?.alt?.family, 'alpha');
  assert.equal(i?.alt?.ordinal, 9);
  const c = parseMarker('C. Victory at Yorktown');
  assert.equal(c?.family, 'alpha');
  assert.equal(c?.ordinal, 3);
  assert.equal(c?.alt?.family, 'roman');
  assert.equal(parseMarker('a. consumption')?.family, 'alpha-lower');
  assert.equal(parseMarker('ii. second')?.family, 'roman-lower');
  assert.equal(parseMarker('(iv) fourth')?.family, 'roman-paren');
  assert.equal(parseMarker('(iv) fourth')?.ordinal, 4);
  assert.equal(parseMarker('ab. nothing'), undefined);
  const para = parseMarker('§ 3 Prices and Payment');
  assert.deepEqual([para?.family, para?.ordinal, para?.rest], ['en-para', 3, 'Prices and Payment']);
  const section = parseMarker('Section 2.03 Termination of Membership.');
  assert.deepEqual(
    [section?.family, section?.ordinal, section?.parentPath, section?.rest],
    ['en-section', 3, '2', 'Termination of Membership.'],
  );
  const alone = parseMarker('1.1');
  assert.deepEqual([alone?.family, alone?.rest], ['decimal2', '']);
});
