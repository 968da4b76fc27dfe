// MindManager `.mmap` (a ZIP with Document.xml) → Arbor document. Read-only.
// Topics, notes (XHTML), hyperlinks (web and internal xpointer links), images from bin/,
// stock icons and task priority/progress as markers, text labels, boundaries, relationships,
// floating topics, collapsed state; what Arbor cannot hold is listed in the report.

import { DocBuilder, type ImageRef, type TopicFields, type TopicId } from '@arbor/core';
import { ImportError } from '../errors.ts';
import { LIMITS } from '../limits.ts';
import { mindManagerIconToArbor, mindManagerPriorityToArbor, taskMarkerForPercent } from '../markers.ts';
import { type ImportResult, type ParseOptions, ReportBuilder } from '../types.ts';
import { imageMime, intrinsicSize, toDataUrl } from '../xmind/media.ts';
import { tidyText, xhtmlToText } from '../xmind/rich-text.ts';
import { childElements, firstChild, localName, parseXml, type XmlElement } from '../xml.ts';
import { isZip, openZip, type ZipArchive } from '../zip.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const FORMAT = 'mmap';

function attr(el: XmlElement | undefined, name: string): string | undefined {
  if (!el) return undefined;
  const direct = el.attrs[name];
  if (direct !== undefined) return direct;
  const suffix = `:${name}`;
  for (const k in el.attrs) if (k.endsWith(suffix)) return el.attrs[k];
  return undefined;
}

const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);

export function parseMmap(bytes: Uint8Array, options: ParseOptions = {}): ImportResult {
  if (bytes.length > LIMITS.maxInputBytes)
    throw new ImportError('too-large', `the file is larger than ${LIMITS.maxInputBytes >> 20} MB`, FORMAT);
  if (!isZip(bytes)) {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 8));
    if (head.startsWith('%PDF'))
      throw new ImportError('unknown-format', 'this file is really a PDF document, not a MindManager map', FORMAT);
    throw new ImportError('unknown-format', 'this file is not a MindManager map (.mmap files are ZIP archives)', FORMAT);
  }
  const files = openZip(bytes, FORMAT);
  const docXml = files.get('Document.xml');
  if (!docXml) throw new ImportError('missing-part', 'the archive has no Document.xml: it is not a MindManager map', FORMAT);
  const report = new ReportBuilder();
  const { root, errors } = parseXml(docXml, { format: FORMAT, lenient: options.lenient });
  if (errors.length)
    report.add('xml-recovered', (n) => `Document.xml is damaged: ${n} XML ${plural(n, 'error', 'errors')} skipped`, errors.length);
  if (localName(root.name) !== 'Map')
    throw new ImportError('malformed', `Document.xml has a <${root.name}> root where MindManager writes <ap:Map>`, FORMAT);
  const central = firstChild(firstChild(root, 'OneTopic') ?? root, 'Topic');
  if (!central) throw new ImportError('malformed', 'Document.xml has no central topic', FORMAT);

  const reader = new MmapReader(files, report);
  const doc = reader.read(central, root);
  if (options.fileName) doc.meta = { sourceName: options.fileName };
  if (reader.missing.length && !options.lenient)
    throw new ImportError(
      'missing-part',
      `${reader.missing.length} ${plural(reader.missing.length, 'image', 'images')} missing from the archive: ${reader.missing.join(', ')} (open it with the lenient option to recover what is there)`,
      FORMAT,
    );
  if (reader.missing.length)
    report.add(
      'image-missing',
      (n) => `${n} ${plural(n, 'image', 'images')} missing from the archive (${reader.missing.join(', ')})`,
      reader.missing.length,
    );
  return { doc, sheets: [{ title: doc.title, doc }], report: report.build(), format: FORMAT };
}

type Pending = [el: XmlElement, id: TopicId];

class MmapReader {
  readonly missing: string[] = [];
  private readonly ids = new Map<string, TopicId>();
  private readonly links: [TopicId, string][] = [];
  private readonly b = new DocBuilder({ id: 'mmap' });
  private count = 0;

