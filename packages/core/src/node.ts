// @arbor/core/node — Node-only parts (real font metrics). Never imported by the isomorphic entry.
export {};
