import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { UserInputError } from '../../errors.js';

/** A workspace path that passed every check: the real absolute path and its path relative to the root. */
export interface ResolvedPath {
  /** Absolute path with every existing symlink resolved; always inside the real root. */
  absolute: string;
  /** Path relative to the root, with `/` separators; `.` for the root itself. */
  relative: string;
  /** True when the path exists right now. */
  exists: boolean;
  /** The real path of the workspace root, for checks on what is opened later. */
  root: string;
}

// Control (Cc) and format (Cf) characters: NUL, zero-width, bidi overrides, BOM. A path holding them does
// not look like what it is.
const INVISIBLE = /[\p{Cc}\p{Cf}]/u;
// Look-alikes of `/`, `\`, `.` and `:` that NFKC does not fold (NFKC folds fullwidth forms, checked below).
const LOOK_ALIKE =
  /[\u2044\u2215\u2216\u29f5\u29f8\u29f9\u2024\u2025\u2026\u3002\ufe52\ufe68\uff0e\uff0f\uff3c\uff1a]/u;

/**
 * Checks the text of a user-supplied workspace path, before touching the disk: no absolute paths, no
 * Windows separators, drive letters or UNC prefixes, no control or invisible characters (NUL, zero-width,
 * bidi overrides), and no Unicode look-alikes of `/`, `\`, `.` or `:`. Returns the path as POSIX segments.
 * @throws {UserInputError} naming the path and the rule it broke.
 */
export function checkPathText(userPath: unknown): string[] {
  if (typeof userPath !== 'string') {
    throw reject(String(userPath), `must be a string, got ${typeof userPath}`);
  }
  if (userPath.length > 4096) throw reject(userPath.slice(0, 80) + '…', 'is longer than 4,096 characters');
  if (INVISIBLE.test(userPath)) throw reject(userPath, 'contains a control or invisible character');
  if (LOOK_ALIKE.test(userPath)) throw reject(userPath, 'contains a look-alike of "/", "\\", "." or ":"');
  const folded = userPath.normalize('NFKC');
  if (countSpecial(folded) !== countSpecial(userPath)) {
    throw reject(userPath, 'contains a character that Unicode folds into "/", "\\", "." or ":"');
  }
  if (userPath.includes('\\')) throw reject(userPath, 'uses "\\"; use "/" as the separator');
  if (/^[a-z]:/iu.test(userPath)) throw reject(userPath, 'starts with a drive letter');
  if (userPath.startsWith('/'))
    throw reject(userPath, 'is absolute; give a path relative to the workspace root');
  if (userPath.startsWith('~'))
    throw reject(userPath, 'starts with "~"; home directories are outside the workspace');
  const segments = userPath.split('/').filter((segment) => segment !== '' && segment !== '.');
  const long = segments.find((segment) => Buffer.byteLength(segment) > MAX_NAME_BYTES);
  if (long !== undefined) {
    throw reject(
      userPath,
      `has a name of ${Buffer.byteLength(long)} bytes; file systems allow ${MAX_NAME_BYTES}`,
    );
  }
  return segments;
}

// NAME_MAX on Linux, macOS and Windows file systems alike.
const MAX_NAME_BYTES = 255;

/**
 * Resolves `userPath` inside `root` and proves it stays there: the text is checked with
 * {@link checkPathText}, `..` may not climb above the root, and the real path of the deepest existing
 * ancestor (so every symlink on the way, including the target itself) must lie inside the real root.
 * The path need not exist (for writes); its missing tail contains no symlinks by definition.
 * @throws {UserInputError} naming the path when it would leave the workspace.
 */
export async function resolveInside(root: string, userPath: string): Promise<ResolvedPath> {
  const segments = checkPathText(userPath === '' ? '.' : userPath);
  const realRoot = await realpath(root).catch((error: unknown) => {
    throw new UserInputError('invalid-config', `Workspace root ${JSON.stringify(root)} does not exist.`, {
      hint: 'Create the folder, or pass an existing one as root.',
      path: 'root',
      cause: error,
    });
  });
  const lexical = path.resolve(realRoot, ...segments);
  if (!isInside(realRoot, lexical)) throw reject(userPath, 'climbs out of the workspace root with ".."');
  let existing = lexical;
  const tail: string[] = [];
  for (;;) {
    try {
      existing = await realpath(existing);
      break;
    } catch (error) {
      if (!isMissing(error)) throw error;
      if (await isDanglingLink(existing))
        throw reject(userPath, 'goes through a symbolic link to a missing target');
      if (existing === realRoot) throw reject(userPath, 'cannot be checked: the workspace root is missing');
      tail.unshift(path.basename(existing));
      existing = path.dirname(existing);
    }
  }
  const absolute = path.join(existing, ...tail);
  if (!isInside(realRoot, absolute)) {
    throw reject(userPath, 'leads outside the workspace through a symbolic link');
  }
  const relative = path.relative(realRoot, absolute).split(path.sep).join('/') || '.';
  return { absolute, relative, exists: tail.length === 0, root: realRoot };
}

/** True when `candidate` is `root` or lies below it. Both must be absolute and normalized. */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  if (relative === '') return true;
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

function countSpecial(text: string): number {
  return text.replace(/[^/\\.:]/gu, '').length;
}

async function isDanglingLink(candidate: string): Promise<boolean> {
  try {
    return (await lstat(candidate)).isSymbolicLink();
  } catch {
    return false;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function reject(userPath: string, problem: string): UserInputError {
  return new UserInputError('invalid-input', `Workspace path ${JSON.stringify(userPath)} ${problem}.`, {
    hint: 'Use a relative path inside the workspace, such as "src/index.ts".',
    path: 'path',
  });
}
