import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { isDragomanError } from '../../src/index.js';
import { abortOnInterrupt } from '../../src/node/index.js';

/** Where an example reads and writes: the real terminal, or streams a test injects. */
export interface ExampleIO {
  stdin: Readable;
  stdout: Writable;
  /** Environment variables: `MISTRAL_API_KEY` (and `DRAGOMAN_TRACE` for the demo). */
  env: Record<string, string | undefined>;
  /** True on an interactive terminal: enables the spinner. */
  isTTY: boolean;
  /** Aborts the running agent (Ctrl+C in a terminal). */
  signal?: AbortSignal;
}

/** The process's own terminal. */
export function processIO(): ExampleIO {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
  };
}

/** Reads the input one line at a time; `undefined` once the input ends. */
export interface LineReader {
  /** Writes `prompt`, then waits for the next line. */
  ask(prompt: string): Promise<string | undefined>;
  close(): void;
}

/** Creates a {@link LineReader} over the example's stdin. */
export function createLineReader(io: ExampleIO): LineReader {
  const lines = createInterface({ input: io.stdin, terminal: false })[Symbol.asyncIterator]();
  let closed = false;
  return {
    async ask(prompt) {
      io.stdout.write(prompt);
      if (closed || io.signal?.aborted) return undefined;
      const next = await untilAborted(lines.next(), io.signal);
      if (next.done) {
        closed = true;
        io.stdout.write('\n');
        return undefined;
      }
      if (!io.isTTY) io.stdout.write(`${next.value}\n`);
      return next.value;
    },
    close() {
      closed = true;
      void lines.return?.();
    },
  };
}

/** The next line, or the end of input once `signal` aborts (Ctrl+C at a prompt). */
function untilAborted(
  next: Promise<IteratorResult<string>>,
  signal: AbortSignal | undefined,
): Promise<IteratorResult<string>> {
  if (!signal) return next;
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve({ done: true, value: undefined });
    signal.addEventListener('abort', onAbort, { once: true });
    next.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Runs an example's main as a script: Ctrl+C aborts the run (a second one exits at once), dragoman errors
 * print as one readable line (their message already says what to do) and an interrupted run as
 * "Interrupted." (exit code 130).
 */
export async function runAsScript(main: (io: ExampleIO) => Promise<number>): Promise<void> {
  const interrupt = abortOnInterrupt();
  const io: ExampleIO = { ...processIO(), signal: interrupt.signal };
  try {
    process.exitCode = await main(io);
    if (interrupt.signal.aborted) {
      process.stdout.write('\nInterrupted.\n');
      process.exitCode = 130;
    }
  } catch (error) {
    if (!isDragomanError(error)) throw error;
    process.stdout.write(
      error.code === 'aborted' ? '\nInterrupted.\n' : `\n${error.name}: ${error.message}\n`,
    );
    process.exitCode = error.code === 'aborted' ? 130 : 1;
  } finally {
    interrupt.dispose();
    // stdin may keep the event loop alive in a terminal.
    process.stdin.pause();
  }
}
