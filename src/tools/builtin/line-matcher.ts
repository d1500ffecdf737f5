import { Worker } from 'node:worker_threads';
import { AbortError, UserInputError } from '../../errors.js';

/** Finds, per line of a text, the column of the first match. */
export interface LineMatcher {
  /** `[lineIndex, column]` pairs (0-based) of matching lines, at most `limit`. */
  match(text: string, limit: number): Promise<Array<[number, number]>>;
  /** Releases the worker, if any. */
  close(): Promise<void>;
}

/** Options of {@link createLineMatcher}. */
export interface LineMatcherOptions {
  /** Total time the matching may take, across all texts. */
  timeoutMs: number;
  /** Stops the matching (the worker is terminated). */
  signal?: AbortSignal;
  /** Shown in the timeout error. */
  pattern: string;
}

/**
 * A JavaScript regular expression runs without a time limit and cannot be interrupted on the thread that runs
 * it: `(a|aa)*$` on 40 "a"s takes about a minute. Patterns that can backtrack therefore run in a worker thread
 * that is terminated at the deadline or on abort; patterns with no repetition or alternation are linear and
 * run in place. The worker's code is a string (`eval`), so it works from the sources and from the bundle.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const expression = new RegExp(workerData.source, workerData.flags);
parentPort.on('message', ({ text, limit }) => {
  const lines = text.split('\\n');
  const found = [];
  for (let index = 0; index < lines.length && found.length < limit; index++) {
    expression.lastIndex = 0;
    const match = expression.exec(lines[index]);
    if (match) found.push([index, match.index]);
  }
  parentPort.postMessage(found);
});
`;

/** Repetition or alternation outside an escape: the shapes that can make a regular expression backtrack. */
const MAY_BACKTRACK = /(?<!\\)(?:\\\\)*[*+?{|]/u;

/** A matcher for `expression`: in place when the pattern is linear, else in a worker bounded by a deadline. */
export function createLineMatcher(expression: RegExp, options: LineMatcherOptions): LineMatcher {
  if (!MAY_BACKTRACK.test(expression.source)) return inPlaceMatcher(expression);
  return workerMatcher(expression, options);
}

function inPlaceMatcher(expression: RegExp): LineMatcher {
  return {
    async match(text, limit) {
      const found: Array<[number, number]> = [];
      const lines = text.split('\n');
      for (let index = 0; index < lines.length && found.length < limit; index++) {
        expression.lastIndex = 0;
        const match = expression.exec(lines[index]!);
        if (match) found.push([index, match.index]);
      }
      return found;
    },
    close: async () => {},
  };
}

function workerMatcher(expression: RegExp, options: LineMatcherOptions): LineMatcher {
  let worker: Worker | undefined;
  const deadline = performance.now() + options.timeoutMs;
  const stop = () => {
    const current = worker;
    worker = undefined;
    return current ? current.terminate().then(() => undefined) : Promise.resolve();
  };
  return {
    async match(text, limit) {
      if (options.signal?.aborted)
        throw new AbortError('The search was aborted.', { cause: options.signal.reason });
      worker ??= new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { source: expression.source, flags: expression.flags },
      });
      const active = worker;
      return new Promise<Array<[number, number]>>((resolve, reject) => {
        const finish = (error: Error | undefined, found?: Array<[number, number]>) => {
          clearTimeout(timer);
          options.signal?.removeEventListener('abort', onAbort);
          active.off('message', onMessage).off('error', onError);
          if (error)
            void stop().then(
              () => reject(error),
              () => reject(error),
            );
          else resolve(found!);
        };
        const onMessage = (found: Array<[number, number]>) => finish(undefined, found);
        const onError = (error: Error) => finish(error);
        const onAbort = () =>
          finish(new AbortError('The search was aborted.', { cause: options.signal?.reason }));
        const timer = setTimeout(() => finish(tooSlow(options)), Math.max(0, deadline - performance.now()));
        options.signal?.addEventListener('abort', onAbort, { once: true });
        active.on('message', onMessage).on('error', onError);
        active.postMessage({ text, limit });
      });
    },
    close: stop,
  };
}

function tooSlow(options: LineMatcherOptions): UserInputError {
  return new UserInputError(
    'invalid-input',
    `Search pattern ${JSON.stringify(options.pattern)} did not finish within ${options.timeoutMs} ms; it backtracks too much.`,
    {
      hint: 'Use a simpler expression (no nested or overlapping repeats), or literal: true.',
      path: 'pattern',
    },
  );
}
