import { type FileHandle, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { SessionConflictError, UserInputError } from '../errors.js';
import type { Message } from '../models/types.js';
import { readCommittedTail } from './committed-tail.js';
import { type FileLockOptions, type HeldLock, withFileLock } from './file-lock.js';
import { encodeHeader, encodeTurn, parseSession } from './jsonl-records.js';
import { sessionFileName } from './session-file-name.js';
import type { AppendOptions, MemoryStore } from './types.js';

/** Options for {@link JsonlFileStore}. */
export interface JsonlFileStoreOptions {
  /** Directory holding one `.jsonl` file per session; created when missing. */
  directory: string;
  /** Lock timing. */
  lock?: FileLockOptions;
  /** Clock for commit timestamps. @default () => new Date() */
  now?: () => Date;
}

/**
 * Stores each session as a human-readable JSON Lines file: a header line, then per turn one
 * `{"turn":n,"message":{...}}` line per message and a `{"turn":n,"commit":count,"at":...}` line.
 *
 * - Atomic turns: a turn counts only once its commit line is on disk (written with the messages in one
 *   `write`, then `fsync`). A crash mid-append leaves a torn tail that `load` ignores; the next `append`
 *   truncates it before writing, so earlier turns are never touched. An append reads the file backwards only
 *   as far as the last commit line.
 * - Two processes: every append and clear holds `<file>.lock` (see `withFileLock`: atomic creation, stale
 *   locks of dead processes broken safely, refreshed while held). Right before it changes the file, an
 *   append confirms the lock is still its own, so a writer paused past `staleMs` writes nothing (it throws
 *   `SessionConflictError`) instead of overwriting the turn of the writer that broke its lock. Loads need no lock: they only read committed turns.
 * - One process: appends to one session queue up in the store before they contend for the file lock, so
 *   many concurrent runs on one session wait their turn instead of timing out on the lock.
 * - A file whose header cannot be read is moved aside (`<file>.unreadable-<time>`), never truncated.
 * @example
 * const store = new JsonlFileStore({ directory: '.dragoman/sessions' });
 */
export class JsonlFileStore implements MemoryStore {
  readonly #directory: string;
  readonly #lock: FileLockOptions;
  readonly #now: () => Date;
  // The last queued append per session in this process: each new one starts when it settles.
  readonly #queues = new Map<string, Promise<void>>();

  constructor(options: JsonlFileStoreOptions) {
    if (typeof options?.directory !== 'string' || options.directory.length === 0) {
      throw new UserInputError('invalid-config', 'JsonlFileStore needs a directory, got none.', {
        hint: "Pass { directory: '.dragoman/sessions' } or another writable folder.",
        path: 'directory',
      });
    }
    this.#directory = options.directory;
    this.#lock = options.lock ?? {};
    this.#now = options.now ?? (() => new Date());
  }

  /** The session's committed messages in order; an empty array for an unknown session. */
  async load(sessionId: string): Promise<Message[]> {
    const file = this.#file(sessionId);
    const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    return bytes ? parseSession(bytes).messages : [];
  }

  /**
   * Appends one turn and fsyncs it: after this resolves the turn survives a crash. An abort of
   * `options.signal` while the append still waits (queued, or for the lock) rejects and stores nothing.
   */
  async append(sessionId: string, messages: readonly Message[], options: AppendOptions = {}): Promise<void> {
    const file = this.#file(sessionId);
    if (messages.length === 0) return;
    encodeTurn(0, messages, this.#now()); // fails on unserializable messages before anything is written
    const previous = this.#queues.get(sessionId) ?? Promise.resolve();
    const mine = previous.then(async () => {
      options.signal?.throwIfAborted();
      await mkdir(this.#directory, { recursive: true });
      await withFileLock(`${file}.lock`, (lock) => this.#write(file, sessionId, messages, lock), {
        ...this.#lock,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    });
    const settled = mine.catch(() => undefined);
    this.#queues.set(sessionId, settled);
    void settled.then(() => {
      if (this.#queues.get(sessionId) === settled) this.#queues.delete(sessionId);
    });
    return mine;
  }

  async #write(file: string, sessionId: string, messages: readonly Message[], lock: HeldLock): Promise<void> {
    let handle = await open(file, 'a+');
    try {
      let size = (await handle.stat()).size;
      let parsed = await readCommittedTail(handle, size);
      if (size > 0 && parsed.committedBytes === 0) {
        await confirm(lock, sessionId);
        handle = await moveAside(handle, file, this.#now());
        size = 0;
        parsed = { committedBytes: 0, lastTurn: 0 };
      }
      const created = size === 0;
      const turn = Buffer.from(encodeTurn(parsed.lastTurn + 1, messages, this.#now()));
      await confirm(lock, sessionId); // last check before the file changes: nothing below waits on anyone else
      if (created) {
        const header = Buffer.from(encodeHeader(sessionId));
        await handle.write(header, 0, header.length, 0);
        size = header.length;
      } else if (parsed.committedBytes < size) {
        await handle.truncate(parsed.committedBytes); // drop a torn tail left by a crash
        size = parsed.committedBytes;
      }
      await handle.write(turn, 0, turn.length, size);
      await handle.sync();
      if (created) await syncDirectory(this.#directory);
    } finally {
      await handle.close();
    }
  }

  /** Deletes the session's file. */
  async clear(sessionId: string): Promise<void> {
    const file = this.#file(sessionId);
    await mkdir(this.#directory, { recursive: true });
    await withFileLock(
      `${file}.lock`,
      async () => {
        await unlink(file).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
      },
      this.#lock,
    );
  }

  #file(sessionId: string): string {
    return join(this.#directory, sessionFileName(sessionId));
  }
}

/** Renames an unreadable session file aside, keeping its bytes for a human, and opens a fresh one. */
async function moveAside(handle: FileHandle, file: string, now: Date): Promise<FileHandle> {
  await handle.close();
  await rename(file, `${file}.unreadable-${now.toISOString().replace(/[:.]/gu, '-')}`);
  return open(file, 'a+');
}

/** Makes a new file's directory entry durable (POSIX); a no-op where directories cannot be opened. */
async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot fsync a directory; NTFS journals the entry itself.
  }
}

/** Throws `SessionConflictError` (nothing written yet) when another process broke this writer's lock. */
async function confirm(lock: HeldLock, sessionId: string): Promise<void> {
  if (await lock.stillHeld()) return;
  throw new SessionConflictError(
    sessionId,
    `Session "${sessionId}": another process broke this writer's lock as stale (this process was paused past lock.staleMs); the turn was not written.`,
  );
}
