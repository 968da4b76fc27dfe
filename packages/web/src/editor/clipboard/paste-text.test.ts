import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { applyOp, asTopicId, DocBuilder, type NewTopic, stateFromDoc } from '@arbor/core';
import { countNodes, type OutlineNode, outlineToNewTopics, type PastedOutline } from './outline.ts';
import { parsePastedText } from './paste-text.ts';

/** The outline as indented text (two spaces a level), with a note / task / link suffix. */
function show(o: PastedOutline | OutlineNode[]): string {
  const roots = Array.isArray(o) ? o : o.roots;
  const out: string[] = [];
  const walk = (nodes: OutlineNode[], depth: number) => {
    for (const n of nodes) {
      let line = '  '.repeat(depth) + n.text;
      if (n.task) line += n.task.done ? ' [x]' : ' [ ]';
      if (n.href) line += ` <${n.href}>`;
      if (n.note) line += ` {${n.note.replace(/\n/g, '⏎')}}`;
      out.push(line);
      walk(n.children, depth + 1);
    }
  };
  walk(roots, 0);
  return out.join('\n');
}

const outline = (text: string) => show(parsePastedText(text));
const lines = (...l: string[]) => l.join('\n');

describe('parsePastedText: plain and indented text', () => {
  test('a single line is one topic, trimmed', () => {
    const o = parsePastedText('  只有一行  ');
    assert.equal(o.count, 1);
    assert.equal(show(o), '只有一行');
    assert.equal(outline('希望对你有帮助'), '希望对你有帮助', 'a lone line is kept even when it reads like a closing remark');
  });

  test('empty and blank input makes nothing', () => {
    assert.deepEqual(parsePastedText(''), { roots: [], count: 0 });
    assert.deepEqual(parsePastedText(' \n\t\n\u3000\n'), { roots: [], count: 0 });
  });

  test('tabs nest', () => {
    assert.equal(outline('A\n\tB\n\t\tC\n\tD\nE'), lines('A', '  B', '    C', '  D', 'E'));
  });

  test('two and four spaces nest the same way', () => {
    const want = lines('A', '  B', '    C', '  D');
    assert.equal(outline('A\n  B\n    C\n  D'), want);
    assert.equal(outline('A\n    B\n        C\n    D'), want);
  });

  test('mixed tabs and spaces: a tab counts as the space step the text uses', () => {
    assert.equal(outline('A\n  B\n\tC\n\t  D\n  E'), lines('A', '  B', '  C', '    D', '  E'));
    assert.equal(outline('A\n    B\n\t\tC'), lines('A', '  B', '    C'));
  });

  test('full-width spaces (U+3000) and NBSP indent', () => {
    assert.equal(
      outline('总则\n\u3000\u3000目的\n\u3000\u3000\u3000\u3000细则\n\u3000\u3000范围'),
      lines('总则', '  目的', '    细则', '  范围'),
    );
    assert.equal(outline('A\n\u00a0\u00a0B'), lines('A', '  B'));
  });

  test('a shallower line closes deeper levels (dedent between two levels)', () => {
    assert.equal(outline('A\n    B\n  C\nD'), lines('A', '  B', '  C', 'D'));
  });

  test('Windows line ends, old Mac line ends, BOM and zero-width characters', () => {
    assert.equal(outline('\uFEFFA\r\n\tB\r\n\t\u200BC\rD'), lines('A', '  B', '  C', 'D'));
    assert.equal(outline('A\u2028\tB'), lines('A', '  B'));
    assert.equal(outline('\u200D\u200BA\u2060B\u200C'), 'AB');
    // ZWJ inside an emoji sequence is kept.
    assert.equal(outline('👨\u200D👩\u200D👧 家庭'), '👨\u200D👩\u200D👧 家庭');
  });

  test('a bare URL line links to itself; tabs inside a line (spreadsheet cells) become spaces', () => {
    assert.equal(outline('https://arbor.example/a?b=1'), 'https://arbor.example/a?b=1 <https://arbor.example/a?b=1>');
    assert.equal(outline('姓名\t年龄\t城市'), '姓名 年龄 城市');
  });

  test('text that looks like markup but is not stays as typed, <script> included', () => {
    assert.equal(outline('<script>alert(1)</script>'), '<script>alert(1)</script>');
    assert.equal(outline('a < b && c > d'), 'a < b && c > d');
    assert.equal(outline('2 * 3 * 4 = 24'), '2 * 3 * 4 = 24');
    assert.equal(outline('snake_case_name'), 'snake_case_name');
    assert.equal(outline('مرحبا بالعالم'), 'مرحبا بالعالم');
  });

  test('hostile lines of markup characters parse in linear time (no regular expression rescans a line)', { timeout: 30_000 }, () => {
    // Each of these took quadratic time with naive patterns: minutes at this size.
    const n = 200_000;
    for (const line of [
      `${'['.repeat(n)}](`,
      `${'![a'.repeat(n / 3)}](`,
      `${'`'.repeat(n)}a`,
      '<!--'.repeat(n / 4),
      `${'[a'.repeat(n / 2)}](${'('.repeat(n)}`,
      '**a'.repeat(n / 3),
    ]) {
      const o = parsePastedText(line);
      assert.equal(o.count, 1);
    }
  });

  test('a very deep indentation is flattened at the depth limit, nothing lost', () => {
    const text = Array.from({ length: 500 }, (_, i) => `${' '.repeat(i)}n${i}`).join('\n');
    const o = parsePastedText(text);
    assert.equal(o.count, 500);
    assert.equal(countNodes(o.roots), 500);
    let depth = 0;
    let n: OutlineNode | undefined = o.roots[0];
    while (n && n.children.length > 0) {
      depth++;
      n = n.children[n.children.length - 1];
    }
    assert.ok(depth < 100, `depth ${depth}`);
  });
});

