// @arbor/formats/node — Node-only exporters (PNG, PDF).
export {};
