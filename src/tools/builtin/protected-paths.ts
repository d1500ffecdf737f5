import { UserInputError } from '../../errors.js';

/**
 * Paths that `write_file` and `patch_file` never touch unless configured otherwise. A write into `.git/`
 * (a hook, or `core.fsmonitor` in `.git/config`) turns the next approved `git status` into arbitrary code,
 * so the repository's own folder is protected by default.
 */
export const DEFAULT_PROTECTED_PATHS: readonly string[] = ['.git'];

/**
 * Refuses a write to a protected path. An entry without `/` (like `.git`) protects that name at any depth,
 * compared without case (case-insensitive file systems open `.GIT/config` as `.git/config`); an entry with
 * `/` (like `config/secrets`) protects that path from the root down, and everything below it.
 * @param relative the real path relative to the root, as `resolveInside` returns it (symlinks resolved).
 * @throws {UserInputError} naming the path and the entry that protects it.
 */
export function assertNotProtected(relative: string, protectedPaths: readonly string[]): void {
  const segments = relative.toLowerCase().split('/');
  for (const entry of protectedPaths) {
    const wanted = entry.toLowerCase().split('/').filter(Boolean);
    const hit =
      wanted.length === 1
        ? segments.includes(wanted[0]!)
        : wanted.every((segment, index) => segments[index] === segment);
    if (hit) {
      throw new UserInputError(
        'invalid-input',
        `Workspace path "${relative}" is protected ("${entry}"); writes there are refused.`,
        {
          hint: 'Write somewhere else, or change the protectedPaths option of workspaceTools if this is intended.',
          path: 'path',
        },
      );
    }
  }
}