describe('parsePastedText: Markdown', () => {
  test('headings and nested lists of every bullet kind', () => {
    const md = lines(
      '# 机器学习',
      '## 监督学习',
      '- 分类',
      '  * 逻辑回归',
      '  * SVM',
      '- 回归',
      '## 无监督学习',
      '+ 聚类',
      '    + K-means',
    );
    assert.equal(
      outline(md),
      lines('机器学习', '  监督学习', '    分类', '      逻辑回归', '      SVM', '    回归', '  无监督学习', '    聚类', '      K-means'),
    );
  });

  test('ordered lists keep their numbers; nested bullets under them', () => {
    const md = lines('1. 复习', '   - 教材', '   - 真题', '2. 练习', '10. 模考');
    assert.equal(outline(md), lines('1. 复习', '  教材', '  真题', '2. 练习', '10. 模考'));
  });

  test('paragraphs inside a list item (after a blank line) become its note, kept as Markdown', () => {
    const md = lines(
      '1. **监督学习**',
      '',
      '   用带**标签**的数据训练，',
      '   效果稳定。',
      '',
      '   - 分类',
      '2. 无监督学习',
      '- 直接缩进的行',
      '  仍是子主题',
    );
    assert.equal(
      outline(md),
      lines('1. 监督学习 {用带**标签**的数据训练，⏎效果稳定。}', '  分类', '2. 无监督学习', '  直接缩进的行', '    仍是子主题'),
    );
  });

  test('task lists', () => {
    assert.equal(outline('- [ ] 写测试\n- [x] 写代码\n  - [X] 子任务'), lines('写测试 [ ]', '写代码 [x]', '  子任务 [x]'));
  });

  test('inline markup is stripped to plain text; the first safe link is kept', () => {
    assert.equal(
      outline('- **粗体** and *斜体* and __b__ and _i_ and ~~删~~ and `code` and [链接](https://example.com/a_(b)) ![图](x.png)'),
      '粗体 and 斜体 and b and i and 删 and code and 链接 图 <https://example.com/a_(b)>',
    );
    assert.equal(outline('- ***both*** and **a *b* c**'), 'both and a b c');
    assert.equal(outline('- \\*not emphasis\\* and \\`x\\`'), '*not emphasis* and `x`');
    assert.equal(outline('- see <https://arbor.example/x>'), 'see https://arbor.example/x <https://arbor.example/x>');
    assert.equal(outline('- 注释[^1]在此'), '注释在此');
    assert.equal(outline('- `**kept**` inside code'), '**kept** inside code');
  });

  test('javascript: and other unsafe links lose the link, keep the text', () => {
    assert.equal(outline('- [点我](javascript:alert(1))'), '点我');
    assert.equal(outline('- [x](data:text/html,<script>alert(1)</script>)'), 'x');
    assert.equal(outline('- [x](vbscript:foo)'), 'x');
    assert.equal(outline('- [mail](mailto:a@b.cn)'), 'mail <mailto:a@b.cn>');
  });

  test('Setext headings', () => {
    assert.equal(outline('标题\n===\n\n小节\n---\n- 内容'), lines('标题', '  小节', '    内容'));
  });

  test('code fences, quotes and tables become the previous topic’s note', () => {
    const md = lines('# API', '- 调用', '```js', 'fetch("/x")', '```', '> 注意：限流', '| a | b |', '|---|---|', '| 1 | 2 |');
    assert.equal(outline(md), lines('API', '  调用 {fetch("/x")⏎⏎注意：限流⏎⏎| a | b |⏎|---|---|⏎| 1 | 2 |}'));
  });

  test('a heading-less list under a title line nests under the title', () => {
    assert.equal(outline('学习计划\n- 复习\n- 练习'), lines('学习计划', '  复习', '  练习'));
    assert.equal(outline('学习计划\n1. 复习\n2. 练习'), lines('学习计划', '  1. 复习', '  2. 练习'));
  });
});

