// The contract every format module fulfils: detect, parse, serialize (DESIGN §5).

import type { MindDoc } from '@arbor/core';

/** One thing that could not be carried over, shown to the user as the import report. */
export interface ReportItem {
  /** Stable key for grouping, e.g. `callout-dropped`, `image-missing`. */
  kind: string;
  /** Human-readable, e.g. "2 MindManager callouts dropped". */
  message: string;
  count: number;
}

export interface ImportSheet {
  title: string;
  doc: MindDoc;
}

export interface ImportResult {
  /** The selected sheet (the first by default). */
  doc: MindDoc;
  /** Every sheet of a multi-sheet file, in file order (one entry for single-sheet formats). */
  sheets: ImportSheet[];
  report: ReportItem[];
  format: string;
}

export interface ParseOptions {
  /** File name, used for titles and detection hints. */
  fileName?: string;
  /**
   * Recover what can be recovered from a defective file (missing archive parts, illegal XML
   * character references) and list the problems in the report, instead of refusing it.
   */
  lenient?: boolean;
}

export interface SerializeOptions {
  /** Extra documents written as further sheets, for formats that hold several. */
  extraSheets?: MindDoc[];
}

export interface FormatModule {
  /** Short name used by `--from`/`--to`, e.g. `xmind`, `mm`, `opml`. */
  name: string;
  /** File extensions (without dot) this format owns, first = preferred for writing. */
  extensions: string[];
  mimeType: string;
  /** Cheap sniff of the first bytes / text: true when these bytes are this format. */
  detect(bytes: Uint8Array, fileName?: string): boolean;
  parse(bytes: Uint8Array, options?: ParseOptions): ImportResult | Promise<ImportResult>;
  /** Absent on read-only formats (MindManager). */
  serialize?(doc: MindDoc, options?: SerializeOptions): Uint8Array | Promise<Uint8Array>;
}

/** Collects report items, merging repeats of the same kind into one counted line. */
export class ReportBuilder {
  private readonly items = new Map<string, { count: number; message: (n: number) => string }>();
  add(kind: string, message: (n: number) => string, count = 1): void {
    const cur = this.items.get(kind);
    if (cur) cur.count += count;
    else this.items.set(kind, { count, message });
  }
  build(): ReportItem[] {
    return [...this.items].map(([kind, { count, message }]) => ({ kind, count, message: message(count) }));
  }
}
