import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ImportError, writeZip } from '@arbor/formats';
import { readDocx } from './docx.ts';
import { formatNumber } from './docx-numbering.ts';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const para = (text: string, pPr = '') => `<w:p><w:pPr>${pPr}</w:pPr><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const style = (id: string, name: string, extra = '') =>
  `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/>${extra}</w:style>`;

function makeDocx(body: string): Uint8Array {
  return writeZip({
    '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`,
    'word/styles.xml': `<?xml version="1.0"?><w:styles ${W}>${style('Title', 'Title')}${style('a1', '标题 1')}${style('a2', 'heading 2')}${style('Custom', 'My Heading', '<w:basedOn w:val="a2"/>')}${style('ListParagraph', 'List Paragraph')}</w:styles>`,
    'word/numbering.xml': `<?xml version="1.0"?><w:numbering ${W}>
      <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/><w:isLgl/></w:lvl></w:abstractNum>
      <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/></w:lvl></w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>`,
    'docProps/core.xml':
      '<?xml version="1.0"?><cp:coreProperties xmlns:cp="x" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>核心标题</dc:title></cp:coreProperties>',
  });
}

const num = (id: number, lvl: number) => `<w:numPr><w:ilvl w:val="${lvl}"/><w:numId w:val="${id}"/></w:numPr>`;

test('styles (标题 1, heading 2, basedOn, outline level), Word numbering, bullets, tables, alignment, core title', () => {
  const body = [
    para('安全生产方案', '<w:pStyle w:val="Title"/>'),
    para('总体要求', `<w:pStyle w:val="a1"/>${num(1, 0)}`),
    para('目标', `<w:pStyle w:val="a2"/>${num(1, 1)}`),
    para('范围', `<w:pStyle w:val="Custom"/>${num(1, 1)}`),
    para('工作措施', `<w:pStyle w:val="a1"/>${num(1, 0)}`),
    para('细化', `<w:pStyle w:val="a2"/>${num(1, 1)}`),
    para('要点一', `<w:pStyle w:val="ListParagraph"/>${num(2, 0)}`),
    para('大纲级别段落', '<w:outlineLvl w:val="2"/>'),
    '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>级别</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>说明</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
    para('二○二四年一月一日', '<w:jc w:val="right"/>'),
  ].join('');
  const doc = readDocx(makeDocx(body));
  assert.equal(doc.statedTitle, '核心标题');
  assert.deepEqual(
    doc.blocks.map((b) => `${b.kind}${b.level ?? ''}${b.isTitle ? '*' : ''}${b.listItem ? '-' : ''}:${b.text}`),
    [
      'paragraph*:安全生产方案',
      'heading1:一、总体要求',
      'heading2:1.1 目标',
      'heading2:1.2 范围',
      'heading1:二、工作措施',
      'heading2:2.1 细化',
      'paragraph-:要点一',
      'heading3:大纲级别段落',
      'table:级别 | 说明',
      'paragraph:二○二四年一月一日',
    ],
  );
  assert.equal(doc.blocks[doc.blocks.length - 1]?.align, 'right');
  for (const b of doc.blocks) assert.equal(doc.text.slice(b.start, b.end), b.text);
});

test('number formats', () => {
  assert.equal(formatNumber(12, 'chineseCounting'), '十二');
  assert.equal(formatNumber(21, 'chineseCountingThousand'), '二十一');
  assert.equal(formatNumber(4, 'upperRoman'), 'IV');
  assert.equal(formatNumber(3, 'lowerLetter'), 'c');
  assert.equal(formatNumber(2, 'decimalEnclosedCircle'), '②');
});

test('corrupt, encrypted and foreign archives give a clear ImportError', () => {
  const bad = (bytes: Uint8Array, code: string) =>
    assert.throws(
      () => readDocx(bytes),
      (e) => e instanceof ImportError && e.code === code,
    );
  bad(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]), 'malformed');
  bad(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 'unsupported');
  bad(writeZip({ 'content.xml': '<x/>' }), 'missing-part');
  bad(writeZip({ 'word/document.xml': '<w:document><w:body><w:p>' }), 'malformed');
});
