import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { UserInputError } from '../../errors.js';
import { isBinary } from './binary.js';
import { globToMatcher } from './glob.js';
import { skippedDirectories } from './limits.js';
import { createLineMatcher } from './line-matcher.js';
import {
  childOf,
  descriptorPath,
  hasDescriptorPaths,
  openDirectoryInside,
  openFileInside,
} from './opened-inside.js';
import { resolveInside } from './resolve-inside.js';

/** Options of {@link searchWorkspace}. */
export interface SearchOptions {
  /** A JavaScript regular expression, or plain text when `literal` is true. */
  pattern: string;
  /** Treat `pattern` as plain text. @default false */
  literal?: boolean;
  /** Match case. @default true */
  caseSensitive?: boolean;
  /** Only files whose path matches this glob, e.g. `*.ts` or `src/**\/*.md`. */
  glob?: string;
  /** Directory to search, relative to the root. @default '.' */
  path?: string;
  /** Most matches returned. @default 200 */
  maxResults?: number;
  /** Files larger than this are skipped, in bytes. @default 1_048_576 */
  maxFileBytes?: number;
  /** Time the pattern may spend matching, in total; a slower pattern is refused. @default 10_000 */
  timeoutMs?: number;
  /** Stops the search. */
  signal?: AbortSignal;
}

/** One matching line. */
export interface SearchMatch {
  path: string;
  /** 1-based line and column of the first match on the line. */
  line: number;
  column: number;
  /** The line, cut to 240 characters. */
  text: string;
}

/** The answer of {@link searchWorkspace}. */
export interface SearchResult {
  matches: SearchMatch[];
  /** True when the search stopped at `maxResults`. */
  truncated: boolean;
  filesSearched: number;
  /** Files skipped because they were binary or over `maxFileBytes`. */
  filesSkipped: number;
}

const MAX_LINE_CHARS = 240;
// A quantified group whose body holds a quantifier: "(a+)+", "(\\w*)*", "(x{2,})+". JavaScript regular
// expressions run on the main thread without a time limit, so such catastrophic-backtracking shapes are
// refused up front (a heuristic: it does not catch every slow pattern, such as overlapping alternatives).
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,?\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,?\d*\})/u;

/**
 * Searches the text files of the workspace line by line, like a small ripgrep: walks directories in sorted
 * order, never enters `.git` or `node_modules`, never follows symlinks, skips binary and oversized files.
 * A pattern that can backtrack is matched in a worker thread with a deadline (see line-matcher.ts), so a
 * catastrophic pattern is refused after `timeoutMs` instead of blocking the process.
 * @throws {UserInputError} for an invalid regular expression or glob, or a path outside the workspace.
 */
export async function searchWorkspace(root: string, options: SearchOptions): Promise<SearchResult> {
  const maxResults = options.maxResults ?? 200;
  const maxFileBytes = options.maxFileBytes ?? 1_048_576;
  const expression = compile(options);
  const result: SearchResult = { matches: [], truncated: false, filesSearched: 0, filesSkipped: 0 };
  const matcher = createLineMatcher(expression, {
    timeoutMs: options.timeoutMs ?? 10_000,
    pattern: options.pattern,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  try {
    return await walk();
  } finally {
    await matcher.close();
  }

  async function walk(): Promise<SearchResult> {
    const matchesGlob = options.glob ? globToMatcher(options.glob) : () => true;
    const start = await resolveInside(root, options.path ?? '.');
    const startInfo = start.exists ? await lstat(start.absolute).catch(() => undefined) : undefined;
    const queue: Array<{ absolute: string; relative: string }> = [];
    if (startInfo?.isFile()) await searchFile(start.absolute, start.relative, start.root);
    else if (startInfo?.isDirectory()) queue.push(start);
    while (queue.length > 0 && !result.truncated) {
      const directory = queue.shift()!;
      const handle = await openDirectoryInside(directory.absolute, start.root, directory.relative);
      try {
        const listed = await readdir(hasDescriptorPaths() ? descriptorPath(handle) : directory.absolute);
        for (const name of listed.sort()) {
          if (result.truncated) break;
          const absolute = path.join(directory.absolute, name);
          const relative = directory.relative === '.' ? name : `${directory.relative}/${name}`;
          const stats = await lstat(childOf(handle, directory.absolute, name));
          if (stats.isDirectory() && !skippedDirectories.has(name)) queue.push({ absolute, relative });
          else if (stats.isFile() && matchesGlob(relative)) {
            if (stats.size > maxFileBytes) result.filesSkipped++;
            else await searchFile(childOf(handle, directory.absolute, name), relative, start.root);
          }
        }
      } finally {
        await handle.close();
      }
    }
    return result;
  }

  async function searchFile(absolute: string, relative: string, realRoot: string): Promise<void> {
    const bytes = await readInside(absolute, realRoot, relative);
    if (bytes === undefined) {
      result.filesSkipped++;
      return;
    }
    if (isBinary(bytes)) {
      result.filesSkipped++;
      return;
    }
    result.filesSearched++;
    const content = bytes.toString('utf8');
    const room = maxResults - result.matches.length;
    // One more than there is room for tells a truncated search from one that filled up exactly.
    const found = await matcher.match(content, room + 1);
    if (found.length === 0) return;
    const lines = content.split('\n');
    for (const [index, column] of found.slice(0, room)) {
      const line = lines[index]!;
      const text = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line;
      result.matches.push({ path: relative, line: index + 1, column: column + 1, text });
    }
    if (found.length > room) result.truncated = true;
  }
}

// A file that is not plain and inside once opened (swapped for a symlink, hard-linked, a FIFO) is skipped
// and counted, not read.
async function readInside(absolute: string, realRoot: string, relative: string): Promise<Buffer | undefined> {
  const handle = await openFileInside(absolute, realRoot, relative).catch((error: unknown) => {
    if (error instanceof UserInputError) return undefined;
    throw error;
  });
  if (handle === undefined) return undefined;
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

function compile(options: SearchOptions): RegExp {
  if (options.pattern === '') {
    throw new UserInputError('invalid-input', 'Search pattern is empty.', {
      hint: 'Give the text or regular expression to look for.',
      path: 'pattern',
    });
  }
  if (options.pattern.length > 1_000) {
    throw new UserInputError(
      'invalid-input',
      `Search pattern is ${options.pattern.length} characters; the limit is 1,000.`,
      {
        hint: 'Search for a shorter, distinctive part of the text.',
        path: 'pattern',
      },
    );
  }
  const source = options.literal ? options.pattern.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&') : options.pattern;
  if (!options.literal && NESTED_QUANTIFIER.test(source)) {
    throw new UserInputError(
      'invalid-input',
      `Search pattern ${JSON.stringify(options.pattern)} repeats a group that itself repeats (like "(a+)+"), which can take exponential time.`,
      { hint: 'Simplify the expression, or pass literal: true to search for plain text.', path: 'pattern' },
    );
  }
  const flags = options.caseSensitive === false ? 'iu' : 'u';
  try {
    return new RegExp(source, flags);
  } catch (error) {
    throw new UserInputError(
      'invalid-input',
      `Search pattern ${JSON.stringify(options.pattern)} is not a valid regular expression.`,
      {
        hint: 'Escape special characters, or pass literal: true to search for plain text.',
        path: 'pattern',
        cause: error,
      },
    );
  }
}
