import assert from 'node:assert/strict';
import { test } from 'node:test';
import { numberingFamily } from './numbering.ts';

test('numbering families of pasted lines', () => {
  const cases: [string, string | null][] = [
    ['第一编 总则', 'cn-di-编'],
    ['第三章 犯罪', 'cn-di-章'],
    ['第十条 规定', 'cn-di-条'],
    ['一、总体要求', 'cn-dun'],
    ['十二．其他', 'cn-dun'],
    ['（一）指导思想', 'cn-paren'],
    ['(二) 原则', 'cn-paren'],
    ['1、坚持', 'num'],
    ['1. 背景', 'num'],
    ['12．结论', 'num'],
    ['（1）加强', 'num-paren'],
    ['1) first', 'num-paren'],
    ['① 第一', 'circled'],
    ['1.1 现状', 'decimal2'],
    ['2.3.4 细则', 'decimal3'],
    ['1.2.3.4. Deep', 'decimal4'],
    ['I. Introduction', 'roman'],
    ['IV. Results', 'roman'],
    ['A. Motivation', 'alpha'],
    ['C. Third letter, not a hundred', 'alpha'],
    ['a. sub-point', 'alpha-lower'],
    ['(a) clause', 'alpha-paren'],
    // Not numbering: dates, quantities, ordinary words.
    ['2024年5月', null],
    ['3.5 万元', null],
    ['2.5% 的增长', null],
    ['1.5kg 的包裹', null],
    ['第一次会议', null],
    ['Apple pie', null],
    ['一些说明', null],
    ['', null],
  ];
  for (const [text, family] of cases) assert.equal(numberingFamily(text), family, text);
});
