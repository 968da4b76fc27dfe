// Locates the first JSON syntax error in a text (JSON.parse's own messages do not always carry a
// position). Iterative, so deeply nested input cannot overflow the stack.

export interface JsonSyntaxProblem {
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
  message: string;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

export function findJsonSyntaxError(text: string): JsonSyntaxProblem | null {
  let i = 0;
  const n = text.length;
  // Containers being read: '{' or '['; `expect` says what may come next.
  const stack: number[] = [];
  type Expect = 'value' | 'value-or-close' | 'key-or-close' | 'key' | 'colon' | 'comma-or-close' | 'end';
  let expect: Expect = 'value';
  const fail = (message: string, at = i): JsonSyntaxProblem => {
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < at && k < n; k++) {
      if (text.charCodeAt(k) === 0x0a) {
        line++;
        lineStart = k + 1;
      }
    }
    return { offset: at, line, column: at - lineStart + 1, message };
  };
  const describe = (at: number) => (at >= n ? 'end of input' : `${JSON.stringify(text[at])}`);
  const afterValue = (): Expect => (stack.length === 0 ? 'end' : 'comma-or-close');

  while (true) {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
    if (expect === 'end') return i < n ? fail(`unexpected ${describe(i)} after the JSON value`) : null;
    if (i >= n) return fail('unexpected end of input');
    const c = text[i] as string;
    switch (expect) {
      case 'colon':
        if (c !== ':') return fail(`expected ':' but found ${describe(i)}`);
        i++;
        expect = 'value';
        continue;
      case 'comma-or-close': {
        const top = stack[stack.length - 1];
        if (c === ',') {
          i++;
          expect = top === 0x7b ? 'key' : 'value';
        } else if ((c === '}' && top === 0x7b) || (c === ']' && top === 0x5b)) {
          i++;
          stack.pop();
          expect = afterValue();
        } else return fail(`expected ',' or '${top === 0x7b ? '}' : ']'}' but found ${describe(i)}`);
        continue;
      }
      case 'key-or-close':
      case 'key':
        if (c === '}' && expect === 'key-or-close') {
          i++;
          stack.pop();
          expect = afterValue();
          continue;
        }
        if (c !== '"') return fail(`expected a property name in double quotes but found ${describe(i)}`);
        {
          const end = scanString(text, i);
          if (typeof end !== 'number') return fail(end.message, end.at);
          i = end;
        }
        expect = 'colon';
        continue;
      case 'value':
      case 'value-or-close': {
        if (c === ']' && expect === 'value-or-close') {
          i++;
          stack.pop();
          expect = afterValue();
          continue;
        }
        if (c === '{' || c === '[') {
          stack.push(c.charCodeAt(0));
          i++;
          expect = c === '{' ? 'key-or-close' : 'value-or-close';
          continue;
        }
        let end: number | { at: number; message: string };
        if (c === '"') end = scanString(text, i);
        else if (c === '-' || (c >= '0' && c <= '9')) end = scanNumber(text, i);
        else if (text.startsWith('true', i)) end = i + 4;
        else if (text.startsWith('false', i)) end = i + 5;
        else if (text.startsWith('null', i)) end = i + 4;
        else return fail(`unexpected ${describe(i)} where a value should be`);
        if (typeof end !== 'number') return fail(end.message, end.at);
        i = end;
        expect = afterValue();
        continue;
      }
    }
  }
}

function scanString(text: string, start: number): number | { at: number; message: string } {
  let i = start + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) return { at: i, message: 'unescaped control character in a string' };
    if (code === 0x5c) {
      const e = text[i + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { at: i, message: 'bad \\u escape in a string' };
        i += 6;
        continue;
      }
      if (e === undefined || !'"\\/bfnrt'.includes(e)) return { at: i, message: 'bad escape in a string' };
      i += 2;
      continue;
    }
    i++;
  }
  return { at: text.length, message: 'unterminated string' };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function scanNumber(text: string, start: number): number | { at: number; message: string } {
  NUMBER.lastIndex = start;
  const m = NUMBER.exec(text);
  if (!m || m[0] === '-' || m[0] === '') return { at: start, message: 'malformed number' };
  return start + m[0].length;
}
