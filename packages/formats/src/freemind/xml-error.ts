// Makes saxes' terse "211:89: malformed character entity." into a message a person can act on:
// line, column and the offending text.

import { ImportError } from '../errors.ts';
import { decodeXml, parseXml, type XmlParseOptions, type XmlParseResult } from '../xml.ts';

const POSITION = /(\d+):(\d+):\s*(.*)$/;

/** "line 211, column 89: malformed character entity (near `…&#x0;…`)", or the message unchanged. */
export function describeXmlProblem(message: string, text: string): string {
  const m = POSITION.exec(message);
  if (!m) return message;
  const line = Number(m[1]);
  const column = Number(m[2]);
  const what = (m[3] as string).replace(/\.$/, '');
  let start = 0;
  for (let i = 1; i < line && start >= 0; i++) start = text.indexOf('\n', start) + 1 || -1;
  if (start < 0) return `line ${line}, column ${column}: ${what}`;
  const lineText = text.slice(start, text.indexOf('\n', start) >>> 0);
  const at = Math.max(0, column - 1);
  const snippet = lineText.slice(Math.max(0, at - 20), at + 10).replace(/\s+/g, ' ');
  // Name an illegal character reference precisely: XML 1.0 forbids most control characters.
  const ref = /&#(x[0-9a-fA-F]+|[0-9]+);/.exec(lineText.slice(Math.max(0, at - 12), at + 2));
  const detail = ref ? `, the character reference ${ref[0]} names a character XML does not allow` : '';
  return `line ${line}, column ${column}: ${what}${detail} (near "${snippet}")`;
}

/** Fails at once on bytes that cannot start an XML document, instead of scanning all of them. */
function refuseNonXml(bytes: Uint8Array, format: string): void {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return; // UTF-16: decoded first
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  if (i >= bytes.length) throw new ImportError('malformed', 'the file is empty', format);
  if (bytes[i] !== 0x3c) {
    const start = new TextDecoder('utf-8').decode(bytes.subarray(i, i + 12)).replace(/\s+/g, ' ');
    throw new ImportError('malformed', `this is not an XML file: it starts with "${start}" instead of "<"`, format);
  }
}

/** `parseXml` with readable positions in the error and in the recovered-problem list. */
export function parseXmlDescribed(bytes: Uint8Array, options: XmlParseOptions & { format: string }): XmlParseResult {
  refuseNonXml(bytes, options.format);
  const text = decodeXml(bytes, options.format);
  try {
    const result = parseXml(text, options);
    return { root: result.root, errors: result.errors.map((e) => describeXmlProblem(e, text)) };
  } catch (err) {
    if (err instanceof ImportError && err.code === 'malformed') {
      const msg = err.message.replace(/^malformed XML:\s*/, '');
      throw new ImportError('malformed', `malformed XML at ${describeXmlProblem(msg, text)}`, options.format);
    }
    throw err;
  }
}