describe('parsePastedText: numbered outlines', () => {
  test('1. / 1.1 / 1.1.1 without indentation', () => {
    const text = lines('1. 背景', '1.1 现状', '1.1.1 细节', '1.2 问题', '2. 方法', '2.1 实验');
    assert.equal(outline(text), lines('1. 背景', '  1.1 现状', '    1.1.1 细节', '  1.2 问题', '2. 方法', '  2.1 实验'));
  });

  test('一、/（一）/ 1、/（1） as in 公文', () => {
    const text = lines(
      '一、总体要求',
      '（一）指导思想',
      '1、坚持党的领导',
      '（1）加强组织建设',
      '（2）完善制度',
      '2、坚持依法行政',
      '（二）基本原则',
      '二、主要任务',
      '（一）深化改革',
    );
    assert.equal(
      outline(text),
      lines(
        '一、总体要求',
        '  （一）指导思想',
        '    1、坚持党的领导',
        '      （1）加强组织建设',
        '      （2）完善制度',
        '    2、坚持依法行政',
        '  （二）基本原则',
        '二、主要任务',
        '  （一）深化改革',
      ),
    );
  });

  test('body text under a numbered heading is its child, and the next number closes it', () => {
    assert.equal(outline('一、总则\n为了规范管理，制定本办法。\n二、分则'), lines('一、总则', '  为了规范管理，制定本办法。', '二、分则'));
  });

  test('I. / A. / a. outlines', () => {
    const text = lines('I. Introduction', 'A. Motivation', 'a. cost', 'b. speed', 'B. Scope', 'II. Method');
    assert.equal(outline(text), lines('I. Introduction', '  A. Motivation', '    a. cost', '    b. speed', '  B. Scope', 'II. Method'));
  });

  test('a numbered outline that is also indented follows the indentation', () => {
    const text = lines('一、总则', '    （一）目的', '        1. 内容', '    （二）范围', '二、附则');
    assert.equal(outline(text), lines('一、总则', '  （一）目的', '    1. 内容', '  （二）范围', '二、附则'));
  });
});

