// Sheets → content.json text. JSON.stringify recurses and overflows the stack on maps a few
// thousand levels deep; then the topic tree is written with an explicit stack instead, each
// topic's own (shallow) fields still going through JSON.stringify.

import type { XSheet, XTopic } from './zen-types.ts';

export function sheetsToContentJson(sheets: XSheet[]): string {
  // The native serializer is several times faster; it only fails on very deep trees.
  try {
    return JSON.stringify(sheets);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
  }
  return sheetsToContentJsonIteratively(sheets);
}

/** The same text as JSON.stringify, with the topic tree walked on an explicit stack. */
export function sheetsToContentJsonIteratively(sheets: XSheet[]): string {
  const out: string[] = ['['];
  sheets.forEach((sheet, i) => {
    if (i) out.push(',');
    const { rootTopic, ...rest } = sheet;
    const head = JSON.stringify(rest);
    if (!rootTopic) {
      out.push(head);
      return;
    }
    out.push(`${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"rootTopic":`);
    writeTopic(rootTopic, out);
    out.push('}');
  });
  out.push(']');
  return out.join('');
}

function writeTopic(root: XTopic, out: string[]): void {
  const stack: (XTopic | string)[] = [root];
  while (stack.length) {
    const item = stack.pop() as XTopic | string;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    const { children, ...rest } = item;
    const groups = Object.entries(children ?? {}).filter(([, list]) => Array.isArray(list));
    if (!groups.some(([, list]) => (list as unknown[]).length)) {
      out.push(JSON.stringify(item)); // a leaf: nothing nested deeper than its own fields
      continue;
    }
    const head = JSON.stringify(rest);
    out.push(`${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"children":{`);
    // Pushed in reverse so that they pop in document order.
    stack.push(']}}');
    for (let g = groups.length - 1; g >= 0; g--) {
      const [kind, list] = groups[g] as [string, XTopic[]];
      for (let i = list.length - 1; i >= 0; i--) {
        stack.push(list[i] as XTopic);
        if (i) stack.push(',');
      }
      stack.push(`${g ? '],' : ''}${JSON.stringify(kind)}:[`);
    }
  }
}
