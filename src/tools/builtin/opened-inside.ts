import { constants } from 'node:fs';
import { type FileHandle, open, readlink, realpath, stat } from 'node:fs/promises';
import { UserInputError } from '../../errors.js';
import { isInside } from './resolve-inside.js';

/**
 * Checks made on what was actually opened, not on the path that was checked before: a folder on the way
 * may have been swapped for a symlink in between (a time-of-check to time-of-use race). On Linux the
 * kernel names the object behind a descriptor at `/proc/self/fd/N`; that name must lie inside the real
 * workspace root, or the call fails closed. Where `/proc` is missing (macOS, Windows) the fallback
 * compares the descriptor's device and inode with the path's real location, which narrows the race
 * window but cannot close it; docs/reliability.md says so.
 */

/** `/proc/self/fd/N`: a path that reaches the opened object itself, whatever its name is now. */
export function descriptorPath(handle: FileHandle): string {
  return `/proc/self/fd/${handle.fd}`;
}

/** True where `/proc/self/fd` names descriptors (Linux). */
export function hasDescriptorPaths(): boolean {
  return process.platform === 'linux';
}

/**
 * Proves that `handle` (opened from `absolute`) is an object inside `realRoot`.
 * @throws {UserInputError} naming `relative` when it is not; the handle is left open for the caller to close.
 */
export async function assertOpenedInside(
  handle: FileHandle,
  absolute: string,
  realRoot: string,
  relative: string,
): Promise<void> {
  if (hasDescriptorPaths()) {
    const opened = await readlink(descriptorPath(handle)).catch(() => undefined);
    if (opened?.startsWith('/') && isInside(realRoot, opened)) return;
    throw escaped(relative);
  }
  const [held, real] = await Promise.all([handle.stat(), realpath(absolute).catch(() => undefined)]);
  const current = real === undefined ? undefined : await stat(real).catch(() => undefined);
  if (real && current && isInside(realRoot, real) && current.ino === held.ino && current.dev === held.dev)
    return;
  throw escaped(relative);
}

/**
 * Opens a workspace file for reading and proves it is a plain file inside the root: the last component is
 * never followed (`O_NOFOLLOW`), a FIFO or device never blocks the open (`O_NONBLOCK`), and the opened
 * object must be inside the root, a regular file, and have no other hard link (a hard link can point at a
 * file outside the workspace, and nothing in its path shows it).
 * @throws {UserInputError} naming `relative` for anything else.
 */
export async function openFileInside(
  absolute: string,
  realRoot: string,
  relative: string,
): Promise<FileHandle> {
  const handle = await open(absolute, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(
    (error: unknown) => {
      throw openFailure(error, relative);
    },
  );
  try {
    await assertOpenedInside(handle, absolute, realRoot, relative);
    const stats = await handle.stat();
    if (!stats.isFile()) throw refused(relative, 'is not a regular file', 'List it instead.');
    if (stats.nlink > 1) {
      throw refused(
        relative,
        `has ${stats.nlink} hard links, and a hard link can reach a file outside the workspace`,
        'Copy the file into the workspace instead of linking it.',
      );
    }
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * Opens a workspace directory and proves it is inside the root. Read its entries through
 * {@link descriptorPath} so a later swap of its path cannot redirect the listing.
 */
export async function openDirectoryInside(
  absolute: string,
  realRoot: string,
  relative: string,
): Promise<FileHandle> {
  const handle = await open(
    absolute,
    constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW,
  ).catch((error: unknown) => {
    throw openFailure(error, relative);
  });
  try {
    await assertOpenedInside(handle, absolute, realRoot, relative);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** A path inside an opened, verified directory: through its descriptor on Linux, by name elsewhere. */
export function childOf(directory: FileHandle, directoryAbsolute: string, name: string): string {
  return hasDescriptorPaths() ? `${descriptorPath(directory)}/${name}` : `${directoryAbsolute}/${name}`;
}

function openFailure(error: unknown, relative: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ELOOP') return escaped(relative);
  if (code === 'ENOTDIR') return refused(relative, 'is not a directory', 'List its parent folder instead.');
  if (code === 'ENOENT') return refused(relative, 'does not exist', 'List the directory to see its files.');
  return error;
}

function escaped(relative: string): UserInputError {
  return refused(
    relative,
    'changed into, or went through, a symbolic link while it was being opened',
    'Use a relative path inside the workspace that is not a symbolic link.',
  );
}

function refused(relative: string, what: string, hint: string): UserInputError {
  return new UserInputError('invalid-input', `Workspace path "${relative}" ${what}.`, { hint, path: 'path' });
}
