/** Size, count and time limits for the workspace tools. Every field is optional; unset means the default. */
export interface WorkspaceLimits {
  /** Largest file `read` returns, in bytes. @default 1_048_576 (1 MiB) */
  maxReadBytes?: number;
  /** Largest content `write` and `patch` produce, in bytes. @default 1_048_576 (1 MiB) */
  maxWriteBytes?: number;
  /** Most entries `list` returns. @default 1_000 */
  maxListEntries?: number;
  /** Most matches `search` returns. @default 200 */
  maxSearchResults?: number;
  /** Files larger than this are skipped by `search`, in bytes. @default 1_048_576 (1 MiB) */
  maxSearchFileBytes?: number;
  /** Time a search pattern may spend matching, in milliseconds; slower patterns are refused. @default 10_000 */
  searchTimeoutMs?: number;
  /** Time limit of one command, in milliseconds. @default 30_000 */
  commandTimeoutMs?: number;
  /** Bytes of stdout and of stderr kept from one command; the rest is dropped and reported. @default 65_536 */
  maxOutputBytes?: number;
}

/** The limits used when none are given. */
export const defaultWorkspaceLimits: Required<WorkspaceLimits> = {
  maxReadBytes: 1_048_576,
  maxWriteBytes: 1_048_576,
  maxListEntries: 1_000,
  maxSearchResults: 200,
  maxSearchFileBytes: 1_048_576,
  searchTimeoutMs: 10_000,
  commandTimeoutMs: 30_000,
  maxOutputBytes: 65_536,
};

/** Fills unset limits with the defaults. */
export function withDefaultLimits(limits: WorkspaceLimits = {}): Required<WorkspaceLimits> {
  const merged = { ...defaultWorkspaceLimits };
  for (const key of Object.keys(merged) as Array<keyof WorkspaceLimits>) {
    const value = limits[key];
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

/** Directory names never entered by `list` (recursive) and `search`. */
export const skippedDirectories: ReadonlySet<string> = new Set(['.git', 'node_modules']);
