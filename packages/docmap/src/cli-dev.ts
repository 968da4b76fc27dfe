// Development entry until `arbor convert` is wired: prints the tree-json of a document.
import { readFileSync } from 'node:fs';
import { docToTitleTree } from '@arbor/core';
import { documentToMap } from './index.ts';

const file = process.argv[2] as string;
const { doc } = await documentToMap(new Uint8Array(readFileSync(file)), { fileName: file });
process.stdout.write(`${JSON.stringify({ ...docToTitleTree(doc), references: doc.meta?.references })}\n`);
