// The `arbor` command. A command is one entry of COMMANDS (name, summary, usage, lazy import of its
// module), so `arbor --help`, `arbor help NAME` and the usage lines all come from one table, and a
// command's code (and the packages it needs) is loaded only when it runs.
// Errors print as one clear line (no stack trace; ARBOR_DEBUG=1 adds it); mistakes in the command
// line print a usage line and exit 2.

import { VERSION } from './version.ts';

export class UsageError extends Error {}

export interface CommandModule {
  run(args: string[]): Promise<number>;
}

export interface CommandEntry {
  name: string;
  summary: string;
  /** Usage lines, without the leading `arbor `. */
  usage: string[];
  /** Longer help: options and examples. */
  details?: string;
  load: () => Promise<{ command: CommandModule }>;
}

export const COMMANDS: CommandEntry[] = [
  {
    name: 'convert',
    summary: 'convert a map or document between formats / 转换导图或文档格式',
    usage: [
      'convert IN OUT [--from FORMAT] [--to FORMAT] [--sheet N|all] [--lenient] [--jieba]',
      'convert IN OUT.pdf [--page-size fit|a4|a3] [--orientation auto|portrait|landscape]',
    ],
    details: [
      'IN or OUT may be - for standard input or output (nothing else is written to stdout).',
      'Documents (.docx .pdf .html .htm .txt .md) become maps; --from markdown|text reads .md/.txt as outlines.',
      '',
      'options:',
      '  --from FORMAT   input format when the file name does not say (xmind, mm, opml, markdown, text, json, docx, pdf, html)',
      '  --to FORMAT     output format when OUT has no extension (json, tree-json, xmind, mm, opml, markdown, text, svg, png, pdf)',
      '  --sheet N|all   which sheet of a multi-sheet file (default 1); all writes OUT-1, OUT-2 …',
      '  --lenient       read damaged files as far as possible',
      '  --jieba         shorten document titles at jieba word boundaries (slower start; default: Intl.Segmenter)',
      '  --page-size S   PDF only: fit (default, one page the size of the map), a4 or a3 (the map at print',
      '                  scale tiled over numbered sheets; a map needing more than 500 sheets is refused)',
      '  --orientation O PDF only: auto (default, the orientation needing fewer sheets), portrait or landscape',
      '',
      'examples:',
      '  arbor convert notes.md notes.xmind',
      '  arbor convert notice.docx - --to tree-json',
      '  arbor convert 民法典.xmind 民法典.pdf --page-size a4 --orientation landscape',
      '  cat notes.md | arbor convert - notes.xmind --from md',
    ].join('\n'),
    load: () => import('./commands/convert.ts'),
  },
  {
    name: 'render',
    summary: 'render a map to SVG, PNG or PDF / 渲染导图为图片',
    usage: [
      'render IN.json -o OUT.svg|png|pdf [--structure NAME] [--theme NAME] [--padding N] [--transparent]',
      'render IN.json -o OUT.pdf [--page-size fit|a4|a3] [--orientation auto|portrait|landscape]',
    ],
    details: [
      'The format follows OUT: .png and .pdf through the exporters, anything else (and -) as SVG.',
      '',
      'options:',
      '  --padding N     SVG only: margin around the map in px',
      '  --transparent   no background colour',
      '  --page-size S   PDF only: fit (default, one page the size of the map), a4 or a3 (tiled sheets)',
      '  --orientation O PDF only: auto (default, fewer sheets), portrait or landscape',
    ].join('\n'),
    load: () => import('./commands/render.ts'),
  },
  {
    name: 'serve',
    summary: 'start the Arbor server / 启动服务器',
    usage: ['serve [--port N] [--host H]'],
    details: 'Configuration comes from the environment (DATA_DIR, DATABASE_URL, PORT, HOST …; see packages/server/README.md).',
    load: () => import('./commands/serve.ts'),
  },
  {
    name: 'ai',
    summary: 'generate a map with an LLM, or turn a document into a map with one / 用大模型生成导图',
    usage: [
      'ai generate "TOPIC" -o OUT [--depth 1-5] [--lang zh|en] [--hint TEXT] [--structure NAME]',
      'ai document FILE -o OUT [--concurrency 1-4] [--lang zh|en]',
    ],
    details: 'environment: ARBOR_AI_BASE_URL, ARBOR_AI_MODEL, ARBOR_AI_API_KEY (or ARBOR_AI_PRESET)',
    load: () => import('./commands/ai.ts'),
  },
];

const findCommand = (name: string): CommandEntry | undefined => COMMANDS.find((c) => c.name === name);

export function usageLines(entry: CommandEntry): string {
  return entry.usage.map((u, i) => `${i ? '       ' : 'usage: '}arbor ${u}`).join('\n');
}

export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `arbor ${VERSION} — 思维导图命令行 / mind maps from the command line`,
    '',
    'usage: arbor COMMAND [ARGS…]',
    '       arbor help COMMAND | arbor --version',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `arbor help COMMAND` for a command’s options.',
    '',
  ].join('\n');
}

export function commandHelp(entry: CommandEntry): string {
  return `${usageLines(entry)}\n\n${entry.summary}\n${entry.details ? `\n${entry.details}\n` : ''}`;
}

const SHORT_USAGE = `usage: arbor COMMAND [ARGS…] (commands: ${COMMANDS.map((c) => c.name).join(', ')}; arbor --help)`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === '-V' || name === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (name === undefined) {
    process.stderr.write(mainHelp());
    return 2;
  }
  if (name === '-h' || name === '--help') {
    process.stdout.write(mainHelp());
    return 0;
  }
  if (name === 'help') {
    if (rest.length === 0) {
      process.stdout.write(mainHelp());
      return 0;
    }
    const entry = findCommand(rest[0] as string);
    if (!entry || rest.length > 1) {
      process.stderr.write(`arbor help: unknown command "${rest.join(' ')}"\n${SHORT_USAGE}\n`);
      return 2;
    }
    process.stdout.write(commandHelp(entry));
    return 0;
  }
  const entry = findCommand(name);
  if (!entry) {
    process.stderr.write(`arbor: ${name.startsWith('-') ? `unknown option ${name}` : `unknown command "${name}"`}\n${SHORT_USAGE}\n`);
    return 2;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    process.stdout.write(commandHelp(entry));
    return 0;
  }
  try {
    const { command } = await entry.load();
    return await command.run(rest);
  } catch (err) {
    const msg = (err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' ');
    if (err instanceof UsageError) {
      process.stderr.write(`arbor ${name}: ${msg}\n${usageLines(entry)}\n`);
      return 2;
    }
    process.stderr.write(`arbor ${name}: ${msg}\n`);
    if (process.env.ARBOR_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}
