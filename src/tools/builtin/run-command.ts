import { spawn } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { abortErrorFrom, UserInputError } from '../../errors.js';

/** Options of {@link runCommand}. */
export interface RunCommandOptions {
  /** Program names that may run (`['npm', 'node', 'git']`); unset allows any program on PATH. */
  allowlist?: readonly string[];
  /** Time limit; the process group is killed when it passes. @default 30_000 */
  timeoutMs?: number;
  /** Bytes kept of stdout and of stderr each. @default 65_536 */
  maxOutputBytes?: number;
  /** Kills the process group and rejects with an AbortError (wire it to Ctrl+C with `abortOnInterrupt()`). */
  signal?: AbortSignal;
  /** Extra environment variables, added to the safe base environment. */
  env?: Record<string, string>;
  /** The environment the safe base is taken from. @default process.env */
  parentEnv?: NodeJS.ProcessEnv;
  /** Receives output as it arrives (decoded as UTF-8, per chunk), e.g. to report progress. */
  onOutput?: (text: string, stream: 'stdout' | 'stderr') => void;
}

/** What a finished command produced. */
export interface CommandResult {
  /** Exit code, or null when the process was killed. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the time limit killed it. */
  timedOut: boolean;
  /** Bytes dropped beyond `maxOutputBytes`, per stream. */
  droppedBytes: { stdout: number; stderr: number };
  durationMs: number;
}

/** Environment variables passed through to commands; everything else (API keys, tokens) is left out. */
export const passedEnvironment: readonly string[] = [
  'PATH',
  'HOME',
  'USER',
  'LANG',
  'LANGUAGE',
  'LC_ALL',
  'LC_CTYPE',
  'TERM',
  'TZ',
  'TMPDIR',
];

/**
 * Runs one program with a fixed argument list in the workspace root: no shell (so no `;`, `|`, `$()` or
 * globbing), a bare program name looked up on PATH, an environment without secrets, a time limit and an
 * output cap. The program runs in its own process group, which is killed when the program exits, times out
 * or is aborted: nothing it started in the background outlives the call.
 * @throws {UserInputError} for a program that is not a bare name, not allowed, or not found.
 * @throws {AbortError} when `signal` aborts.
 */
export async function runCommand(
  root: string,
  command: string,
  args: readonly string[] = [],
  options: RunCommandOptions = {},
): Promise<CommandResult> {
  checkCommand(command, args, options.allowlist);
  if (options.signal?.aborted) throw abortErrorFrom(options.signal, `Command "${command}"`);
  const cwd = await realpath(root);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxOutputBytes = options.maxOutputBytes ?? 65_536;
  const started = performance.now();
  const child = spawn(command, [...args], {
    cwd,
    env: safeEnvironment(options.parentEnv ?? process.env, options.env),
    shell: false,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout = capture(child.stdout, maxOutputBytes);
  const stderr = capture(child.stderr, maxOutputBytes);
  const { onOutput } = options;
  if (onOutput) {
    for (const name of ['stdout', 'stderr'] as const) {
      child[name].setEncoding('utf8');
      child[name].on('data', (text: string) => onOutput(text, name));
    }
  }
  let timedOut = false;
  const killGroup = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, timeoutMs);
  const onAbort = () => killGroup();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(
      (resolve, reject) => {
        child.once('error', reject);
        // The command returned: whatever it left running in its group (a server, a watcher, a `&` job)
        // goes too, and a pipe such a process held open closes, so 'close' follows at once.
        child.once('exit', killGroup);
        child.once('close', (code, killSignal) => resolve([code, killSignal]));
      },
    );
    if (options.signal?.aborted) throw abortErrorFrom(options.signal, `Command "${command}"`);
    return {
      exitCode,
      signal,
      stdout: stdout.text(),
      stderr: stderr.text(),
      timedOut,
      droppedBytes: { stdout: stdout.dropped(), stderr: stderr.dropped() },
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UserInputError('invalid-input', `Command "${command}" was not found on PATH.`, {
        hint: 'Check the program name, or install it.',
        path: 'command',
      });
    }
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** The base environment for commands: only {@link passedEnvironment} keys, plus `extra`. */
export function safeEnvironment(
  parent: NodeJS.ProcessEnv,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const key of passedEnvironment) if (parent[key] !== undefined) environment[key] = parent[key];
  return { ...environment, ...extra };
}

function checkCommand(
  command: string,
  args: readonly string[],
  allowlist: readonly string[] | undefined,
): void {
  const bad = (message: string, hint: string, path = 'command') =>
    new UserInputError('invalid-input', message, { hint, path });
  if (typeof command !== 'string' || !/^[A-Za-z0-9._+-]+$/u.test(command) || command.startsWith('.')) {
    throw bad(
      `Command ${JSON.stringify(command)} is not a bare program name.`,
      'Name a program on PATH, such as "npm"; put its arguments in args.',
    );
  }
  if (allowlist && !allowlist.includes(command)) {
    throw bad(
      `Command "${command}" is not allowed.`,
      `Allowed commands: ${allowlist.join(', ') || '(none)'}.`,
    );
  }
  for (const [index, arg] of args.entries()) {
    if (typeof arg !== 'string' || arg.includes('\u0000')) {
      throw bad(
        `Argument ${index + 1} of "${command}" is not a string without NUL bytes.`,
        'Pass plain strings.',
        `args[${index}]`,
      );
    }
  }
}

function capture(stream: NodeJS.ReadableStream, maxBytes: number) {
  const chunks: Buffer[] = [];
  let kept = 0;
  let dropped = 0;
  stream.on('data', (data: Buffer | string) => {
    const chunk = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const room = Math.max(0, maxBytes - kept);
    if (room > 0) chunks.push(chunk.subarray(0, room));
    kept += Math.min(room, chunk.length);
    dropped += Math.max(0, chunk.length - room);
  });
  return { text: () => Buffer.concat(chunks).toString('utf8'), dropped: () => dropped };
}