  constructor(
    private readonly files: Pick<ZipArchive, 'get'>,
    private readonly report: ReportBuilder,
  ) {}

  read(central: XmlElement, map: XmlElement) {
    const b = this.b;
    const rootFields = this.fields(central);
    b.update(b.rootId, rootFields);
    b.title = rootFields.text ?? '';
    this.register(central, b.rootId);
    const stack: Pending[] = [[central, b.rootId]];
    while (stack.length) {
      const [el, id] = stack.pop() as Pending;
      for (const child of childElements(firstChild(el, 'SubTopics') ?? EMPTY, 'Topic')) {
        const cid = this.add(id, child, id === b.rootId ? sideOf(child) : {});
        stack.push([child, cid]);
      }
      for (const floating of childElements(firstChild(el, 'FloatingTopics') ?? EMPTY, 'Topic')) {
        const offset = firstChild(floating, 'Offset');
        const position = { x: num(attr(offset, 'CX')) ?? 0, y: num(attr(offset, 'CY')) ?? 0 };
        stack.push([floating, this.add(b.rootId, floating, { detached: true, position })]);
      }
      const callouts = childElements(firstChild(el, 'Callouts') ?? EMPTY, 'Topic').length;
      if (callouts) this.report.add('callout-dropped', (n) => `${n} MindManager ${plural(n, 'callout', 'callouts')} dropped`, callouts);
      this.boundary(el, id);
    }
    this.resolveLinks();
    this.relationships(map);
    return b.build();
  }

