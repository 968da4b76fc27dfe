// Types of scripts/build.mjs for the TypeScript that imports it (its test).

export interface BuildTarget {
  name: string;
  /** A reason to skip the target (an environment switch), or null. */
  skip(): string | null;
  /** Why it cannot be built here (a missing tool), or null. */
  unavailable(): string | null;
  /** JSON `{inputs, builtAt}` written after a successful build. */
  stampFile: string;
  /** The files whose contents decide whether the build is stale. */
  inputs(): string[];
  build(log: boolean): Promise<void>;
}

export const TARGETS: BuildTarget[];
export function hashFiles(files: string[]): string;
export function buildAll(options?: { force?: boolean; check?: boolean; log?: boolean; targets?: BuildTarget[] }): Promise<number>;
