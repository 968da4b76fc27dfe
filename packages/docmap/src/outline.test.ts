// Structure detection rules on small pasted documents: each test names the rule it pins down.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docToTitleTree, type TitleTree } from '@arbor/core';
import { textToMap } from './index.ts';

const outline = (lines: string[]): TitleTree => docToTitleTree(textToMap(lines.join('\n'), { bodyLeaves: false }).doc);

test('a table of contents without dot leaders is not a second set of chapters', () => {
  const law = [
    '中华人民共和国示例法',
    '',
    '目录',
    '第一章 总则',
    '第二章 管理',
    '第一节 一般规定',
    '第二节 特别规定',
    '第三章 附则',
    '',
    '第一章 总则',
    '',
    '第一条 为了示例，制定本法。',
    '',
    '第二章 管理',
    '第一节 一般规定',
    '第二条 管理规定。',
    '第二节 特别规定',
    '第三条 特别规定。',
    '第三章 附则',
    '第四条 本法自公布之日起施行。',
  ];
  assert.deepEqual(outline(law), {
    title: '中华人民共和国示例法',
    children: [
      { title: '目录' },
      { title: '第一章 总则', children: [{ title: '第一条 为了示例，制定本法' }] },
      {
        title: '第二章 管理',
        children: [
          { title: '第一节 一般规定', children: [{ title: '第二条 管理规定' }] },
          { title: '第二节 特别规定', children: [{ title: '第三条 特别规定' }] },
        ],
      },
      { title: '第三章 附则', children: [{ title: '第四条 本法自公布之日起施行' }] },
    ],
  });
});

test('a letterhead and document number above a 公文 title are front matter', () => {
  const notice = [
    'XX市人民政府文件',
    '',
    'X政发〔2024〕1号',
    '',
    'XX市人民政府关于加强安全管理的通知',
    '',
    '各区县：',
    '',
    '一、总体要求',
    '',
    '内容。',
    '',
    '二、工作措施',
    '',
    '内容。',
  ];
  assert.deepEqual(outline(notice), {
    title: 'XX市人民政府关于加强安全管理的通知',
    children: [{ title: '一、总体要求' }, { title: '二、工作措施' }],
  });
});

test('Abstract does not swallow the numbered sections that follow its text; References owns its [n] list', () => {
  const paper = [
    'A Study of Things',
    '',
    'Abstract',
    '',
    'We study things in depth and report results here.',
    '',
    '1 Introduction',
    '',
    'Things matter a lot to many people in the world.',
    '',
    '1.1 Background',
    '',
    'Background text goes here for the reader.',
    '',
    '2 Method',
    '',
    'We did the following steps carefully.',
    '',
    'References',
    '[1] Smith, J. Things. 2020.',
    '[2] Doe, A. More things. 2021.',
  ];
  assert.deepEqual(outline(paper), {
    title: 'A Study of Things',
    children: [
      { title: 'Abstract' },
      { title: '1 Introduction', children: [{ title: '1.1 Background' }] },
      { title: '2 Method' },
      { title: 'References', children: [{ title: '[1] Smith, J. Things. 2020' }, { title: '[2] Doe, A. More things. 2021' }] },
    ],
  });
});

test('unnumbered sections that each introduce a numbered run are the top level (exam outline)', () => {
  const syllabus = [
    '考试大纲',
    '',
    '基本要求',
    '',
    '1. 掌握基本语法。',
    '2. 掌握标准库。',
    '',
    '考试内容',
    '',
    '一、基本语法',
    '',
    '1. 程序的格式框架。',
    '',
    '二、数据类型',
    '',
    '考试方式',
    '',
    '上机考试。',
    '',
    '1. 题型及分值',
    '',
    '2. 考试环境',
  ];
  assert.deepEqual(outline(syllabus), {
    title: '考试大纲',
    children: [
      { title: '基本要求', children: [{ title: '1. 掌握基本语法' }, { title: '2. 掌握标准库' }] },
      { title: '考试内容', children: [{ title: '一、基本语法', children: [{ title: '1. 程序的格式框架' }] }, { title: '二、数据类型' }] },
      { title: '考试方式', children: [{ title: '1. 题型及分值' }, { title: '2. 考试环境' }] },
    ],
  });
});

