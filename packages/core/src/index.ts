// @arbor/core — document model, operations, history, layout, text measuring, SVG rendering, themes.
// Isomorphic: no DOM globals and no `node:` imports here; Node-only parts live in `./node.ts`.

export * from './builder.ts';
export * from './fractional-index.ts';
export * from './history/index.ts';
export * from './ids.ts';
export * from './layout/index.ts';
export type * from './layout/types.ts';
export * from './model.ts';
export * from './ops/index.ts';
export * from './random.ts';
export * from './render/index.ts';
export type * from './render/theme-types.ts';
export * from './schema/index.ts';
export * from './store.ts';
export * from './text/index.ts';
export type * from './text/types.ts';
export * from './tree.ts';
