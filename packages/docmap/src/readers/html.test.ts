import assert from 'node:assert/strict';
import { test } from 'node:test';
import { htmlToDocument, readHtml } from './html.ts';

test('main content only: nav, aside, header, footer, script and style dropped; headings, lists, pre and tables kept', () => {
  const html = `<!doctype html><html><head><title>站点 - 页面</title><style>p{}</style></head><body>
    <header><nav><a href="/">首页</a></nav></header>
    <main><h1>指南</h1><p>欢迎&nbsp;加入</p><h2>第一步</h2><ol><li>安装<li>登录</ol>
    <pre>line 1
  line 2</pre><table><tr><th>级别<th>示例<tr><td>公开<td>新闻稿</table></main>
    <aside><h4>相关文章</h4></aside><footer>版权所有</footer><script>track()</script></body></html>`;
  const doc = htmlToDocument(html);
  assert.equal(doc.statedTitle, '站点 - 页面');
  const kinds = doc.blocks.map((b) => `${b.kind}${b.level ?? ''}:${b.text}`);
  assert.deepEqual(kinds, [
    'heading1:指南',
    'paragraph:欢迎\u00a0加入'.replace('\u00a0', ' '),
    'heading2:第一步',
    'list-item:安装',
    'list-item:登录',
    'code:line 1\n  line 2',
    'table:级别 | 示例\n公开 | 新闻稿',
  ]);
  for (const b of doc.blocks) assert.equal(doc.text.slice(b.start, b.end), b.text);
  assert.ok(!doc.text.includes('首页') && !doc.text.includes('相关文章') && !doc.text.includes('版权') && !doc.text.includes('track'));
});

test('a page without <main> keeps its body minus the chrome', () => {
  const doc = htmlToDocument('<body><nav>菜单</nav><h1>标题</h1><div>正文<br>第二行</div><div role="navigation">链接</div></body>');
  assert.deepEqual(
    doc.blocks.map((b) => b.text),
    ['标题', '正文 第二行'],
  );
});

test('read as browsers do: implied end tags, entities, misnested markup, raw text and comments', () => {
  const html = [
    '<title>T &amp; 标题</title>',
    '<h1>第一章&nbsp;总则</h1>',
    '<p>一<p>二 &lt;b&gt; &#x4e00;&#20108; &hellip; &nosuch; 1 < 2',
    '<ul><li>甲<li>乙<ul><li>乙一</ul></ul>',
    '<p><b>粗<i>斜</b>体</i></p>',
    '<script>document.write("<h1>不是</h1>")</script><!-- <h2>注释</h2> -->',
    '<textarea><h3>文本</h3></textarea>',
  ].join('');
  const doc = htmlToDocument(html);
  assert.equal(doc.statedTitle, 'T & 标题');
  assert.deepEqual(
    doc.blocks.map((b) => `${b.kind}${b.level ?? ''}:${b.text}`),
    [
      'heading1:第一章 总则',
      'paragraph:一',
      'paragraph:二 <b> 一二 … &nosuch; 1 < 2',
      'list-item:甲',
      'list-item:乙',
      'list-item:乙一',
      'paragraph:粗斜体',
    ],
  );
  for (const b of doc.blocks) assert.equal(doc.text.slice(b.start, b.end), b.text);
});

test('the encoding comes from <meta charset> (GBK) or a byte order mark', () => {
  // "<meta charset=gbk><h1>标题</h1>" with 标题 in GBK.
  const gbk = new Uint8Array([
    ...new TextEncoder().encode('<meta charset="gbk"><h1>'),
    0xb1,
    0xea,
    0xcc,
    0xe2,
    ...new TextEncoder().encode('</h1>'),
  ]);
  assert.deepEqual(
    readHtml(gbk).blocks.map((b) => b.text),
    ['标题'],
  );
  const httpEquiv = new Uint8Array([
    ...new TextEncoder().encode('<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><p>'),
    0xb1,
    0xea,
    0xcc,
    0xe2,
  ]);
  assert.deepEqual(
    readHtml(httpEquiv).blocks.map((b) => b.text),
    ['标题'],
  );
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('<meta charset="gbk"><p>标题')]);
  assert.deepEqual(
    readHtml(bom).blocks.map((b) => b.text),
    ['标题'],
  );
});

test('hostile markup: 100,000 nested elements and unclosed tags end in blocks, not a crash', () => {
  const deep = `${'<div>'.repeat(100_000)}深${'</div>'.repeat(100_000)}`;
  assert.deepEqual(
    htmlToDocument(deep).blocks.map((b) => b.text),
    ['深'],
  );
  const unclosed = `<p>${'<b><i><span>'.repeat(30_000)}x`;
  assert.deepEqual(
    htmlToDocument(unclosed).blocks.map((b) => b.text),
    ['x'],
  );
  assert.throws(() => htmlToDocument('just text, no markup'), /no HTML markup/);
});
