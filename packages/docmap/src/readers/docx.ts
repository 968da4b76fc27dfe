// Word .docx → blocks, read from word/document.xml with the safe ZIP and XML readers: heading levels
// from paragraph styles (Heading N, 标题 N, outline levels, through `basedOn`), the Title style,
// Word numbering rendered into the text, list paragraphs, tables, alignment; the title from
// docProps/core.xml as a fallback.

import { ImportError, parseXml, readZip, textContent, type XmlElement, type XmlNode } from '@arbor/formats';
import type { Block, ExtractedDocument } from '../blocks.ts';
import { WordNumbering } from './docx-numbering.ts';

interface StyleInfo {
  name: string;
  basedOn?: string;
  outlineLevel?: number;
  numId?: string;
  ilvl?: number;
}

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function readDocx(bytes: Uint8Array): ExtractedDocument {
  // Password-protected .docx files (and old .doc files) are OLE compound files, not ZIP archives.
  if (CFB_MAGIC.every((b, i) => bytes[i] === b))
    throw new ImportError(
      'unsupported',
      '文档已加密或是旧版 .doc 格式，请在 Word 中取消密码或另存为 .docx / the document is encrypted or an old .doc file',
      'docx',
    );
  const files = readZip(bytes, 'docx');
  const docXml = files.get('word/document.xml');
  if (!docXml) {
    if (files.has('EncryptedPackage') || files.has('EncryptionInfo'))
      throw new ImportError('unsupported', '文档已加密，请先在 Word 中取消密码 / the document is password-protected', 'docx');
    throw new ImportError(
      'missing-part',
      '不是 Word 文档（缺少 word/document.xml）/ not a Word document (word/document.xml is missing)',
      'docx',
    );
  }
  const styles = readStyles(files.get('word/styles.xml'));
  const numberingXml = files.get('word/numbering.xml');
  const numbering = new WordNumbering(numberingXml ? parseXml(numberingXml, { format: 'docx' }).root : undefined);
  const root = parseXml(docXml, { format: 'docx' }).root;
  const body = findChild(root, 'w:body');
  if (!body) throw new ImportError('malformed', 'Word 文档没有正文 / the document has no body', 'docx');

  const blocks: Block[] = [];
  let text = '';
  const emit = (block: Omit<Block, 'start' | 'end'>) => {
    if (!block.text) return;
    if (text) text += '\n\n';
    blocks.push({ ...block, start: text.length, end: text.length + block.text.length });
    text += block.text;
  };
  for (const el of bodyElements(body)) {
    if (el.name === 'w:tbl') emit({ kind: 'table', text: tableText(el) });
    else if (el.name === 'w:p') {
      const block = paragraphBlock(el, styles, numbering);
      if (block) emit(block);
    }
  }
  const doc: ExtractedDocument = { text, blocks, format: 'docx', report: [] };
  const core = files.get('docProps/core.xml');
  if (core) {
    try {
      const title = findChild(parseXml(core, { format: 'docx' }).root, 'dc:title');
      const t = title ? textContent(title).trim() : '';
      if (t) doc.statedTitle = t;
    } catch {
      // A damaged core.xml only costs the fallback title.
    }
  }
  return doc;
}

/** Paragraphs and tables of the body in order, looking through content controls and inserted runs. */
function* bodyElements(el: XmlElement): Generator<XmlElement> {
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (c.name === 'w:p' || c.name === 'w:tbl') yield c;
    else if (c.name === 'w:sdt' || c.name === 'w:sdtContent' || c.name === 'w:customXml' || c.name === 'w:ins') yield* bodyElements(c);
  }
}

function findChild(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) if (typeof c !== 'string' && c.name === name) return c;
  return undefined;
}

function readStyles(bytes: Uint8Array | undefined): Map<string, StyleInfo> {
  const map = new Map<string, StyleInfo>();
  if (!bytes) return map;
  const root = parseXml(bytes, { format: 'docx' }).root;
  for (const s of root.children) {
    if (typeof s === 'string' || s.name !== 'w:style') continue;
    const id = s.attrs['w:styleId'];
    if (!id) continue;
    const info: StyleInfo = { name: findChild(s, 'w:name')?.attrs['w:val'] ?? id };
    const based = findChild(s, 'w:basedOn')?.attrs['w:val'];
    if (based) info.basedOn = based;
    const ppr = findChild(s, 'w:pPr');
    const outline = ppr ? findChild(ppr, 'w:outlineLvl')?.attrs['w:val'] : undefined;
    if (outline !== undefined) info.outlineLevel = Number(outline);
    const numPr = ppr ? findChild(ppr, 'w:numPr') : undefined;
    if (numPr) {
      const numId = findChild(numPr, 'w:numId')?.attrs['w:val'];
      if (numId) info.numId = numId;
      info.ilvl = Number(findChild(numPr, 'w:ilvl')?.attrs['w:val'] ?? 0);
    }
    map.set(id, info);
  }
  return map;
}

