/**
 * Forced garbage collection inside a vitest worker, without changing the runner's flags: V8 allows turning
 * `--expose-gc` on at run time, and a fresh context then carries the `gc` function.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/**
 * Runs full collections, with event-loop turns between them (closed sockets and finalizers release memory a
 * turn later), until the heap stops shrinking; returns the used heap in bytes.
 */
export async function settledHeap(): Promise<number> {
  let previous = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 10; round++) {
    collect();
    await new Promise((resolve) => setTimeout(resolve, 25));
    const used = process.memoryUsage().heapUsed;
    if (round >= 3 && used >= previous * 0.995) return Math.min(used, previous);
    previous = Math.min(previous, used);
  }
  return previous;
}
