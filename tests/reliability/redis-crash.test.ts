import { expect, it } from 'vitest';
import { crashFleet, expectEveryRunOnce } from '../redis/support/crash-fleet.js';

// The full crash test of issue 18: 3 worker processes, 300 runs, 50 SIGKILLs. RELIABILITY_BOUNDED=1 (CI)
// runs 100 runs and 15 kills to stay within the CI budget.
const bounded = process.env['RELIABILITY_BOUNDED'] === '1';

it(`every durable run ends exactly once with its turn stored once while workers are SIGKILLed`, async () => {
  const report = await crashFleet({
    runs: bounded ? 100 : 300,
    kills: bounded ? 15 : 50,
    sessions: bounded ? 10 : 30,
    deadlineMs: bounded ? 200_000 : 420_000,
  });
  const attempts = [...report.records.values()].reduce((sum, record) => sum + record.attempts, 0);
  console.log(
    `redis crash: ${report.runs} runs, ${report.kills} kills, ${attempts} attempts, ${report.recovered} recovered from a committed turn, ${report.elapsedMs} ms`,
  );
  expectEveryRunOnce(report);
  expect(attempts).toBeGreaterThanOrEqual(report.runs);
}, 480_000);
