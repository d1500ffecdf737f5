import { AbortError } from '../../errors.js';

/**
 * A signal that asks a process to stop. Spelled out rather than `NodeJS.Signals`, so the main entry's types
 * compile without `@types/node`.
 */
export type StopSignalName = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'SIGQUIT' | 'SIGBREAK';

/** The part of `process` {@link abortOnInterrupt} uses; tests pass their own. */
export interface SignalSource {
  on(signal: StopSignalName, listener: (signal: StopSignalName) => void): unknown;
  off(signal: StopSignalName, listener: (signal: StopSignalName) => void): unknown;
  exit(code: number): never;
}

/** Options of {@link abortOnInterrupt}. */
export interface AbortOnInterruptOptions {
  /** The signals that abort. @default ['SIGINT', 'SIGTERM'] */
  signals?: readonly StopSignalName[];
  /**
   * Exit code used when a second signal arrives before `dispose()`: the user pressed Ctrl+C again, so the
   * process exits at once instead of waiting for the cleanup. `false` ignores repeats. @default 130
   */
  exitOnRepeat?: number | false;
  /** @default process */
  source?: SignalSource;
}

/** An abort signal tied to Ctrl+C; call `dispose()` when the work is done to restore the default handling. */
export interface InterruptSignal {
  /** Aborts with an `AbortError` on the first signal. */
  readonly signal: AbortSignal;
  /** Removes the signal handlers. Safe to call twice. */
  dispose(): void;
}

/**
 * Turns Ctrl+C (SIGINT) and SIGTERM into an abort, for CLIs built on dragoman. Pass `signal` to `run()` or
 * `stream()`: the model call stops, running tools see their `context.signal` abort, and `run_command` kills
 * the command's whole process group, so no child is left running. A second Ctrl+C exits at once (code 130).
 * Node, Bun and Deno only (it listens on `process`).
 * @example
 * const interrupt = abortOnInterrupt();
 * try {
 *   await run(agent, task, { signal: interrupt.signal });
 * } finally {
 *   interrupt.dispose();
 * }
 */
export function abortOnInterrupt(options: AbortOnInterruptOptions = {}): InterruptSignal {
  const source: SignalSource = options.source ?? process;
  const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
  const exitOnRepeat = options.exitOnRepeat ?? 130;
  const controller = new AbortController();
  const onSignal = (signal: StopSignalName) => {
    if (!controller.signal.aborted) {
      controller.abort(new AbortError(`Interrupted by ${signal}.`));
    } else if (exitOnRepeat !== false) {
      source.exit(exitOnRepeat);
    }
  };
  for (const signal of signals) source.on(signal, onSignal);
  let disposed = false;
  return {
    signal: controller.signal,
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const signal of signals) source.off(signal, onSignal);
    },
  };
}
