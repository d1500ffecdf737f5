import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { UserInputError } from '../../errors.js';
import { skippedDirectories } from './limits.js';
import { childOf, descriptorPath, hasDescriptorPaths, openDirectoryInside } from './opened-inside.js';
import { resolveInside } from './resolve-inside.js';

/** One entry of a directory listing. Symlinks are reported, never followed. */
export interface ListEntry {
  /** Path relative to the workspace root, `/`-separated. */
  path: string;
  type: 'file' | 'directory' | 'symlink' | 'other';
  /** Size in bytes, for files. */
  size?: number;
}

/** The answer of {@link listDirectory}. */
export interface ListResult {
  entries: ListEntry[];
  /** True when the listing stopped at `maxEntries`. */
  truncated: boolean;
}

/** Options of {@link listDirectory}. */
export interface ListOptions {
  /** Walk subdirectories too (never `.git` or `node_modules`). @default false */
  recursive?: boolean;
  /** Most entries to return. @default 1000 */
  maxEntries?: number;
}

/**
 * Lists a directory inside the workspace, sorted by path, breadth first when recursive.
 * @throws {UserInputError} when the path leaves the workspace, is missing, or is not a directory.
 */
export async function listDirectory(
  root: string,
  userPath = '.',
  options: ListOptions = {},
): Promise<ListResult> {
  const maxEntries = options.maxEntries ?? 1_000;
  const start = await resolveInside(root, userPath);
  const info = start.exists ? await lstat(start.absolute).catch(() => undefined) : undefined;
  if (!info?.isDirectory()) {
    throw new UserInputError('invalid-input', `Workspace path "${start.relative}" is not a directory.`, {
      hint: 'List "." to see the top of the workspace.',
      path: 'path',
    });
  }
  const entries: ListEntry[] = [];
  const queue: Array<{ absolute: string; relative: string }> = [start];
  while (queue.length > 0) {
    const directory = queue.shift()!;
    // Entries are read through the verified folder's descriptor, so a folder swapped for a symlink after
    // the check lists nothing outside the workspace.
    const handle = await openDirectoryInside(directory.absolute, start.root, directory.relative);
    try {
      const names = (
        await readdir(hasDescriptorPaths() ? descriptorPath(handle) : directory.absolute)
      ).sort();
      for (const name of names) {
        if (entries.length >= maxEntries) return { entries, truncated: true };
        const absolute = path.join(directory.absolute, name);
        const relative = directory.relative === '.' ? name : `${directory.relative}/${name}`;
        const stats = await lstat(childOf(handle, directory.absolute, name));
        const type = stats.isSymbolicLink()
          ? 'symlink'
          : stats.isDirectory()
            ? 'directory'
            : stats.isFile()
              ? 'file'
              : 'other';
        entries.push(type === 'file' ? { path: relative, type, size: stats.size } : { path: relative, type });
        if (options.recursive && type === 'directory' && !skippedDirectories.has(name)) {
          queue.push({ absolute, relative });
        }
      }
    } finally {
      await handle.close();
    }
  }
  return { entries, truncated: false };
}
