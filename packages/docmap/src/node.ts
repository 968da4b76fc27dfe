// @arbor/docmap/node — Node-only readers.
export {};
