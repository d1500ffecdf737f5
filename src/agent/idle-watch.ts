import { ConnectionError } from '../errors.js';

/** What {@link watchIdle} needs. */
export interface IdleWatchOptions {
  /** Longest silence, in milliseconds, while the loop waits on the model. */
  idleTimeoutMs: number;
  /** The run's signal: aborting it aborts the watched call too. */
  signal: AbortSignal;
  /** The model id and step, for the error. */
  model: string;
  step: number;
}

/** One model call's watch: its signal, and what the loop tells it. */
export interface IdleWatch {
  /** Aborts when the run's signal does, or with a `ConnectionError` after a silence. */
  readonly signal: AbortSignal;
  /** The loop starts waiting on `promise`; the watch counts silence until it settles. */
  wait<Value>(promise: Promise<Value>): Promise<Value>;
  /** A sign of life that is not an answer (a retry notice): the silence starts again. */
  touch(): void;
  /** The error the watch aborted with, once it has. */
  readonly timedOut: ConnectionError | undefined;
  /** Stops the timer and detaches from the run's signal. */
  stop(): void;
}

/**
 * Watches a model call for silence, whatever the `Model` is (a custom one included): only the time the
 * loop spends waiting on the model counts, never a stream consumer that takes its time between events.
 * One timer per call, re-armed lazily: a delta costs two number writes, not a timer.
 */
export function watchIdle(options: IdleWatchOptions): IdleWatch {
  const { idleTimeoutMs, signal } = options;
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(signal.reason);
  if (signal.aborted) forwardAbort();
  else signal.addEventListener('abort', forwardAbort, { once: true });
  let waiting = 0;
  let since = performance.now();
  let timedOut: ConnectionError | undefined;
  const check = () => {
    const silent = performance.now() - since;
    if (waiting > 0 && silent >= idleTimeoutMs && !controller.signal.aborted) {
      timedOut = idleTimeoutError(options, silent);
      controller.abort(timedOut);
      return;
    }
    timer = setTimeout(check, waiting > 0 ? idleTimeoutMs - silent : idleTimeoutMs);
  };
  let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(check, idleTimeoutMs);
  const settled = () => {
    waiting--;
  };
  return {
    signal: controller.signal,
    wait(promise) {
      waiting++;
      since = performance.now();
      promise.then(settled, settled);
      return promise;
    },
    touch() {
      since = performance.now();
    },
    get timedOut() {
      return timedOut;
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
      signal.removeEventListener('abort', forwardAbort);
    },
  };
}

/**
 * The model sent nothing for too long. Retryable: a hung call is usually transient, and the failed run
 * stored nothing, so running the same input again is safe for the conversation.
 */
function idleTimeoutError(options: IdleWatchOptions, silentMs: number): ConnectionError {
  const { model, step, idleTimeoutMs } = options;
  return new ConnectionError(
    'timeout',
    `Model "${model}" sent nothing for ${Math.round(silentMs)} ms in step ${step} (modelIdleTimeoutMs is ${idleTimeoutMs}).`,
    {
      retryable: true,
      hint: 'Run the turn again (nothing was stored), check the model or server, or raise modelIdleTimeoutMs on the agent if it pauses that long.',
    },
  );
}
