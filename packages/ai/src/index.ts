// @arbor/ai — see the package README.
export {};