/** Heading level of a style (1-based), following `basedOn` (bounded, cycles are harmless). */
function styleLevel(styles: Map<string, StyleInfo>, id: string | undefined): { level?: number; title?: boolean; list?: boolean } {
  for (let k = 0, cur = id; cur && k < 10; k++) {
    const s = styles.get(cur);
    const name = (s?.name ?? cur).toLowerCase().replace(/\s+/g, ' ');
    if (name === 'title' || name === '标题' || cur === 'Title') return { title: true };
    if (/^toc\b|^目录/.test(name)) return {};
    const m = /^(?:heading|标题)\s*(\d)$/.exec(name) ?? /^heading(\d)$/i.exec(cur);
    if (m) return { level: Number(m[1]) };
    if (s?.outlineLevel !== undefined && s.outlineLevel < 9) return { level: s.outlineLevel + 1 };
    if (/list/.test(name) || name === '列表段落') return { list: true };
    cur = s?.basedOn;
  }
  return {};
}

function paragraphBlock(p: XmlElement, styles: Map<string, StyleInfo>, numbering: WordNumbering): Omit<Block, 'start' | 'end'> | undefined {
  const ppr = findChild(p, 'w:pPr');
  const styleId = ppr ? findChild(ppr, 'w:pStyle')?.attrs['w:val'] : undefined;
  const style = styleLevel(styles, styleId);
  const raw = runText(p)
    .replace(/[ \t\u00a0]+/g, ' ')
    .trim();
  let level = style.level;
  const outline = ppr ? findChild(ppr, 'w:outlineLvl')?.attrs['w:val'] : undefined;
  if (outline !== undefined && Number(outline) < 9) level = Number(outline) + 1;
  // Numbering: on the paragraph, else inherited from its style.
  const numPr = ppr ? findChild(ppr, 'w:numPr') : undefined;
  const styleInfo = styleId ? styles.get(styleId) : undefined;
  const numId = (numPr ? findChild(numPr, 'w:numId')?.attrs['w:val'] : undefined) ?? styleInfo?.numId;
  const ilvl = Number((numPr ? findChild(numPr, 'w:ilvl')?.attrs['w:val'] : undefined) ?? styleInfo?.ilvl ?? 0);
  const number = numId && raw ? numbering.next(numId, ilvl) : undefined;
  if (!raw) return undefined;
  const text = number?.text ? `${number.text}${/[.、）)]$/.test(number.text) ? '' : ' '}${raw}` : raw;
  const block: Omit<Block, 'start' | 'end'> = { kind: level !== undefined ? 'heading' : 'paragraph', text };
  if (level !== undefined) block.level = level;
  if (style.title) block.isTitle = true;
  if (number?.text) block.numbered = true;
  // A numbered or bulleted paragraph that is not a heading is a list item.
  if (level === undefined && (number !== undefined || style.list)) block.listItem = true;
  const jc = ppr ? findChild(ppr, 'w:jc')?.attrs['w:val'] : undefined;
  if (jc === 'right' || jc === 'end') block.align = 'right';
  else if (jc === 'center') block.align = 'center';
  return block;
}

/** Visible text of a paragraph: runs, tabs, breaks, hyperlinks, insertions; deleted text and field codes skipped. */
function runText(p: XmlElement): string {
  let out = '';
  const stack: XmlNode[] = [...p.children].reverse();
  while (stack.length) {
    const n = stack.pop() as XmlNode;
    if (typeof n === 'string') continue;
    switch (n.name) {
      case 'w:t':
        out += textContent(n);
        break;
      case 'w:tab':
        out += '\t';
        break;
      case 'w:br':
      case 'w:cr':
        out += '\n';
        break;
      case 'w:noBreakHyphen':
        out += '-';
        break;
      case 'w:del':
      case 'w:instrText':
      case 'w:pPr':
      case 'w:rPr':
        break;
      default:
        for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as XmlNode);
    }
  }
  return out;
}

/** A table as rows of ` | `-separated cells. */
function tableText(tbl: XmlElement): string {
  const rows: string[] = [];
  for (const tr of tbl.children) {
    if (typeof tr === 'string' || tr.name !== 'w:tr') continue;
    const cells: string[] = [];
    for (const tc of tr.children) {
      if (typeof tc === 'string' || tc.name !== 'w:tc') continue;
      const parts: string[] = [];
      for (const el of bodyElements(tc)) parts.push(el.name === 'w:tbl' ? tableText(el) : runText(el).trim());
      cells.push(parts.filter(Boolean).join(' ').replace(/\s+/g, ' '));
    }
    if (cells.some(Boolean)) rows.push(cells.join(' | '));
  }
  return rows.join('\n');
}
