// Safe XML: a small DOM built with saxes. No entity expansion beyond the five XML entities and
// character references (no XXE, no billion laughs), DOCTYPEs with entity declarations refused,
// nesting depth bounded. In lenient mode, well-formedness errors are collected instead of thrown.

import { SaxesParser } from 'saxes';
import { ImportError } from './errors.ts';
import { LIMITS } from './limits.ts';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export interface XmlParseOptions {
  format?: string;
  lenient?: boolean;
  maxDepth?: number;
}

export interface XmlParseResult {
  root: XmlElement;
  /** Errors recovered from in lenient mode. */
  errors: string[];
}

/** Decodes XML bytes using the BOM or the encoding named in the XML declaration. */
export function decodeXml(bytes: Uint8Array, format?: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeStrict(bytes.subarray(3), 'utf-8', format);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeStrict(bytes.subarray(2), 'utf-16le', format);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeStrict(bytes.subarray(2), 'utf-16be', format);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const m = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  const label = m?.[1]?.toLowerCase() ?? 'utf-8';
  return decodeStrict(bytes, label, format);
}

function decodeStrict(bytes: Uint8Array, label: string, format?: string): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new ImportError('encoding', `unsupported text encoding "${label}"`, format);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new ImportError('encoding', `the file is not valid ${label.toUpperCase()} text`, format);
  }
}

export function parseXml(input: string | Uint8Array, options: XmlParseOptions = {}): XmlParseResult {
  const format = options.format;
  const text = typeof input === 'string' ? input : decodeXml(input, format);
  const maxDepth = options.maxDepth ?? LIMITS.maxDepth;
  const errors: string[] = [];
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let fatal: ImportError | undefined;

  const fail = (e: ImportError) => {
    fatal ??= e;
    throw e;
  };
  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype))
      fail(new ImportError('unsafe', 'the XML declares entities (a DOCTYPE with <!ENTITY>), which are refused for safety', format));
  });
  parser.on('opentag', (tag) => {
    if (stack.length >= maxDepth) fail(new ImportError('too-deep', `the XML is nested more than ${maxDepth} levels deep`, format));
    const el: XmlElement = { name: tag.name, attrs: tag.attributes as Record<string, string>, children: [] };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else if (!root) root = el;
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const onText = (t: string) => {
    const parent = stack[stack.length - 1];
    if (!parent) return;
    const last = parent.children[parent.children.length - 1];
    if (typeof last === 'string') parent.children[parent.children.length - 1] = last + t;
    else parent.children.push(t);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('error', (err) => {
    if (fatal) throw fatal;
    const msg = err.message.replace(/^undefined:/, '').trim();
    if (!options.lenient) throw new ImportError('malformed', `malformed XML: ${msg}`, format);
    if (errors.length < 100) errors.push(msg);
  });
  try {
    parser.write(text).close();
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError('malformed', `malformed XML: ${err instanceof Error ? err.message : String(err)}`, format);
  }
  if (!root) throw new ImportError('malformed', 'the file contains no XML element', format);
  return { root, errors };
}

/** Local part of a possibly prefixed name (`xhtml:p` → `p`). */
export const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

export function childElements(el: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children)
    if (typeof c !== 'string' && (name === undefined || c.name === name || localName(c.name) === name)) out.push(c);
  return out;
}

export function firstChild(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) if (typeof c !== 'string' && (c.name === name || localName(c.name) === name)) return c;
  return undefined;
}

/** Concatenated text content of an element and its descendants (iterative: deep trees are safe). */
export function textContent(el: XmlElement): string {
  let out = '';
  const stack: XmlNode[] = [el];
  while (stack.length) {
    const n = stack.pop() as XmlNode;
    if (typeof n === 'string') out += n;
    else for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as XmlNode);
  }
  return out;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
/** Escapes text for XML content and attribute values; drops characters XML 1.0 forbids. */
export function escapeXml(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}
