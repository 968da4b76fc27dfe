// @arbor/ai/node — the parts that need Node (the main entry stays isomorphic).

export { type HostResolver, type PublicFetchOptions, publicFetch, type ResolvedAddress, resolvePublicHost } from './public-fetch.ts';
