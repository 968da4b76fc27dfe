// The HTML adapter over parse5 (a spec-compliant parser in plain JavaScript), for Node: tests,
// benchmarks, and any server-side use of the clipboard readers. The browser uses DOMParser instead
// (html.ts), so parse5 stays out of the editor's bundle.

import { type DefaultTreeAdapterTypes, parse } from 'parse5';
import type { HtmlAdapter, HtmlParser, ParsedHtml } from './html.ts';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

const NONE: readonly Node[] = [];

const adapter: HtmlAdapter<Node> = {
  isElement: (n) => 'tagName' in n,
  isText: (n) => n.nodeName === '#text',
  tag: (n) => (n as Element).tagName,
  text: (n) => (n as DefaultTreeAdapterTypes.TextNode).value,
  attr: (n, name) => (n as Element).attrs.find((a) => a.name === name)?.value,
  // A <template>'s content is a separate fragment in parse5, as in the DOM: not among its children.
  children: (n) => ('childNodes' in n ? n.childNodes : NONE),
};

export const parse5HtmlParser: HtmlParser = (html: string) => ({ root: parse(html), adapter }) as ParsedHtml;
