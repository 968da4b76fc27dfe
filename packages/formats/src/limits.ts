// Limits that keep hostile input bounded in time and memory.

export const LIMITS = {
  /** Largest input file accepted by any parser. */
  maxInputBytes: 64 * 1024 * 1024,
  /** Archive limits. */
  maxZipEntries: 10_000,
  maxZipEntryBytes: 64 * 1024 * 1024,
  maxZipTotalBytes: 256 * 1024 * 1024,
  /** Nesting limits for XML elements, JSON values and outline depth. */
  maxDepth: 2_000,
  /** Maximum number of topics in one imported document. */
  maxTopics: 500_000,
} as const;
