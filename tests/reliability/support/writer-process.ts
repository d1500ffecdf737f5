/**
 * Starts and kills append-child writer processes (node + tsx), collecting the turns each acknowledged.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const childPath = fileURLToPath(new URL('./append-child.ts', import.meta.url));

/** A running writer and what it has acknowledged so far. */
export interface Writer {
  tag: string;
  /** Highest turn number whose append resolved (-1 before the first). */
  readonly acked: number;
  /** Resolves when the process printed `ready`. */
  ready: Promise<void>;
  /** Resolves with the exit code (null when killed) once the process is gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  kill(): void;
}

/** Starts a writer appending turns of `tag` to `session` in `directory`, at most `limit` turns. */
export function startWriter(directory: string, session: string, tag: string, limit = 1_000_000): Writer {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', childPath, directory, session, tag, String(limit)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let acked = -1;
  let buffer = '';
  let stderr = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (text: string) => {
    buffer += text;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'ready') markReady();
      else if (line.startsWith('ack ')) acked = Number(line.slice(4));
    }
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => {
    stderr += text;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => {
      child.once('close', (code, signal) => {
        markReady();
        resolve({ code, signal, stderr });
      });
    },
  );
  return {
    tag,
    get acked() {
      return acked;
    },
    ready,
    exited,
    kill: () => child.kill('SIGKILL'),
  };
}
