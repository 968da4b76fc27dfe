// Plain-text decoding: UTF-8, UTF-16 (with BOM) and GB18030/GBK, detected; binary input refused.

import { ImportError } from '@arbor/formats';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/** Largest document the converter reads: bigger input is refused rather than slowly digested. */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

/** Decodes document bytes, choosing the encoding from the BOM or by trying UTF-8 then GB18030. */
export function decodeText(bytes: Uint8Array, format = 'txt'): DecodedText {
  if (bytes.length > MAX_DOCUMENT_BYTES)
    throw new ImportError(
      'too-large',
      `文件过大（超过 ${MAX_DOCUMENT_BYTES >> 20} MB）/ the document is larger than ${MAX_DOCUMENT_BYTES >> 20} MB`,
      format,
    );
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return checked(decode(bytes.subarray(3), 'utf-8'), 'utf-8', format);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return checked(decode(bytes.subarray(2), 'utf-16le'), 'utf-16le', format);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return checked(decode(bytes.subarray(2), 'utf-16be'), 'utf-16be', format);
  if (looksBinary(bytes)) throw new ImportError('malformed', '这不是文本文件（含有二进制数据）/ the file is binary, not text', format);
  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== undefined) return checked(utf8, 'utf-8', format);
  const gb = tryDecode(bytes, 'gb18030');
  if (gb !== undefined) return checked(gb, 'gb18030', format);
  throw new ImportError('encoding', '无法识别文本编码（既不是 UTF-8 也不是 GB18030）/ the text is neither UTF-8 nor GB18030', format);
}

function decode(bytes: Uint8Array, label: TextEncodingName): string {
  return new TextDecoder(label).decode(bytes);
}

function tryDecode(bytes: Uint8Array, label: TextEncodingName): string | undefined {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** NUL bytes or many control characters in the first 8 KB mean a binary file (UTF-16 without BOM is not supported). */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return n > 0 && control / n > 0.05;
}

/** Replacement characters in a decoded text mean the bytes were not that encoding. */
function checked(text: string, encoding: TextEncodingName, format: string): DecodedText {
  let bad = 0;
  const n = Math.min(text.length, 65536);
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) === 0xfffd) bad++;
  if (n > 0 && bad / n > 0.02)
    throw new ImportError('encoding', `文本编码错误（${encoding}）/ the file is not valid ${encoding} text`, format);
  return { text: text.replace(/\r\n?/g, '\n'), encoding };
}
