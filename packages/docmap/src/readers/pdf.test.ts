import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docToTitleTree } from '@arbor/core';
import { ImportError } from '@arbor/formats';
import { makePdf } from '../../test/make-pdf.ts';
import { documentToMap, sourceText } from '../index.ts';
import { readPdf } from './pdf.ts';

const para = (n: number) =>
  `这是第${n}段正文，用于测试段落的合并。正文中的每一行都足够长，会被自动换行，换行后的各行应当重新拼接成一个完整的段落，而不是被拆成多个主题。`.repeat(
    2,
  );

test('a PDF: title, bold headings at two levels, joined paragraphs, footers and page numbers removed, pages kept', async () => {
  const bytes = await makePdf({
    title: '年度工作报告',
    footer: '某某单位年度工作报告',
    sections: [
      { heading: '一、总体情况', paragraphs: [para(1), para(2)] },
      {
        heading: '二、主要工作',
        paragraphs: [para(3)],
        subsections: [
          { heading: '基础设施建设', paragraphs: [para(4), para(5), para(6)] },
          { heading: '人员培训', paragraphs: [para(7), para(8), para(9), para(10)] },
        ],
      },
    ],
  });
  const extracted = await readPdf(bytes);
  assert.ok(!extracted.text.includes('第 1 页'), 'page footers are removed');
  const { doc, text } = await documentToMap(bytes, { fileName: 'report.pdf' });
  const tree = docToTitleTree(doc);
  assert.equal(tree.title, '年度工作报告');
  const top = tree.children ?? [];
  assert.deepEqual(
    top.map((c) => c.title),
    ['一、总体情况', '二、主要工作'],
  );
  const second = top[1]?.children?.map((c) => c.title) ?? [];
  assert.ok(second.includes('基础设施建设') && second.includes('人员培训'), second.join(' | '));
  // Every paragraph is one topic whose note is the whole paragraph, with a page in its source.
  const notes = Object.values(doc.topics).filter((t) => t.note?.startsWith('这是第'));
  assert.equal(notes.length, 10);
  for (const t of notes) {
    assert.ok(t.source?.page !== undefined && t.source.page >= 1);
    assert.equal(sourceText(doc, t.id, text), t.note);
  }
  assert.ok(
    notes.some((t) => (t.source?.page ?? 0) > 1),
    'the document runs over several pages',
  );
});

test('headings set only with an underline, in the body font and size, are found', async () => {
  const bytes = await makePdf({
    title: 'Annual Report',
    headingStyle: 'underline',
    sections: [
      {
        heading: 'Summary of the Year',
        paragraphs: ['Visits rose by fourteen percent over the previous year and the new wing opened in the spring as planned.'],
      },
      {
        heading: 'Building and Facilities',
        paragraphs: ['The roof drains were cleared and re-lined in October. The skylight flashing should be replaced next year.'],
      },
    ],
  });
  const { doc } = await documentToMap(bytes, { fileName: 'report.pdf', bodyLeaves: false });
  assert.deepEqual(docToTitleTree(doc), {
    title: 'Annual Report',
    children: [{ title: 'Summary of the Year' }, { title: 'Building and Facilities' }],
  });
});

test('an encrypted PDF and a damaged PDF give a clear ImportError', async () => {
  const encrypted = await makePdf({ title: 'Secret', sections: [{ heading: 'A', paragraphs: ['x'] }], userPassword: 'pw' });
  await assert.rejects(
    documentToMap(encrypted, { fileName: 'secret.pdf' }),
    (e) => e instanceof ImportError && e.code === 'unsupported' && /密码|password/.test(e.message),
  );
  const damaged = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage garbage\n%%EOF');
  await assert.rejects(documentToMap(damaged, { fileName: 'broken.pdf' }), (e) => e instanceof ImportError);
});
