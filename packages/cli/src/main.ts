// The `arbor` command. Each subcommand lives in its own module under commands/.
// Errors print as one clear line (no stack trace) and exit non-zero.

export class UsageError extends Error {}

interface Command {
  summary: string;
  run(args: string[]): Promise<number>;
}

const commands: Record<string, () => Promise<Command>> = {
  render: async () => (await import('./commands/render.ts')).command,
  convert: async () => (await import('./commands/convert.ts')).command,
  serve: async () => (await import('./commands/serve.ts')).command,
  ai: async () => (await import('./commands/ai.ts')).command,
};

const HELP = `arbor — mind maps from the command line

usage:
  arbor render IN.json -o OUT.svg [--structure NAME] [--theme NAME]
  arbor convert IN OUT [--from FMT] [--to FMT] [--sheet N|all]
  arbor serve [--port N]
  arbor ai generate "TOPIC" -o OUT.xmind | arbor ai document FILE -o OUT.xmind   (ARBOR_AI_* env)
`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    process.stdout.write(HELP);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`arbor: unknown command "${name}" (commands: ${Object.keys(commands).join(', ')})\n`);
    return 2;
  }
  try {
    const cmd = await load();
    return await cmd.run(rest);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`arbor ${name}: ${msg}\n`);
    if (process.env.ARBOR_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return err instanceof UsageError ? 2 : 1;
  }
}
