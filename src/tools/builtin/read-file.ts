import { UserInputError } from '../../errors.js';
import { isBinary } from './binary.js';
import { openFileInside } from './opened-inside.js';
import { resolveInside } from './resolve-inside.js';

/** Options of {@link readWorkspaceFile}. Lines are 1-based and inclusive. */
export interface ReadOptions {
  startLine?: number;
  endLine?: number;
  /** Largest file read, in bytes. @default 1_048_576 */
  maxBytes?: number;
}

/** The answer of {@link readWorkspaceFile}. */
export interface ReadResult {
  path: string;
  /** The requested lines, joined with `\n`. */
  content: string;
  startLine: number;
  endLine: number;
  /** Lines in the whole file. */
  totalLines: number;
}

/**
 * Reads a text file inside the workspace, optionally a line range. Refuses files over `maxBytes` and
 * binary files with a message saying so, instead of dumping them, and anything that is not a plain,
 * singly-linked file inside the root once opened (see opened-inside.ts).
 * @throws {UserInputError} when the path leaves the workspace, is missing, too large, or binary.
 */
export async function readWorkspaceFile(
  root: string,
  userPath: string,
  options: ReadOptions = {},
): Promise<ReadResult> {
  const maxBytes = options.maxBytes ?? 1_048_576;
  const target = await resolveInside(root, userPath);
  if (!target.exists)
    throw problem(target.relative, 'does not exist', 'List the directory to see its files.');
  // What is read is what was opened and verified, not what the path named a moment earlier.
  const handle = await openFileInside(target.absolute, target.root, target.relative);
  try {
    const stats = await handle.stat();
    if (stats.size > maxBytes) {
      throw problem(
        target.relative,
        `is ${stats.size.toLocaleString('en')} bytes, over the ${maxBytes.toLocaleString('en')}-byte read limit`,
        'Search it for what you need instead.',
      );
    }
    const bytes = await handle.readFile();
    if (isBinary(bytes)) {
      throw problem(
        target.relative,
        `is a binary file (${bytes.length.toLocaleString('en')} bytes)`,
        'Binary files are not shown.',
      );
    }
    const lines = bytes.toString('utf8').split('\n');
    const totalLines = lines.length;
    const startLine = Math.max(1, Math.trunc(options.startLine ?? 1));
    const endLine = Math.min(totalLines, Math.trunc(options.endLine ?? totalLines));
    if (startLine > endLine && totalLines > 0 && options.startLine !== undefined) {
      throw problem(
        target.relative,
        `has ${totalLines} lines; line ${startLine} is past the end`,
        'Ask for an earlier range.',
      );
    }
    const content = lines.slice(startLine - 1, endLine).join('\n');
    return { path: target.relative, content, startLine, endLine, totalLines };
  } finally {
    await handle.close();
  }
}

function problem(relative: string, what: string, hint: string): UserInputError {
  return new UserInputError('invalid-input', `Workspace file "${relative}" ${what}.`, { hint, path: 'path' });
}
