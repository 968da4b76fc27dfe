// xmind → Arbor → xmind (Zen) and XMind 8 → Arbor → XMind 8 keep topics, order, notes, links,
// labels, markers, images, relationships, summaries and boundaries, for every fixture and sheet.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DocBuilder, type MindDoc } from '@arbor/core';
import type { FormatModule, ImportResult } from '../types.ts';
import { xmind8Format, xmindFormat } from './index.ts';
import { canonical, fixture, oneByText, sampleDoc, sharedFixture } from './test-support.ts';

const FIXTURES = [
  'xmind-zen/xmindparser-xmind2026.xmind',
  'xmind-zen/xmindparser-zen-two-sheets-cjk.xmind',
  'xmind-zen/liwengu-zen-cjk-notes.xmind',
  'xmind-legacy/xmind8-features.xmind',
  'xmind-legacy/xmindparser-xmind8-two-sheets-cjk.xmind',
  'xmind-legacy/xmind2testcase-template-v1.1-cjk.xmind',
  'xmind-legacy/xmind-native-elements-cjk.xmind',
  'xmind-legacy/xmind-sdk-js-default.xmind',
  'xmind-legacy/MALFORMED-sdk-written-no-manifest.xmind',
  'xmind-legacy/MALFORMED-content-only-missing-attachments.xmind',
];

function roundTrip(format: FormatModule, first: ImportResult): ImportResult {
  const [head, ...rest] = first.sheets.map((s) => s.doc);
  const bytes = format.serialize?.(head as MindDoc, { extraSheets: rest }) as Uint8Array;
  return format.parse(bytes) as ImportResult;
}

function assertSame(first: ImportResult, second: ImportResult): void {
  assert.equal(second.sheets.length, first.sheets.length);
  first.sheets.forEach((sheet, i) => {
    const again = second.sheets[i];
    assert.ok(again);
    assert.equal(again.title, sheet.title);
    assert.deepEqual(canonical(again.doc), canonical(sheet.doc));
  });
}

for (const [name, format] of [
  ['Zen', xmindFormat],
  ['XMind 8', xmind8Format],
] as const) {
  describe(`round trip through ${name}`, () => {
    for (const rel of FIXTURES)
      test(rel, () => {
        const first = xmindFormat.parse(fixture(rel), { lenient: rel.includes('MALFORMED') }) as ImportResult;
        const second = roundTrip(format, first);
        assertSame(first, second);
        assert.deepEqual(
          second.report.map((r) => r.kind),
          [],
          'what Arbor wrote reads back without losses',
        );
      });

    test('ocd-pentest-active-directory (read from ../shared)', (t) => {
      const bytes = sharedFixture('xmind-zen/ocd-pentest-active-directory.xmind');
      if (!bytes) return t.skip('../shared/fixtures/formats is absent');
      const first = xmindFormat.parse(bytes) as ImportResult;
      assertSame(first, roundTrip(format, first));
    });

    test('a document built in Arbor: every field XMind can hold', () => {
      const doc = sampleDoc();
      const again = (format.parse(format.serialize?.(doc) as Uint8Array) as ImportResult).doc;
      assert.deepEqual(canonical(again), canonical(doc));
      const linked = oneByText(again, 'links to B');
      assert.equal(again.topics[linked.href?.slice(7) ?? '']?.text, 'B 乙');
    });

    test('a plain note comes back as typed: non-breaking spaces, blank lines, markup-like text', () => {
      const b = new DocBuilder({ title: '笔记', rootText: '笔记' });
      const note = '第一段\u00a0100\u00a0元\n\n\n  缩进的一行 <b>不是标签</b> &amp; \t制表';
      b.add(b.rootId, { text: '有备注', note });
      const again = (format.parse(format.serialize?.(b.build()) as Uint8Array) as ImportResult).doc;
      assert.equal(oneByText(again, '有备注').note, note);
    });
  });
}
