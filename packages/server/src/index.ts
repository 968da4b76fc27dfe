// @arbor/server — see the package README.
export {};
