import { abortable } from '../models/abortable.js';
import type { StreamDelta } from '../models/types.js';
import type { IdleWatch } from './idle-watch.js';

/**
 * The model's deltas, each `next()` raced against the call's signal (the run's, or the idle watch's), so a
 * model that ignores its signal cannot hold an aborted run. The watch counts the silence of each wait.
 * Leaving early closes the model's stream (without waiting for a stuck one).
 */
export async function* raced(
  deltas: AsyncIterable<StreamDelta>,
  signal: AbortSignal,
  watch: IdleWatch | undefined,
): AsyncGenerator<StreamDelta> {
  const iterator = deltas[Symbol.asyncIterator]();
  let done = false;
  try {
    for (;;) {
      const pending = iterator.next();
      const next = await abortable(watch ? watch.wait(pending) : pending, signal, 'The model call');
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) {
      const closing = iterator.return?.();
      if (signal.aborted) closing?.catch(() => {});
      else await closing;
    }
  }
}
