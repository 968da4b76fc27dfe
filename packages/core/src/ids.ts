// Id generation. Random ids for interactive edits; importers use DocBuilder's deterministic ids.

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A random 12-character base-36 id (about 62 bits), safe in URLs, XML ids and CSS selectors. */
export function createId(prefix = ''): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  let out = prefix;
  for (const b of bytes) out += ALPHABET[b % 36];
  return out;
}
