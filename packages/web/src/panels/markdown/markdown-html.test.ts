import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type DefaultTreeAdapterTypes, parse } from 'parse5';
import { markdownToSafeHtml, safeImageUrl, safeLinkUrl } from './markdown-html.ts';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

/** Every element of the HTML as a browser parses it, with its attributes. */
function elements(html: string): { tag: string; attrs: Record<string, string> }[] {
  const out: { tag: string; attrs: Record<string, string> }[] = [];
  const stack: Node[] = [parse(`<!doctype html><body>${html}</body>`)];
  while (stack.length > 0) {
    const n = stack.pop() as Node;
    if ('tagName' in n) {
      const el = n as Element;
      out.push({ tag: el.tagName, attrs: Object.fromEntries(el.attrs.map((a) => [a.name, a.value])) });
    }
    if ('childNodes' in n) for (const c of n.childNodes) stack.push(c as Node);
  }
  return out.filter((e) => !['html', 'head', 'body'].includes(e.tag));
}

/** Tags the preview may write, and the attributes each may carry. */
const ALLOWED: Record<string, readonly string[]> = {
  p: [],
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  hr: [],
  br: [],
  blockquote: [],
  ul: [],
  ol: ['start'],
  li: [],
  pre: [],
  code: ['class'],
  em: [],
  strong: [],
  del: [],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  th: [],
  td: [],
  a: ['href', 'title', 'rel', 'target'],
  img: ['src', 'alt', 'title', 'loading', 'referrerpolicy'],
};

