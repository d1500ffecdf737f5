import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { DragomanError } from '../errors.js';
import { abortable } from '../models/abortable.js';

/** Options for {@link withFileLock}. */
export interface FileLockOptions {
  /** Give up after this many milliseconds of waiting. @default 10000 */
  timeoutMs?: number;
  /** A lock older than this is stale even if its process seems alive (pid reuse, a hung holder). @default 30000 */
  staleMs?: number;
  /** Stops waiting for the lock (the action has not started then). */
  signal?: AbortSignal;
}

/** What the action under the lock can ask of it. */
export interface HeldLock {
  /**
   * Whether the lock is still this holder's: false when another process broke it as stale (this holder was
   * paused past `staleMs`). Call it right before changing the protected file, and change nothing when false.
   */
  stillHeld(): Promise<boolean>;
}

interface LockOwner {
  pid: number;
  host: string;
  token: string;
}

/**
 * Runs `action` while holding `lockPath`, a lock file created atomically (hard link of a private file: fails
 * with EEXIST like `O_EXCL`) that names its owner (pid, host, random token). A lock is stale when its owner process on this host is gone, or when it
 * is older than `staleMs`. A stale lock is broken by renaming it aside (atomic: one waiter wins) and checking
 * that the renamed file is the stale one; if a fresh lock was grabbed by mistake it is linked back.
 */
export async function withFileLock<T>(
  lockPath: string,
  action: (lock: HeldLock) => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const owner: LockOwner = { pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex') };
  const staleMs = options.staleMs ?? 30_000;
  await acquire(lockPath, owner, options.timeoutMs ?? 10_000, staleMs, options.signal);
  // While held, the lock's time is refreshed, so a holder that is only slow is never taken for stale.
  const heartbeat = setInterval(() => void refresh(lockPath, owner), Math.max(10, staleMs / 3));
  heartbeat.unref();
  try {
    return await action({ stillHeld: () => stillHeld(lockPath, owner) });
  } finally {
    clearInterval(heartbeat);
    await release(lockPath, owner);
  }
}

async function acquire(
  lockPath: string,
  owner: LockOwner,
  timeoutMs: number,
  staleMs: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();
    if (await tryCreate(lockPath, owner)) return;
    await breakIfStale(lockPath, staleMs);
    if (Date.now() > deadline) {
      throw new DragomanError(
        'timeout',
        `Timed out after ${timeoutMs} ms waiting for the lock ${lockPath}.`,
        {
          hint: 'Another process holds the session; if none does, delete the .lock file.',
        },
      );
    }
    const pause = sleep(Math.min(50, 2 + attempt) + Math.random() * 5);
    await (signal ? abortable(pause, signal, 'waiting for a session lock') : pause);
  }
}

async function refresh(lockPath: string, owner: LockOwner): Promise<void> {
  const current = parseOwner(await readFile(lockPath, 'utf8').catch(() => ''));
  if (current?.token === owner.token) {
    const now = new Date();
    await utimes(lockPath, now, now).catch(() => undefined);
  }
}

async function stillHeld(lockPath: string, owner: LockOwner): Promise<boolean> {
  const current = parseOwner(await readFile(lockPath, 'utf8').catch(() => ''));
  return current?.token === owner.token;
}

/**
 * Creates the lock with its content in one step: the owner is written to a private file which is then
 * hard-linked to the lock path (`link` fails with EEXIST when the lock exists, like `O_EXCL`), so a lock
 * file is never seen empty, even if its creator is killed.
 */
async function tryCreate(lockPath: string, owner: LockOwner): Promise<boolean> {
  const draft = `${lockPath}.${owner.token}`;
  const handle = await open(draft, 'wx');
  try {
    await handle.writeFile(JSON.stringify(owner));
  } finally {
    await handle.close();
  }
  try {
    await link(draft, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

async function breakIfStale(lockPath: string, staleMs: number): Promise<void> {
  let seen: LockOwner | undefined;
  try {
    const [text, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
    seen = parseOwner(text);
    const old = Date.now() - info.mtimeMs > staleMs;
    if (!old && (seen === undefined || isAlive(seen))) return;
  } catch {
    return; // gone already, or unreadable: try again
  }
  const aside = `${lockPath}.stale-${randomBytes(6).toString('hex')}`;
  try {
    await rename(lockPath, aside);
  } catch {
    return; // someone else broke it first
  }
  const taken = parseOwner(await readFile(aside, 'utf8').catch(() => ''));
  if (seen && taken && taken.token !== seen.token) {
    await link(aside, lockPath).catch(() => undefined); // a fresh lock: give it back
  }
  await unlink(aside).catch(() => undefined);
}

async function release(lockPath: string, owner: LockOwner): Promise<void> {
  const current = parseOwner(await readFile(lockPath, 'utf8').catch(() => ''));
  if (current?.token === owner.token) await unlink(lockPath).catch(() => undefined);
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    return typeof value.pid === 'number' && typeof value.token === 'string'
      ? { pid: value.pid, host: String(value.host ?? ''), token: value.token }
      : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true; // another machine: only age can tell
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
