// Worker thread that makes font subsets (subset-font: HarfBuzz in WebAssembly), so the server's
// event loop is never blocked while a slice is made. Messages: {id, fontPath, text} → {id, bytes}
// or {id, error}. The font file is read once per worker.
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import subsetFont from 'subset-font';

const fonts = new Map();
parentPort.on('message', async ({ id, fontPath, text }) => {
  try {
    let source = fonts.get(fontPath);
    if (!source) fonts.set(fontPath, (source = readFileSync(fontPath)));
    const bytes = await subsetFont(source, text, { targetFormat: 'woff2' });
    parentPort.postMessage({ id, bytes }, [bytes.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, error: String(err?.stack ?? err) });
  }
});
