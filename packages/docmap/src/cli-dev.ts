// Development entry until `arbor convert` is wired: prints the tree-json of a document.
import { docToTitleTree } from '@arbor/core';
import { documentFileToMap } from './node.ts';

const file = process.argv[2] as string;
const { doc } = await documentFileToMap(file);
process.stdout.write(`${JSON.stringify({ ...docToTitleTree(doc), references: doc.meta?.references })}\n`);
