// @arbor/docmap — see the package README.
export {};