  private register(el: XmlElement, id: TopicId): void {
    const oid = attr(el, 'OId');
    if (oid) this.ids.set(oid, id);
    const url = attr(firstChild(el, 'Hyperlink'), 'Url');
    if (!url) return;
    const internal = /\[@OId='([^']+)'\]/.exec(url);
    if (internal?.[1]) this.links.push([id, internal[1]]);
    else if (/^(?:https?:\/\/|mailto:)/i.test(url)) this.b.update(id, { href: url });
    else this.report.add('link-dropped', (n) => `${n} ${plural(n, 'link', 'links')} to local files or other documents dropped`);
  }

  private add(parent: TopicId, el: XmlElement, extra: TopicFields): TopicId {
    if (++this.count > LIMITS.maxTopics) throw new ImportError('too-large', `the map has more than ${LIMITS.maxTopics} topics`, FORMAT);
    const id = this.b.add(parent, { ...this.fields(el), ...extra });
    this.register(el, id);
    return id;
  }

  private fields(el: XmlElement): TopicFields {
    const f: Mutable<TopicFields> = {};
    const text = firstChild(el, 'Text');
    f.text = attr(text, 'PlainText') ?? '';
    if (text && childElements(text, 'FontRange').length)
      this.report.add('formatting-dropped', (n) => `text formatting of ${n} ${plural(n, 'topic', 'topics')} dropped`);
    const notes = firstChild(firstChild(el, 'NotesGroup') ?? EMPTY, 'NotesXhtmlData');
    if (notes) {
      const html = firstChild(notes, 'html');
      const note = html ? xhtmlToText(html) : tidyText(attr(notes, 'PreviewPlainText') ?? '');
      if (note) f.note = note;
    }
    const markers: string[] = [];
    for (const icon of childElements(firstChild(firstChild(el, 'IconsGroup') ?? EMPTY, 'Icons') ?? EMPTY, 'Icon')) {
      const marker = mindManagerIconToArbor(attr(icon, 'IconType') ?? '');
      if (marker) markers.push(marker);
      else this.report.add('icon-dropped', (n) => `${n} custom ${plural(n, 'icon', 'icons')} Arbor cannot show dropped`);
    }
    const task = firstChild(el, 'Task');
    if (task) {
      const priority = mindManagerPriorityToArbor(attr(task, 'TaskPriority') ?? '');
      if (priority) markers.unshift(priority);
      const percent = num(attr(task, 'TaskPercentage'));
      if (percent !== undefined) {
        markers.push(taskMarkerForPercent(percent));
        f.task = { done: percent >= 100 };
      }
      if (attr(task, 'StartDate') || attr(task, 'DeadlineDate') || attr(task, 'Resources'))
        this.report.add('task-dates-dropped', (n) => `dates and resources of ${n} ${plural(n, 'task', 'tasks')} dropped`);
    }
    if (markers.length) f.markers = [...new Set(markers)];
    const labels = childElements(firstChild(el, 'TextLabels') ?? EMPTY, 'TextLabel')
      .map((l) => attr(l, 'TextLabelName') ?? '')
      .filter(Boolean);
    if (labels.length) f.labels = labels;
    const image = this.image(el);
    if (image) f.image = image;
    if (attr(firstChild(firstChild(el, 'TopicViewGroup') ?? EMPTY, 'Collapsed'), 'Collapsed') === 'true') f.folded = true;
    return f;
  }

  private image(el: XmlElement): ImageRef | undefined {
    const image = firstChild(firstChild(el, 'OneImage') ?? EMPTY, 'Image');
    const data = firstChild(image ?? EMPTY, 'ImageData');
    const uriEl = firstChild(data ?? EMPTY, 'Uri');
    if (!uriEl) return undefined;
    const uri = uriEl.children
      .filter((c): c is string => typeof c === 'string')
      .join('')
      .trim();
    const path = uri.replace(/^mmarch:\/\//, '');
    const bytes = this.files.get(path);
    if (!bytes) {
      this.missing.push(path);
      return undefined;
    }
    const mime = imageMime(bytes, path);
    if (!mime) {
      this.report.add('image-unsupported', (n) => `${n} ${plural(n, 'image', 'images')} of an unknown kind dropped`);
      return undefined;
    }
    return { src: toDataUrl(bytes, mime), ...intrinsicSize(bytes) };
  }

  /** MindManager draws a boundary around one topic and its subtopics: a one-topic range in Arbor. */
  private boundary(el: XmlElement, id: TopicId): void {
    if (!firstChild(firstChild(el, 'OneBoundary') ?? EMPTY, 'Boundary')) return;
    const parentId = this.b.get(id)?.parentId;
    if (!parentId) {
      this.report.add('boundary-dropped', (n) => `${n} ${plural(n, 'boundary', 'boundaries')} around the central topic dropped`);
      return;
    }
    this.b.addBoundary({ parentId, fromId: id, toId: id });
  }

  private resolveLinks(): void {
    for (const [id, oid] of this.links) {
      const to = this.ids.get(oid);
      if (to) this.b.update(id, { href: `#topic:${to}` });
      else this.report.add('link-target-missing', (n) => `${n} ${plural(n, 'link', 'links')} to missing topics dropped`);
    }
  }

  private relationships(map: XmlElement): void {
    for (const rel of childElements(firstChild(map, 'Relationships') ?? EMPTY, 'Relationship')) {
      const ends: (TopicId | undefined)[] = [undefined, undefined];
      for (const group of childElements(rel, 'ConnectionGroup')) {
        const index = attr(group, 'Index') === '1' ? 1 : 0;
        const ref = firstChild(firstChild(group, 'Connection') ?? EMPTY, 'ObjectReference');
        ends[index] = this.ids.get(attr(ref, 'OIdRef') ?? '');
      }
      const [from, to] = ends;
      if (from && to) this.b.addRelationship({ from, to });
      else this.report.add('relationship-dangling', (n) => `${n} ${plural(n, 'relationship', 'relationships')} to missing topics dropped`);
    }
  }
}

const EMPTY: XmlElement = { name: '', attrs: {}, children: [] };

function num(s: string | undefined): number | undefined {
  const n = s === undefined ? Number.NaN : Number.parseFloat(s);
  return Number.isFinite(n) ? n : undefined;
}

/** Main topics placed left of the central topic have a negative horizontal offset. */
function sideOf(el: XmlElement): TopicFields {
  const cx = num(attr(firstChild(el, 'Offset'), 'CX'));
  return cx === undefined ? {} : { side: cx < 0 ? 'left' : 'right' };
}
