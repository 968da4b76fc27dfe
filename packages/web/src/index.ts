// @arbor/web — see the package README.
export {};
