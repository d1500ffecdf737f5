import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, lstat, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { UserInputError } from '../../errors.js';
import { assertOpenedInside, childOf } from './opened-inside.js';
import { assertNotProtected, DEFAULT_PROTECTED_PATHS } from './protected-paths.js';
import { type ResolvedPath, resolveInside } from './resolve-inside.js';

/** The answer of {@link writeWorkspaceFile}. */
export interface WriteResult {
  path: string;
  bytes: number;
  /** True when the file did not exist before. */
  created: boolean;
}

/** Options of {@link writeWorkspaceFile}. */
export interface WriteOptions {
  /** Largest content written, in bytes. @default 1_048_576 */
  maxBytes?: number;
  /** Paths writes may never touch (see `assertNotProtected`). @default ['.git'] */
  protectedPaths?: readonly string[];
}

/**
 * Writes a whole text file inside the workspace, creating missing parent directories. The write is atomic
 * (a temporary file in the same directory, then a rename), so a reader never sees half a file; the rename
 * replaces a symlink or hard link at the target rather than writing through it; an existing file keeps its
 * permission bits.
 *
 * The parent folder is reached one component at a time from the real root, never following a symlink, and
 * the temporary file is created and renamed through that verified folder's descriptor, so a folder swapped
 * for a symlink while the write runs cannot redirect it outside the workspace (see opened-inside.ts).
 * @throws {UserInputError} when the path leaves the workspace, is protected, names a directory, or the
 * content is too large.
 */
export async function writeWorkspaceFile(
  root: string,
  userPath: string,
  content: string,
  options: WriteOptions = {},
): Promise<WriteResult> {
  const maxBytes = options.maxBytes ?? 1_048_576;
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > maxBytes) {
    throw new UserInputError(
      'invalid-input',
      `Content for "${userPath}" is ${bytes.toLocaleString('en')} bytes, over the ${maxBytes.toLocaleString('en')}-byte write limit.`,
      { hint: 'Write a smaller file, or split it into several.', path: 'content' },
    );
  }
  const target = await resolveInside(root, userPath);
  if (target.relative === '.') throw isDirectory(target.relative);
  assertNotProtected(target.relative, options.protectedPaths ?? DEFAULT_PROTECTED_PATHS);
  const { handle: directory, absolute: directoryAbsolute } = await openParent(target);
  try {
    const name = path.basename(target.absolute);
    const destination = childOf(directory, directoryAbsolute, name);
    const before = await lstat(destination).catch(() => undefined);
    if (before?.isDirectory()) throw isDirectory(target.relative);
    const temporary = childOf(
      directory,
      directoryAbsolute,
      `.dragoman-${randomBytes(6).toString('hex')}.tmp`,
    );
    const file = await open(
      temporary,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    ).catch((error: NodeJS.ErrnoException) => {
      throw moved(error, target.relative);
    });
    try {
      await file.writeFile(content, 'utf8');
      if (before?.isFile()) await file.chmod(before.mode & 0o7777);
      await file.close();
      await rename(temporary, destination);
    } catch (error) {
      await file.close().catch(() => undefined);
      await rm(temporary, { force: true });
      throw moved(error as NodeJS.ErrnoException, target.relative);
    }
    return { path: target.relative, bytes, created: before === undefined };
  } finally {
    await directory.close();
  }
}

/**
 * Opens the target's parent folder by walking from the real root one name at a time with `O_NOFOLLOW`,
 * creating missing folders on the way, each step relative to the folder verified before it.
 */
async function openParent(target: ResolvedPath): Promise<{ handle: FileHandle; absolute: string }> {
  const names = path.relative(target.root, path.dirname(target.absolute)).split(path.sep).filter(Boolean);
  let absolute = target.root;
  let handle = await openFolder(absolute);
  try {
    await assertOpenedInside(handle, absolute, target.root, '.');
    for (const name of names) {
      const next = childOf(handle, absolute, name);
      await mkdir(next).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw moved(error, target.relative);
      });
      const child = await openFolder(next).catch((error: NodeJS.ErrnoException) => {
        throw moved(error, target.relative);
      });
      await handle.close();
      handle = child;
      absolute = path.join(absolute, name);
    }
    await assertOpenedInside(handle, absolute, target.root, target.relative);
    return { handle, absolute };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

function openFolder(at: string): Promise<FileHandle> {
  return open(at, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
}

function isDirectory(relative: string): UserInputError {
  return new UserInputError('invalid-input', `Workspace path "${relative}" is a directory.`, {
    hint: 'Give a file path, such as "src/new-file.ts".',
    path: 'path',
  });
}

// A folder on the way that is now a symlink, a file, or gone was changed while the write ran.
function moved(error: NodeJS.ErrnoException, relative: string): unknown {
  return ['ELOOP', 'ENOTDIR', 'ENOENT'].includes(error.code ?? '') ? swapped(relative) : error;
}

function swapped(relative: string): UserInputError {
  return new UserInputError(
    'invalid-input',
    `A folder on the way to workspace path "${relative}" is a symbolic link, a file or missing; the write was refused.`,
    { hint: 'Write to a path whose folders are real folders inside the workspace.', path: 'path' },
  );
}
