// XML escaping for SVG output: entities for markup characters, and characters XML 1.0 cannot
// carry dropped, so document content can never add elements or break the file.

// Characters XML 1.0 forbids (C0 controls except tab/newline/return, lone surrogates, U+FFFE/FFFF).
const INVALID_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const TEXT_SPECIAL = /[&<>]/g;
const ATTR_SPECIAL = /[&<>"']/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const entity = (c: string): string => ENTITIES[c] as string;

// One cheap test first: most strings (colours, ids, plain text) need no change at all.
const NEEDS_WORK = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

/** Escapes element content; drops characters XML cannot carry. */
export function escapeText(s: string): string {
  if (!NEEDS_WORK.test(s)) return s;
  return s.replace(INVALID_XML, '').replace(TEXT_SPECIAL, entity);
}

/** Escapes a double-quoted attribute value; drops characters XML cannot carry. */
export function escapeAttr(s: string): string {
  if (!NEEDS_WORK.test(s)) return s;
  return s.replace(INVALID_XML, '').replace(ATTR_SPECIAL, entity);
}
