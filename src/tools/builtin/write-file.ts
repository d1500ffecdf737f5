import { randomBytes } from 'node:crypto';
import { lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserInputError } from '../../errors.js';
import { resolveInside } from './resolve-inside.js';

/** The answer of {@link writeWorkspaceFile}. */
export interface WriteResult {
  path: string;
  bytes: number;
  /** True when the file did not exist before. */
  created: boolean;
}

/**
 * Writes a whole text file inside the workspace, creating missing parent directories. The write is atomic
 * (a temporary file in the same directory, then a rename), so a reader never sees half a file, and the
 * rename replaces a symlink at the target rather than writing through it.
 * @throws {UserInputError} when the path leaves the workspace, names a directory, or the content is too large.
 */
export async function writeWorkspaceFile(
  root: string,
  userPath: string,
  content: string,
  options: { maxBytes?: number } = {},
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
  if (target.relative === '.' || (target.exists && (await lstat(target.absolute)).isDirectory())) {
    throw new UserInputError('invalid-input', `Workspace path "${target.relative}" is a directory.`, {
      hint: 'Give a file path, such as "src/new-file.ts".',
      path: 'path',
    });
  }
  await mkdir(path.dirname(target.absolute), { recursive: true });
  // The directories just created are new and below a checked real ancestor, so they hold no symlinks.
  const temporary = `${target.absolute}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, content, { encoding: 'utf8', flag: 'wx' });
    await rename(temporary, target.absolute);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return { path: target.relative, bytes, created: !target.exists };
}