test('a signature block and date at the end are body, not sections; 附件 lines are body', () => {
  const notice = [
    '关于开展检查的通知',
    '',
    '一、检查范围',
    '',
    '全市各单位。',
    '',
    '二、检查时间',
    '',
    '五月底前完成。',
    '',
    '附件：检查表',
    '',
    'XX市教育局',
    '',
    '二○二四年二月二十六日',
  ];
  assert.deepEqual(outline(notice), { title: '关于开展检查的通知', children: [{ title: '一、检查范围' }, { title: '二、检查时间' }] });
});

test('numbering must run in sequence: a restarted or out-of-place number is body', () => {
  const doc = ['通知', '', '一、要求', '', '1、第一项。', '2、3月份入园的幼儿补充申请。', '2、第二项。', '5、不在序列中。', '3、第三项。'];
  assert.deepEqual(outline(doc), {
    title: '通知',
    children: [{ title: '一、要求', children: [{ title: '1、第一项' }, { title: '2、第二项' }, { title: '3、第三项' }] }],
  });
});

test('English decimals nest under their chapter numbers; Chapter/Section words rank by convention', () => {
  const doc = [
    'Manual',
    '',
    'Chapter 1 Basics',
    '',
    'Section 1 Setup',
    '',
    '1.1 Install',
    '',
    'Text here.',
    '',
    'Section 2 Use',
    '',
    'Chapter 2 Advanced',
    '',
    'Text.',
  ];
  assert.deepEqual(outline(doc), {
    title: 'Manual',
    children: [
      {
        title: 'Chapter 1 Basics',
        children: [{ title: 'Section 1 Setup', children: [{ title: '1.1 Install' }] }, { title: 'Section 2 Use' }],
      },
      { title: 'Chapter 2 Advanced' },
    ],
  });
});

test('short ALL-CAPS lines are a level above Title-case lines; numbered sentences stay inside their section', () => {
  const report = [
    'ANNUAL FACILITIES REPORT',
    '',
    'EXECUTIVE SUMMARY',
    '',
    'Fiscal year 2023 was the first full year of operation after the renovation.',
    '',
    'BUILDING AND FACILITIES',
    '',
    'Roof and Drainage',
    '',
    'Heavy rain in April overwhelmed the two roof drains.',
    '',
    'Accessibility',
    '',
    'The new ramp was completed in May.',
    '',
    'RECOMMENDATIONS',
    '',
    'The manager recommends the following:',
    '',
    '1. Replace rooftop units.',
    '2. Replace the flashing.',
    '',
    'Items 1 and 2 can be funded.',
    '',
    'APPENDIX: SUMMARY',
    '',
    'All figures are unaudited.',
  ];
  assert.deepEqual(outline(report), {
    title: 'ANNUAL FACILITIES REPORT',
    children: [
      { title: 'EXECUTIVE SUMMARY' },
      { title: 'BUILDING AND FACILITIES', children: [{ title: 'Roof and Drainage' }, { title: 'Accessibility' }] },
      { title: 'RECOMMENDATIONS', children: [{ title: '1. Replace rooftop units' }, { title: '2. Replace the flashing' }] },
      { title: 'APPENDIX: SUMMARY' },
    ],
  });
});

test('with several top-level Markdown headings and no title line, the file name is the root', () => {
  const { doc } = textToMap(['# 第一部分', '', '内容一。', '', '# 第二部分', '', '内容二。'].join('\n'), {
    fileName: '笔记.md',
    bodyLeaves: false,
  });
  assert.deepEqual(docToTitleTree(doc), { title: '笔记', children: [{ title: '第一部分' }, { title: '第二部分' }] });
});

const plain = (text: string): TitleTree => docToTitleTree(textToMap(text, { bodyLeaves: false }).doc);

test('I. / A. / 1. / a. outlines nest by order of appearance; C. after B. is a letter, not Roman 100', () => {
  const tree = plain(
    ['Outline', '', 'I. First', 'A. Alpha', '1. One', 'a. little a', 'b. little b', 'B. Beta', 'C. Gamma', 'II. Second', 'A. Again'].join(
      '\n',
    ),
  );
  assert.deepEqual(tree, {
    title: 'Outline',
    children: [
      {
        title: 'I. First',
        children: [
          { title: 'A. Alpha', children: [{ title: '1. One', children: [{ title: 'a. little a' }, { title: 'b. little b' }] }] },
          { title: 'B. Beta' },
          { title: 'C. Gamma' },
        ],
      },
      { title: 'II. Second', children: [{ title: 'A. Again' }] },
    ],
  });
});

