// Prints a document's map as the doc2map evaluation's JSON tree, for its scorer:
//   node ../shared/eval/doc2map/score.mjs --cases packages/docmap/test/cases \
//     --cmd 'npx tsx packages/docmap/test/tree-json.ts {input}'

import { readFileSync } from 'node:fs';
import { docToTitleTree } from '@arbor/core';
import { documentToMap } from '../src/index.ts';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: tree-json.ts FILE\n');
  process.exit(2);
}
const { doc } = await documentToMap(new Uint8Array(readFileSync(file)), { fileName: file });
process.stdout.write(`${JSON.stringify(docToTitleTree(doc))}\n`);
