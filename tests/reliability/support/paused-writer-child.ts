/**
 * A JSONL writer that freezes inside the lock: its clock blocks the whole process for `pauseMs` on the
 * call made while it holds the lock, as a process stopped by the OS or a long GC pause would. Prints
 * `locked` just before it freezes, then `ok` or `error <code>` when its append settles.
 * Usage: node --import tsx paused-writer-child.ts <directory> <session> <pauseMs> <staleMs>
 */
import { JsonlFileStore } from '../../../src/node/index.js';

const [directory, session, pauseMs, staleMs] = process.argv.slice(2);
let calls = 0;
const store = new JsonlFileStore({
  directory: directory!,
  lock: { staleMs: Number(staleMs) },
  now: () => {
    calls++;
    if (calls === 2) {
      process.stdout.write('locked\n');
      const until = Date.now() + Number(pauseMs);
      while (Date.now() < until) {
        // frozen: no timer, no heartbeat, nothing runs
      }
    }
    return new Date();
  },
});
try {
  await store.append(session!, [{ role: 'user', content: 'from the paused writer' }]);
  process.stdout.write('ok\n');
} catch (error) {
  process.stdout.write(`error ${(error as { code?: string }).code ?? String(error)}\n`);
}
