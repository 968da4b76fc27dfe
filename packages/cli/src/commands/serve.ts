// `arbor serve [--port N] [--host H]` — starts the Arbor server (config from the environment, see
// packages/server/README.md); flags override PORT and HOST.

import { UsageError } from '../main.ts';

function parseArgs(args: string[]): { port?: number; host?: string } {
  const out: { port?: number; host?: string } = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const [flag, inline] = a.includes('=') ? (a.split('=', 2) as [string, string]) : [a, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--port' || flag === '-p') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError('--port must be a port number (0–65535)');
      out.port = n;
    } else if (flag === '--host') out.host = value();
    else throw new UsageError(`unknown option ${a}`);
  }
  return out;
}

export const command = {
  summary: 'start the Arbor server',
  async run(args: string[]): Promise<number> {
    const flags = parseArgs(args);
    // The server is in the CLI's bundle too (it finds its files from its package's location).
    const { loadConfig, startServer } = await import('@arbor/server');
    const overrides: { port?: number; host?: string } = {};
    if (flags.port !== undefined) overrides.port = flags.port;
    if (flags.host !== undefined) overrides.host = flags.host;
    const config = loadConfig(process.env, overrides);
    const started = Date.now();
    const app = await startServer(config);
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const db = config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`;
    process.stdout.write(`Arbor is running at http://localhost:${port} (${db}; ready in ${Date.now() - started} ms)\n`);
    // Keep running until a signal closes the server.
    await new Promise<void>((resolve) => app.server.once('close', () => resolve()));
    return 0;
  },
};
