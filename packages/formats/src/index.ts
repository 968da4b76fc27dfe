// @arbor/formats — one module per file format (DESIGN §5). Isomorphic main entry;
// Node-only exporters (PNG, PDF) live in `./node.ts`.

export * from './errors.ts';
export * from './limits.ts';
export * from './types.ts';
export * from './xml.ts';
export * from './zip.ts';
