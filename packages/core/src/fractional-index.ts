// Fractional indices for sibling order. A key is an "integer part" (a head character that
// encodes its length, then base-62 digits) followed by an optional fraction. Appending at the end
// increments the integer part, so a run of N appends yields keys of O(log N) length; inserting
// between two keys takes the midpoint of their fractions. Keys compare with plain `<`.

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE = DIGITS.length;
const ZERO = 'a0';
const SMALLEST_INT = `A${'0'.repeat(26)}`;

const digitValue = (c: string): number => {
  const v = DIGITS.indexOf(c);
  if (v < 0) throw new Error(`invalid fractional index digit ${JSON.stringify(c)}`);
  return v;
};

function intLength(head: string): number {
  if (head >= 'a' && head <= 'z') return head.charCodeAt(0) - 97 + 2;
  if (head >= 'A' && head <= 'Z') return 90 - head.charCodeAt(0) + 2;
  throw new Error(`invalid fractional index head ${JSON.stringify(head)}`);
}

function intPart(key: string): string {
  const len = intLength(key[0] ?? '');
  if (key.length < len) throw new Error(`invalid fractional index ${JSON.stringify(key)}`);
  return key.slice(0, len);
}

/** True when `key` is a well-formed index (the shape `keyBetween` produces). */
export function isValidIndex(key: unknown): key is string {
  if (typeof key !== 'string' || key.length === 0) return false;
  const head = key[0] ?? '';
  if (!/^[a-zA-Z]$/.test(head)) return false;
  const len = intLength(head);
  if (key.length < len) return false;
  for (let i = 1; i < key.length; i++) if (DIGITS.indexOf(key[i] ?? '') < 0) return false;
  if (key.startsWith(SMALLEST_INT)) return false;
  const frac = key.slice(len);
  return !frac.endsWith('0');
}

function incrementInt(x: string): string | null {
  const head = x[0] ?? '';
  const digits = x.slice(1).split('');
  for (let i = digits.length - 1; i >= 0; i--) {
    const d = digitValue(digits[i] ?? '');
    if (d < BASE - 1) {
      digits[i] = DIGITS[d + 1] ?? '';
      return head + digits.join('');
    }
    digits[i] = '0';
  }
  if (head === 'Z') return ZERO;
  if (head === 'z') return null;
  const next = String.fromCharCode(head.charCodeAt(0) + 1);
  if (next > 'a') digits.push('0');
  else digits.pop();
  return next + digits.join('');
}

function decrementInt(x: string): string | null {
  const head = x[0] ?? '';
  const digits = x.slice(1).split('');
  for (let i = digits.length - 1; i >= 0; i--) {
    const d = digitValue(digits[i] ?? '');
    if (d > 0) {
      digits[i] = DIGITS[d - 1] ?? '';
      return head + digits.join('');
    }
    digits[i] = DIGITS[BASE - 1] ?? '';
  }
  if (head === 'a') return `Z${DIGITS[BASE - 1]}`;
  if (head === 'A') return null;
  const prev = String.fromCharCode(head.charCodeAt(0) - 1);
  if (prev < 'Z') digits.push(DIGITS[BASE - 1] ?? '');
  else digits.pop();
  return prev + digits.join('');
}

/** Midpoint of two fractions (digit strings without trailing zeros); `b` null means 1. */
function midpoint(a: string, b: string | null): string {
  if (b !== null && a >= b) throw new Error(`fractional index order: ${a} >= ${b}`);
  if (b !== null) {
    let n = 0;
    while ((a[n] ?? '0') === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const da = a ? digitValue(a[0] ?? '0') : 0;
  const db = b !== null ? digitValue(b[0] ?? '0') : BASE;
  if (db - da > 1) return DIGITS[(da + db) >> 1] ?? '';
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return (DIGITS[da] ?? '') + midpoint(a.slice(1), null);
}

/** A key strictly between `a` and `b` (either may be null for "no bound"). */
export function keyBetween(a: string | null, b: string | null): string {
  if (a !== null && b !== null && a >= b) throw new Error(`fractional index order: ${a} >= ${b}`);
  if (a === null) {
    if (b === null) return ZERO;
    const ib = intPart(b);
    const fb = b.slice(ib.length);
    if (ib === SMALLEST_INT) return ib + midpoint('', fb);
    if (ib < b) return ib;
    const dec = decrementInt(ib);
    if (dec === null) throw new Error('fractional index underflow');
    return dec;
  }
  const ia = intPart(a);
  const fa = a.slice(ia.length);
  if (b === null) {
    const inc = incrementInt(ia);
    return inc === null ? ia + midpoint(fa, null) : inc;
  }
  const ib = intPart(b);
  const fb = b.slice(ib.length);
  if (ia === ib) return ia + midpoint(fa, fb);
  const inc = incrementInt(ia);
  if (inc !== null && inc < b) return inc;
  return ia + midpoint(fa, null);
}

/** `n` ascending keys strictly between `a` and `b`, kept short by bisection. */
export function keysBetween(a: string | null, b: string | null, n: number): string[] {
  if (n <= 0) return [];
  if (n === 1) return [keyBetween(a, b)];
  if (b === null) {
    const out: string[] = [];
    let c = a;
    for (let i = 0; i < n; i++) {
      c = keyBetween(c, null);
      out.push(c);
    }
    return out;
  }
  if (a === null) {
    const out: string[] = [];
    let c: string = b;
    for (let i = 0; i < n; i++) {
      c = keyBetween(null, c);
      out.push(c);
    }
    return out.reverse();
  }
  const mid = n >> 1;
  const c = keyBetween(a, b);
  return [...keysBetween(a, c, mid), c, ...keysBetween(c, b, n - mid - 1)];
}