describe('parsePastedText: chat answers', () => {
  test('ChatGPT: preamble, headings with bold, bullets, closing remark', () => {
    const answer = lines(
      '当然！以下是一个关于“时间管理”的思维导图大纲：',
      '',
      '# 时间管理',
      '',
      '## 1. **目标设定**',
      '- **SMART 原则**：具体、可衡量、可实现',
      '- 长期目标与短期目标',
      '',
      '## 2. **优先级排序**',
      '- 艾森豪威尔矩阵',
      '  - 重要且紧急',
      '  - 重要不紧急',
      '',
      '---',
      '',
      '希望这个大纲对你有帮助！如果需要，我可以进一步细化每个部分。',
    );
    assert.equal(
      outline(answer),
      lines(
        '时间管理',
        '  1. 目标设定',
        '    SMART 原则：具体、可衡量、可实现',
        '    长期目标与短期目标',
        '  2. 优先级排序',
        '    艾森豪威尔矩阵',
        '      重要且紧急',
        '      重要不紧急',
      ),
    );
  });

  test('DeepSeek: bold headings at ### level, the quoted subject as root, a closing question', () => {
    const answer = lines(
      '好的，下面是“民法典·物权编”的知识框架：',
      '',
      '### **一、通则**',
      '1. **物权的概念**：权利人依法对特定的物享有直接支配和排他的权利',
      '2. **基本原则**',
      '   - 平等保护原则',
      '   - 物权法定原则',
      '',
      '### **二、所有权**',
      '- 国家所有权',
      '- 集体所有权',
      '',
      '需要我把它整理成 XMind 可导入的格式吗？',
    );
    assert.equal(
      outline(answer),
      lines(
        '民法典·物权编',
        '  一、通则',
        '    1. 物权的概念：权利人依法对特定的物享有直接支配和排他的权利',
        '    2. 基本原则',
        '      平等保护原则',
        '      物权法定原则',
        '  二、所有权',
        '    国家所有权',
        '    集体所有权',
      ),
    );
  });

  test('the quoted subject of a preamble becomes the root when the outline has several roots', () => {
    const answer = lines(
      '以下是关于“光合作用”的思维导图：',
      '',
      '- 光反应',
      '  - 水的光解',
      '- 暗反应',
      '  - 卡尔文循环',
      '',
      '希望对你有帮助！',
    );
    assert.equal(outline(answer), lines('光合作用', '  光反应', '    水的光解', '  暗反应', '    卡尔文循环'));
  });

  test('Kimi: outline inside a ```markdown fence, prose around it dropped', () => {
    const answer = lines(
      '好的，这是你要的大纲：',
      '',
      '```markdown',
      '# 人工智能',
      '- 机器学习',
      '  - 深度学习',
      '- 自然语言处理',
      '```',
      '',
      '你可以把上面的内容复制到思维导图软件中。如有其他需要，欢迎继续提问！',
    );
    assert.equal(outline(answer), lines('人工智能', '  机器学习', '    深度学习', '  自然语言处理'));
  });

  test('English answer: "Here is", fenced plain text, "Let me know"', () => {
    const answer = lines(
      'Sure! Here is an outline for your essay:',
      '',
      '```',
      'Climate change',
      '\tCauses',
      '\t\tEmissions',
      '\tEffects',
      '```',
      '',
      'Let me know if you want more detail.',
    );
    assert.equal(outline(answer), lines('Climate change', '  Causes', '    Emissions', '  Effects'));
  });

  test('a code fence with real code in an outline stays a note, the outline outside is read', () => {
    const answer = lines('# 排序', '- 快速排序', '```python', 'def qsort(a):', '    return a', '```', '- 归并排序');
    assert.equal(outline(answer), lines('排序', '  快速排序 {def qsort(a):⏎    return a}', '  归并排序'));
  });

  test('a title line that ends with a colon but is short stays', () => {
    assert.equal(outline('主要内容：\n- 一\n- 二'), lines('主要内容：', '  一', '  二'));
  });

  test('a flat numbered answer: preamble and closing dropped, items kept', () => {
    assert.equal(outline('以下是三个建议：\n\n1. 早睡\n2. 早起\n3. 锻炼\n\n希望对你有帮助！😊'), lines('1. 早睡', '2. 早起', '3. 锻炼'));
  });

  test('a document’s own last paragraph is not taken for a closing remark', () => {
    const text = lines('关于加强安全管理的通知', '一、总体要求', '（一）提高认识', '二、工作措施', '', '希望各单位认真贯彻执行。');
    assert.equal(
      outline(text),
      lines('关于加强安全管理的通知', '  一、总体要求', '    （一）提高认识', '  二、工作措施', '    希望各单位认真贯彻执行。'),
    );
  });

  test('prose without any outline keeps every line (nothing is dropped)', () => {
    assert.equal(outline('好的，我明白了。\n希望对你有帮助！'), lines('好的，我明白了。', '希望对你有帮助！'));
  });
});