/** Asserts the rendered HTML holds only allowed elements, attributes and URLs. */
function assertSafe(md: string): string {
  const html = markdownToSafeHtml(md);
  for (const { tag, attrs } of elements(html)) {
    const allowed = ALLOWED[tag];
    assert.ok(allowed, `element <${tag}> in ${JSON.stringify(html.slice(0, 200))} from ${JSON.stringify(md.slice(0, 100))}`);
    for (const name of Object.keys(attrs))
      assert.ok(allowed.includes(name), `attribute ${name} on <${tag}> from ${JSON.stringify(md.slice(0, 100))}`);
    if (tag === 'a') {
      assert.match(attrs.href ?? '', /^(?:https?:\/\/|mailto:)/i);
      assert.equal(attrs.rel, 'noopener noreferrer');
      assert.equal(attrs.target, '_blank');
    }
    if (tag === 'img') assert.match(attrs.src ?? '', /^(?:https:\/\/|data:image\/(?:png|jpeg|gif|webp|avif|bmp);base64,)/i);
    if (tag === 'code' && attrs.class !== undefined) assert.match(attrs.class, /^language-[\w+#.-]+$/);
  }
  return html;
}

describe('markdownToSafeHtml: CommonMark', () => {
  test('blocks and inlines', () => {
    assert.equal(
      markdownToSafeHtml('# 标题\n\n段落 **粗** *斜* `码`  \n换行\n\n---\n\n> 引用\n\n- 甲\n- 乙\n\n3. 丙\n4. 丁'),
      [
        '<h1>标题</h1>',
        '<p>段落 <strong>粗</strong> <em>斜</em> <code>码</code><br>\n换行</p>',
        '<hr>',
        '<blockquote>\n<p>引用</p>\n</blockquote>',
        '<ul>\n<li>甲</li>\n<li>乙</li>\n</ul>',
        '<ol start="3">\n<li>丙</li>\n<li>丁</li>\n</ol>',
      ].join('\n'),
    );
  });

  test('loose lists keep paragraphs, tight ones do not', () => {
    assert.equal(markdownToSafeHtml('- a\n\n- b'), '<ul>\n<li><p>a</p>\n</li>\n<li><p>b</p>\n</li>\n</ul>');
    assert.equal(markdownToSafeHtml('- a\n  - b'), '<ul>\n<li>a<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>');
  });

  test('tables and strike-through', () => {
    assert.equal(
      markdownToSafeHtml('| a | b |\n|---|---|\n| 1 | ~~2~~ |'),
      '<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td><del>2</del></td>\n</tr>\n</tbody>\n</table>',
    );
  });

  test('code blocks are escaped and keep a safe language class', () => {
    assert.equal(
      markdownToSafeHtml('```html\n<b>&amp;</b>\n```'),
      '<pre><code class="language-html">&lt;b&gt;&amp;amp;&lt;/b&gt;\n</code></pre>',
    );
    assert.equal(markdownToSafeHtml('```"><script>\nx\n```'), '<pre><code>x\n</code></pre>');
  });

  test('links: http(s) and mailto open in a new tab without opener; references resolve', () => {
    assert.equal(
      markdownToSafeHtml('[甲](https://a.cn "说明") [乙][r] <mailto:x@y.cn>\n\n[r]: http://b.cn'),
      '<p><a href="https://a.cn" title="说明" rel="noopener noreferrer" target="_blank">甲</a> <a href="http://b.cn" rel="noopener noreferrer" target="_blank">乙</a> <a href="mailto:x@y.cn" rel="noopener noreferrer" target="_blank">mailto:x@y.cn</a></p>',
    );
  });

  test('images: https and raster data URLs only', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    assert.equal(
      markdownToSafeHtml(`![图](https://a.cn/x.png) ![点](${png})`),
      `<p><img src="https://a.cn/x.png" alt="图" loading="lazy" referrerpolicy="no-referrer"> <img src="${png}" alt="点" loading="lazy" referrerpolicy="no-referrer"></p>`,
    );
    assert.equal(markdownToSafeHtml('![明文](http://a.cn/x.png)'), '<p>明文</p>');
    assert.equal(markdownToSafeHtml('![svg](data:image/svg+xml;base64,PHN2Zz4=)'), '<p>svg</p>');
  });

  test('Chinese, emoji and RTL text pass through escaped only', () => {
    assert.equal(markdownToSafeHtml('中文 😀 مرحبا & <'), '<p>中文 😀 مرحبا &amp; &lt;</p>');
  });
});

describe('markdownToSafeHtml: hostile input', () => {
  const attacks = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<svg onload=alert(1)>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    'inline <b onclick=alert(1)>bold</b> html',
    '<!-- comment --><style>body{display:none}</style>',
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x](<javascript:alert(1)>)',
    '[x](&#106;avascript:alert(1))',
    '[x](java&#x09;script:alert(1))',
    '[x](%6A%61vascript:alert(1))',
    '[x](vbscript:msgbox(1))',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[x](file:///etc/passwd)',
    '[x](//evil.example/x)',
    '[x](/relative/path)',
    '[x]: javascript:alert(1)\n\n[x]',
    '<javascript:alert(1)>',
    '![x](javascript:alert(1))',
    '![x](https://a.cn/x.png" onerror="alert(1))',
    '![x"onerror="alert(1)](https://a.cn/x.png)',
    '[x](https://a.cn "t\\" onmouseover=\\"alert(1)")',
    '[x](https://a.cn/?q="><script>alert(1)</script>)',
    '```js" onclick="x\ncode\n```',
    '<textarea></textarea><script>alert(1)</script>',
    '\u0000<script>\u0000',
    '<scr<script>ipt>alert(1)</script>',
  ];
  for (const md of attacks) {
    test(`renders safely: ${JSON.stringify(md).slice(0, 70)}`, () => {
      const html = assertSafe(md);
      // Handlers and tags may appear only as escaped text: the structural check above found no
      // such element or attribute once parsed the way a browser parses it.
      assert.ok(!/<(?:script|iframe|svg|style|textarea)/i.test(html), html);
    });
  }

  test('the text of raw HTML is shown, not lost', () => {
    assert.equal(markdownToSafeHtml('<script>alert(1)</script>'), '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    assert.equal(markdownToSafeHtml('a <b>b</b> c'), '<p>a &lt;b&gt;b&lt;/b&gt; c</p>');
  });

  test('pathological nesting stays bounded and safe', () => {
    for (const md of [
      `${'>'.repeat(2000)} deep`,
      `${'- '.repeat(500)}x`,
      `${'*'.repeat(20000)}x${'*'.repeat(20000)}`,
      `${'['.repeat(10000)}x${']'.repeat(10000)}`,
    ]) {
      const html = assertSafe(md);
      assert.ok(html.length > 0);
    }
  });

  test('a long note is previewed (100,000 characters)', () => {
    const md = '这是一段很长的笔记。'.repeat(10_000);
    const html = markdownToSafeHtml(md);
    assert.ok(html.startsWith('<p>这是'));
  });

  test('URL checks', () => {
    for (const ok of ['https://a.cn', 'http://a.cn/x?y#z', 'mailto:a@b.cn']) assert.equal(safeLinkUrl(ok), ok);
    for (const bad of [
      'javascript:x',
      ' javascript:x',
      'https:/x',
      'https:///x',
      '//a.cn',
      '/x',
      'ftp://a.cn',
      'https://a .cn',
      'https://a.cn\n',
    ]) {
      assert.equal(safeLinkUrl(bad), bad === 'https://a.cn\n' ? 'https://a.cn' : undefined, JSON.stringify(bad));
    }
    assert.equal(safeImageUrl('http://a.cn/x.png'), undefined);
    assert.equal(safeImageUrl('data:image/jpeg;base64,/9j/'), 'data:image/jpeg;base64,/9j/');
    assert.equal(safeImageUrl('data:image/png;base64,AA"onerror'), undefined);
  });
});
