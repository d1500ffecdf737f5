/**
 * `npm run bench [-- name ...]`: runs every case in bench/cases/ in its own Node process (so cold-start
 * figures are real) and prints each case's markdown. Cases print their own tables; see docs/performance.md.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const casesDir = join(import.meta.dirname, 'cases');
const filters = process.argv.slice(2);
const cases = readdirSync(casesDir)
  .filter((file) => file.endsWith('.ts') && !file.startsWith('_'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();

if (cases.length === 0) {
  console.error(`No bench case matches ${filters.join(', ')}. Cases live in ${casesDir}.`);
  process.exit(1);
}

console.log(`# dragoman benchmarks\n\nNode ${process.version}, ${new Date().toISOString()}\n`);
let failed = 0;
for (const file of cases) {
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(casesDir, file)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    failed++;
    console.error(`bench case ${file} failed with exit code ${result.status}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