describe('outlineToNewTopics', () => {
  test('makes a NewTopic tree with fresh ids that topic.create accepts', () => {
    const o = parsePastedText(lines('# 根', '- [x] 甲 [链接](https://a.cn)', '  - 乙', '```', 'code', '```', '- 丙'));
    let n = 0;
    const topics = outlineToNewTopics(o, () => asTopicId(`p${++n}`));
    assert.equal(n, o.count);
    const root = topics[0] as NewTopic;
    assert.equal(root.text, '根');
    const first = root.children?.[0] as NewTopic;
    assert.deepEqual(
      { text: first.text, task: first.task, href: first.href, child: first.children?.[0]?.text, note: first.children?.[0]?.note },
      { text: '甲 链接', task: { done: true }, href: 'https://a.cn', child: '乙', note: 'code' },
    );
    const b = new DocBuilder({ rootText: 'map' });
    const state = stateFromDoc(b.build());
    for (const t of topics) applyOp(state, { type: 'topic.create', parentId: b.rootId, topic: t });
    assert.equal(state.topics.size, 1 + o.count);
  });
});

const SHARED = join(dirname(fileURLToPath(import.meta.url)), '../../../../../../shared/fixtures/formats/markdown');
const SHARED_SKIP = existsSync(SHARED) ? false : `../shared/fixtures/formats is absent (${SHARED}); skipping`;

describe('parsePastedText: shared Markdown fixtures', { skip: SHARED_SKIP }, () => {
  test('ocd-ad-acl.md: headings, nested bullets, code spans with angle brackets', () => {
    const o = parsePastedText(readFileSync(join(SHARED, 'ocd-ad-acl.md'), 'utf8'));
    const root = o.roots[0] as OutlineNode;
    assert.equal(o.roots.length, 1);
    assert.equal(root.text, 'ACLs/ACEs permissions');
    const group = root.children.find((c) => c.text === 'On Group') as OutlineNode;
    assert.ok(group, 'section "On Group"');
    const writeDacl = group.children.find((c) => c.text === 'WriteDACL + WriteOwner') as OutlineNode;
    assert.equal(writeDacl.children[0]?.text, 'Grant rights');
    assert.equal(writeDacl.children[0]?.children[0]?.text, 'Give yourself generic all');
    assert.ok(show(o).includes('mimikatz lsadump::dcsync /domain:<target_domain> /user:<target_domain>\\administrator'));
  });

  test('law-cn-criminal-law-cjk.md: 编/章/节/条 headings nest, every article is kept', () => {
    const text = readFileSync(join(SHARED, 'law-cn-criminal-law-cjk.md'), 'utf8');
    const o = parsePastedText(text);
    const root = o.roots[0] as OutlineNode;
    assert.equal(root.text, '中华人民共和国刑法');
    const part1 = root.children.find((c) => c.text.startsWith('第一编')) as OutlineNode;
    assert.ok(part1, '第一编');
    assert.ok(part1.children[0]?.text.startsWith('第一章'), part1.children[0]?.text);
    const headings = text.split('\n').filter((l) => /^#{1,6} \S/.test(l)).length;
    assert.ok(o.count >= headings, `${o.count} topics for ${headings} headings`);
  });

  test('every shared Markdown file parses with a count that matches its tree', () => {
    for (const f of ['hexo-markmap-example.md', 'ocd-ad-adcs.md']) {
      const o = parsePastedText(readFileSync(join(SHARED, f), 'utf8'));
      assert.ok(o.count > 3, f);
      assert.equal(countNodes(o.roots), o.count, f);
    }
  });
});
