import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocBuilder, type MindDoc } from '@arbor/core';
import { Resvg } from '@resvg/resvg-js';
import { exportPngDetailed, mapSvg, renderMap, svgToPng } from '../node.ts';
import { exportDoc } from '../registry.ts';

function smallMap(texts: string[], root = '劳动合同法要点'): MindDoc {
  const b = new DocBuilder({ title: root });
  for (const t of texts) b.add(b.rootId, { text: t });
  return b.build();
}

/** RGBA pixels of a PNG (decoded by resvg from an <image> wrapper). */
function decodePng(png: Uint8Array, width: number, height: number): Uint8Array {
  const href = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image href="${href}" width="${width}" height="${height}"/></svg>`;
  return new Uint8Array(new Resvg(svg).render().pixels);
}

test('PNG of a Chinese map draws real glyphs: different Chinese text gives different pixels', async () => {
  const a = smallMap(['订立劳动合同', '解除和终止']);
  const b = smallMap(['试用期的规定', '经济补偿金']);
  const ra = await exportPngDetailed(a, { scale: 1 });
  const rb = await exportPngDetailed(b, { scale: 1 });
  assert.equal(ra.bytes[1], 0x50); // "\x89PNG"
  assert.deepEqual([ra.width, ra.height], [rb.width, rb.height], 'same geometry for texts of equal length');
  const pa = decodePng(ra.bytes, ra.width, ra.height);
  const pb = decodePng(rb.bytes, rb.width, rb.height);
  let differing = 0;
  for (let i = 0; i < pa.length; i += 4) if (pa[i] !== pb[i] || pa[i + 1] !== pb[i + 1] || pa[i + 2] !== pb[i + 2]) differing++;
  assert.ok(differing > 200, `only ${differing} pixels differ`);
  // Text is drawn as glyph outlines, not as <text> that depends on installed fonts.
  const svg = mapSvg(renderMap(a), true);
  assert.ok(!svg.includes('<text'), 'outlined SVG has no <text>');
  assert.match(svg, /<use href="#g/);
  // Glyph <defs> come before the first <use> (resvg parses forward references slowly).
  assert.ok(svg.indexOf('<defs>') < svg.indexOf('<use'), 'glyph <defs> precede their uses');
});

test('PNG scale and transparent background', async () => {
  const doc = smallMap(['一', '二']);
  const one = await exportPngDetailed(doc, { scale: 1 });
  const two = await exportPngDetailed(doc, { scale: 2 });
  assert.ok(Math.abs(two.width - 2 * one.width) <= 2);
  const clear = await exportPngDetailed(doc, { scale: 1, background: 'transparent' });
  const px = decodePng(clear.bytes, clear.width, clear.height);
  assert.equal(px[3], 0, 'corner pixel is transparent');
  const opaque = decodePng(one.bytes, one.width, one.height);
  assert.equal(opaque[3], 255, 'theme background is opaque');
  await assert.rejects(exportPngDetailed(doc, { scale: 9 }), /between 1 and 4/);
});

test('PNG export survives hostile text: controls, lone surrogates, emoji, characters the font lacks', async () => {
  const b = new DocBuilder({ title: 'a\u0000b\u0007\ud800x\udc00\u{1F600}\u{20000}\u200b\ufffe\u{10ffff}' });
  b.add(b.rootId, { text: '\u0001\u001f\t\r\n第二行 \ud83d \u{1F468}\u200d\u{1F469}\u200d\u{1F467} \ufdfd \u{1D54F} \u0301\u202e' });
  b.add(b.rootId, { text: '正常的主题' });
  for (const background of [undefined, 'transparent']) {
    const r = await exportPngDetailed(b.build(), background ? { scale: 1, background } : { scale: 1 });
    const px = decodePng(r.bytes, r.width, r.height);
    let drawn = 0; // pixels that differ from the background in the corner
    for (let i = 0; i < px.length; i += 4)
      if (px[i] !== px[0] || px[i + 1] !== px[1] || px[i + 2] !== px[2] || px[i + 3] !== px[3]) drawn++;
    assert.ok(drawn > 500, `${drawn} pixels drawn in ${r.width}×${r.height}`);
  }
});

test('PNG with a translucent theme background keeps it in the picture, demultiplied', async () => {
  const doc = smallMap(['一', '二']);
  doc.theme = { name: 'classic', overrides: { background: 'rgba(255, 0, 0, 0.5)' } };
  const r = await exportPngDetailed(doc, { scale: 1 });
  const px = decodePng(r.bytes, r.width, r.height);
  // resvg decodes to premultiplied pixels: half-transparent pure red reads back with red = alpha
  // (a PNG storing premultiplied values by mistake would read back with red ≈ alpha / 2).
  const [red, green, blue, alpha] = [...px.subarray(0, 4)] as [number, number, number, number];
  assert.ok(alpha > 120 && alpha < 136, `alpha ${alpha}`);
  assert.deepEqual([red, green, blue], [alpha, 0, 0]);
});

test('PNG exports started together all finish, one after another, and a failing one does not block the rest', async () => {
  const docs = ['甲', '乙', '丙'].map((t) => smallMap([t, `${t}${t}`]));
  const bad = assert.rejects(svgToPng('<svg', 10, 10));
  const all = await Promise.all(docs.map((d) => exportPngDetailed(d, { scale: 1 })));
  await bad;
  const pixels = all.map((r) => decodePng(r.bytes, r.width, r.height));
  assert.ok(pixels.every((p) => p.length > 0));
  assert.ok(!Buffer.from(pixels[0] as Uint8Array).equals(Buffer.from(pixels[1] as Uint8Array)), 'each export drew its own map');
});

test('huge maps are scaled down with a warning', async () => {
  const b = new DocBuilder({ title: 'big' });
  for (let i = 0; i < 400; i++) b.add(b.rootId, { text: `第${i + 1}条 规定` });
  const r = await exportPngDetailed(b.build(), { scale: 4 });
  assert.ok(r.warning, 'a warning is returned');
  assert.ok(r.height <= 16_384 && r.width <= 16_384);
});

test('PDF has selectable text that pdf.js extracts again, fitted or tiled', async () => {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = smallMap(['订立劳动合同', 'Termination rules'], '劳动合同法');
  const bytes = await exportDoc(doc, 'pdf');
  assert.equal(new TextDecoder().decode(bytes.subarray(0, 5)), '%PDF-');
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
  assert.equal(pdf.numPages, 1);
  const content = await (await pdf.getPage(1)).getTextContent();
  const text = content.items.map((i) => ('str' in i ? i.str : '')).join('');
  for (const t of ['劳动合同法', '订立劳动合同', 'Termination rules']) assert.ok(text.includes(t), `"${t}" in ${JSON.stringify(text)}`);
  await pdf.destroy();

  const b = new DocBuilder({ title: '分页' });
  for (let i = 0; i < 120; i++) b.add(b.rootId, { text: `第${i + 1}条` });
  const tiled = await exportDoc(b.build(), 'pdf', { paper: 'A4' });
  const tp = await getDocument({ data: tiled.slice(), isEvalSupported: false }).promise;
  assert.ok(tp.numPages > 1, `tiled onto ${tp.numPages} pages`);
  await tp.destroy();
});

test('SVG export escapes hostile text and drops javascript: links', async () => {
  const b = new DocBuilder({ title: 'x' });
  b.add(b.rootId, { text: '<script>alert(1)</script>', href: 'javascript:alert(1)' });
  const svg = new TextDecoder().decode(await exportDoc(b.build(), 'svg'));
  assert.ok(!svg.includes('<script>'));
  assert.ok(!/href="\s*javascript:/i.test(svg), 'no javascript: link');
  assert.ok(!/\son[a-z]+=/i.test(svg), 'no event handler attributes');
  assert.ok(svg.includes('&lt;script&gt;'));
});
