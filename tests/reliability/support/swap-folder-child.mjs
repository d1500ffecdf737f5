// Swaps a workspace folder for a symlink to a folder outside the workspace and back, as fast as it can,
// until stdin closes or `seconds` pass: the attacker of the sandbox race tests.
// Usage: node swap-folder-child.mjs <folder> <outside folder> <seconds>
import { existsSync, renameSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';

const [folder, outside, seconds] = process.argv.slice(2);
const parked = `${folder}.parked`;
const deadline = Date.now() + Number(seconds) * 1000;
let stop = false;
process.stdin.on('end', () => {
  stop = true;
});
process.stdin.resume();
let swaps = 0;
function restore() {
  for (let attempt = 0; attempt < 100 && existsSync(parked); attempt++) {
    try {
      rmSync(folder, { recursive: true, force: true });
      renameSync(parked, folder);
    } catch {
      // The folder was created again in between: remove it once more.
    }
  }
}
process.stdout.write('ready\n');
function round() {
  for (let index = 0; index < 200 && Date.now() < deadline; index++) {
    try {
      renameSync(folder, parked);
      symlinkSync(outside, folder);
      unlinkSync(folder);
      renameSync(parked, folder);
      swaps++;
    } catch {
      // A tool call created the folder again while it was parked: put the real one back and go on.
      restore();
    }
  }
  if (stop || Date.now() >= deadline) {
    process.stdout.write(`swaps ${swaps}\n`);
    process.exit(0);
  }
  setImmediate(round);
}
round();