test('a number alone on its line takes the next line as its title; Section 2.01 nests under ARTICLE II', () => {
  const tree = plain(
    [
      'BYLAWS',
      '',
      'ARTICLE I',
      '',
      'NAME',
      '',
      'Section 1.01 Name. The name is X.',
      '',
      'ARTICLE II',
      '',
      'MEMBERS',
      '',
      'Section 2.01 Eligibility. Anyone.',
      '',
      'Section 2.02 Dues. Yearly.',
    ].join('\n'),
  );
  assert.deepEqual(tree, {
    title: 'BYLAWS',
    children: [
      { title: 'ARTICLE I NAME', children: [{ title: 'Section 1.01 Name' }] },
      { title: 'ARTICLE II MEMBERS', children: [{ title: 'Section 2.01 Eligibility' }, { title: 'Section 2.02 Dues' }] },
    ],
  });
});

test('a skipped or repeated number on a title line stays a sibling (一、二、四、; （一）（一）（二）)', () => {
  const tree = plain(
    ['通知', '', '一、目标', '', '二、安排', '', '（一）自查阶段', '', '（一）督查阶段', '', '（二）总结阶段', '', '四、要求'].join('\n'),
  );
  assert.deepEqual(tree, {
    title: '通知',
    children: [
      { title: '一、目标' },
      { title: '二、安排', children: [{ title: '（一）自查阶段' }, { title: '（一）督查阶段' }, { title: '（二）总结阶段' }] },
      { title: '四、要求' },
    ],
  });
});

test('a 公文 title broken over lines is one root title', () => {
  const tree = plain(
    [
      'XX市人民政府办公室关于印发',
      'XX市优化营商环境若干措施的通知',
      '',
      'X政办发〔2024〕18号',
      '',
      '一、总体要求',
      '',
      '二、主要措施',
    ].join('\n'),
  );
  assert.equal(tree.title, 'XX市人民政府办公室关于印发XX市优化营商环境若干措施的通知');
  assert.deepEqual(
    (tree.children ?? []).map((c) => c.title),
    ['一、总体要求', '二、主要措施'],
  );
});

test('Section 1 restarting under every ARTICLE nests below it; Articles running on across Sections stay below them', () => {
  const bylaws = plain(
    [
      'BYLAWS',
      '',
      'ARTICLE I - NAME',
      '',
      'Section 1. Name. X.',
      '',
      'Section 2. Office. Y.',
      '',
      'ARTICLE II - MEMBERS',
      '',
      'Section 1. Eligibility. Z.',
    ].join('\n'),
  );
  assert.deepEqual(bylaws, {
    title: 'BYLAWS',
    children: [
      { title: 'ARTICLE I - NAME', children: [{ title: 'Section 1. Name' }, { title: 'Section 2. Office' }] },
      { title: 'ARTICLE II - MEMBERS', children: [{ title: 'Section 1. Eligibility' }] },
    ],
  });
  const regulation = plain(
    [
      'REGULATION',
      '',
      'CHAPTER I',
      '',
      'General',
      '',
      'Article 1',
      '',
      'Scope',
      '',
      'CHAPTER II',
      '',
      'Rights',
      '',
      'Section 1',
      '',
      'Transparency',
      '',
      'Article 2',
      '',
      'Information',
      '',
      'Article 3',
      '',
      'Access',
      '',
      'Section 2',
      '',
      'Erasure',
      '',
      'Article 4',
      '',
      'Right to erasure',
    ].join('\n'),
  );
  assert.deepEqual(regulation, {
    title: 'REGULATION',
    children: [
      { title: 'CHAPTER I General', children: [{ title: 'Article 1 Scope' }] },
      {
        title: 'CHAPTER II Rights',
        children: [
          { title: 'Section 1 Transparency', children: [{ title: 'Article 2 Information' }, { title: 'Article 3 Access' }] },
          { title: 'Section 2 Erasure', children: [{ title: 'Article 4 Right to erasure' }] },
        ],
      },
    ],
  });
});

test('a stated heading holding only a number takes the next heading of its level as its title (Markdown, Word, PDF)', () => {
  const tree = docToTitleTree(
    textToMap('# Bylaws\n\n## ARTICLE I\n\n## NAME\n\nSection 1. Name. X.\n\n## ARTICLE II\n\n## MEMBERS\n\nText.\n', { bodyLeaves: false })
      .doc,
  );
  assert.deepEqual(tree, {
    title: 'Bylaws',
    children: [{ title: 'ARTICLE I NAME', children: [{ title: 'Section 1. Name' }] }, { title: 'ARTICLE II MEMBERS' }],
  });
});
