/**
 * Child process for the file-store crash and concurrency tests:
 * `node --import tsx append-worker.ts <directory> <sessionId> <label> <turns> <bytesPerMessage>`.
 * Appends `turns` turns of three messages (`label:turn:k` plus padding), printing `ready` before the first.
 */
import { JsonlFileStore } from '../../../src/memory/jsonl-file-store.js';

const [directory, sessionId, label, turns, bytes] = process.argv.slice(2);
const store = new JsonlFileStore({ directory: directory!, lock: { timeoutMs: 60_000 } });
const padding = 'p'.repeat(Number(bytes));
process.stdout.write('ready\n');
for (let turn = 0; turn < Number(turns); turn++) {
  await store.append(sessionId!, [
    { role: 'user', content: `${label}:${turn}:0 ${padding}` },
    { role: 'assistant', content: `${label}:${turn}:1 ${padding}` },
    { role: 'user', content: `${label}:${turn}:2 ${padding}` },
  ]);
}
process.stdout.write('done\n');
