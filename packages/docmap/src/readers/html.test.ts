import assert from 'node:assert/strict';
import { test } from 'node:test';
import { htmlToDocument } from './html.ts';
import { decodeEntities, tokenizeHtml } from './html-tokenizer.ts';

test('the tokenizer survives broken markup and reads raw-text elements whole', () => {
  const tokens = [...tokenizeHtml('<p class=a title="x>y">1 < 2 <b>bold</p><script>if (a<b) {}</script><<>')];
  assert.deepEqual(tokens[0], { type: 'start', name: 'p', attrs: { class: 'a', title: 'x>y' }, selfClosing: false });
  assert.ok(tokens.some((t) => t.type === 'text' && t.text === 'if (a<b) {}'));
  assert.equal(decodeEntities('&lt;a&gt; &amp; &#x4e00;&#20108; &nosuch;'), '<a> & 一二 &nosuch;');
});

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
