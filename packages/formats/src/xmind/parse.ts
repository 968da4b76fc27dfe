// Reading a `.xmind` archive: XMind Zen (content.json) or XMind 8 (content.xml), every sheet,
// with the archive checked for the parts XMind itself always writes.

import { ImportError } from '../errors.ts';
import { LIMITS } from '../limits.ts';
import { type ImportResult, type ImportSheet, type ParseOptions, ReportBuilder } from '../types.ts';
import { childElements, parseXml } from '../xml.ts';
import { isZip, openZip } from '../zip.ts';
import { type BuildContext, sheetToDoc } from './build-doc.ts';
import { readXml8Content, readXml8Styles } from './xml8-read.ts';
import { readZenContent } from './zen-read.ts';
import type { XSheet } from './zen-types.ts';

const FORMAT = 'xmind';

/** Explains what a non-archive input really is. */
function notAnArchive(bytes: Uint8Array): ImportError {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 16));
  if (head.startsWith('%PDF')) return new ImportError('unknown-format', 'this file is really a PDF document, not an XMind map', FORMAT);
  if (/^\s*</.test(head))
    return new ImportError('unknown-format', 'this file is plain XML, not an XMind archive (.xmind files are ZIP archives)', FORMAT);
  if (!bytes.length) return new ImportError('malformed', 'the file is empty', FORMAT);
  return new ImportError('unknown-format', 'this file is not an XMind map (.xmind files are ZIP archives)', FORMAT);
}

export function parseXmind(bytes: Uint8Array, options: ParseOptions = {}): ImportResult {
  if (bytes.length > LIMITS.maxInputBytes)
    throw new ImportError('too-large', `the file is larger than ${LIMITS.maxInputBytes >> 20} MB`, FORMAT);
  if (!isZip(bytes)) throw notAnArchive(bytes);
  const files = openZip(bytes, FORMAT);
  const lenient = options.lenient === true;
  const report = new ReportBuilder();
  const problems: string[] = [];

  let sheets: XSheet[];
  let format: string;
  const json = files.get('content.json');
  const xml = files.get('content.xml');
  if (json) {
    format = 'xmind';
    sheets = readZenContent(json, FORMAT);
  } else if (xml) {
    format = 'xmind8';
    const content = readXml8Content(xml, FORMAT, lenient, readXml8Styles(files.get('styles.xml'), FORMAT));
    sheets = content.sheets;
    if (content.xmlErrors.length)
      report.add('xml-recovered', (n) => `content.xml is damaged: ${n} XML error${n > 1 ? 's' : ''} skipped`, content.xmlErrors.length);
    if (!files.has('META-INF/manifest.xml')) {
      problems.push('no META-INF/manifest.xml: this file was not written by XMind');
      report.add('manifest-missing', () => 'the archive has no META-INF/manifest.xml: it was not written by XMind and may be incomplete');
    }
    countComments(files.get('comments.xml'), report);
  } else if (files.has('Document.xml')) {
    throw new ImportError('unknown-format', 'this is a MindManager map (Document.xml), not an XMind file', FORMAT);
  } else {
    throw new ImportError('missing-part', 'the archive has neither content.json nor content.xml: it is not an XMind file', FORMAT);
  }

  const ctx: BuildContext = { format: FORMAT, report, files, missing: new Set(), topicCount: { n: 0 } };
  const out: ImportSheet[] = [];
  sheets.forEach((sheet, i) => {
    if (!sheet.rootTopic && sheets.length > 1) {
      report.add('sheet-empty', (n) => `${n} empty sheet${n > 1 ? 's' : ''} skipped`);
      return;
    }
    const doc = sheetToDoc(sheet, i, ctx);
    if (options.fileName) doc.meta = { sourceName: options.fileName };
    out.push({ title: doc.title, doc });
  });
  if (ctx.missing.size) {
    const list = [...ctx.missing];
    const n = list.length;
    problems.push(`${n} image${n > 1 ? 's' : ''} missing from the archive: ${list.join(', ')}`);
    report.add('image-missing', (k) => `${k} image${k > 1 ? 's' : ''} missing from the archive (${list.join(', ')})`, n);
  }
  if (problems.length && !lenient)
    throw new ImportError('missing-part', `${problems.join('; ')} (open it with the lenient option to recover what is there)`, FORMAT);
  const first = out[0];
  if (!first) throw new ImportError('malformed', 'the file holds no sheet with a central topic', FORMAT);
  return { doc: first.doc, sheets: out, report: report.build(), format };
}

function countComments(bytes: Uint8Array | undefined, report: ReportBuilder): void {
  if (!bytes) return;
  try {
    const { root } = parseXml(bytes, { format: FORMAT, lenient: true });
    const n = childElements(root, 'comment').length;
    if (n) report.add('comments-dropped', (k) => `${k} comment${k > 1 ? 's' : ''} dropped (Arbor keeps notes, not comments)`, n);
  } catch {
    report.add('comments-dropped', () => 'the comments could not be read and were dropped');
  }
}
