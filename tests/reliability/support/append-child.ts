/**
 * A writer process for the crash-safety tests: opens the JSONL file store in `directory` and appends turns
 * of `tag` to `session` as fast as it can, printing `ack <n>` after each append resolved, until `limit` turns
 * (then it exits 0). The parent SIGKILLs it at a random moment.
 * Usage: node --import tsx append-child.ts <directory> <session> <tag> <limit>
 */

import { crashTurn } from './crash-turns.js';
import { openFileStore } from './stores.js';

const [directory, session, tag, limitText] = process.argv.slice(2);
if (!directory || !session || !tag)
  throw new Error('usage: append-child <directory> <session> <tag> <limit>');
const limit = Number(limitText ?? 1_000_000);
const store = openFileStore(directory);
process.stdout.write('ready\n');
for (let turn = 0; turn < limit; turn++) {
  await store.append(session, crashTurn(tag, turn));
  process.stdout.write(`ack ${turn}\n`);
}
