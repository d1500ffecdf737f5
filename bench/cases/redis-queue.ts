/**
 * Durable runs through Redis + BullMQ (issue 18): runs/s with 2 worker processes against the mock server,
 * the latency the queue adds per run (end-to-end minus the run's own model steps), and Redis commands per
 * run (from INFO commandstats). Needs Debian's redis-server; starts its own on a free loopback port.
 */
import { startFleet } from '../../tests/redis/support/fleet.js';

const { queue, client, close } = await startFleet({
  prefix: 'bench:',
  workers: 2,
  env: { CONCURRENCY: '8' },
  reply: () => ({ text: 'A short answer from the mock.' }),
});
const commands = async () => {
  const info = await client.info('commandstats');
  return [...info.matchAll(/calls=(\d+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
};
try {
  const warm = await Promise.all(
    Array.from({ length: 16 }, (_, i) => queue.enqueue({ agent: 'chat', input: `w${i}` })),
  );
  for (const id of warm) await queue.result(id);

  // Throughput: 400 runs on 40 sessions, all enqueued at once.
  const runs = 400;
  const before = await commands();
  const started = performance.now();
  const ids = await Promise.all(
    Array.from({ length: runs }, (_, i) =>
      queue.enqueue({ agent: 'chat', input: `q${i}`, session: `s${i % 40}` }),
    ),
  );
  for (const id of ids) await queue.result(id);
  const seconds = (performance.now() - started) / 1000;
  const perRun = ((await commands()) - before) / runs;

  // Added latency: one run at a time, end-to-end minus the model steps.
  const added: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t0 = performance.now();
    const id = await queue.enqueue({ agent: 'chat', input: `l${i}`, session: `lat${i % 10}` });
    const outcome = await queue.result(id);
    const steps = outcome.result?.steps.reduce((sum, step) => sum + step.durationMs, 0) ?? 0;
    added.push(performance.now() - t0 - steps);
  }
  added.sort((a, b) => a - b);
  const pick = (q: number) => added[Math.min(added.length - 1, Math.floor(q * added.length))]!.toFixed(1);
  console.log('## Durable runs through Redis + BullMQ (issue 18)\n');
  console.log('| figure | value |\n|---|---|');
  console.log(
    `| runs/s, 2 worker processes x concurrency 8, ${runs} runs on 40 sessions | ${(runs / seconds).toFixed(1)} |`,
  );
  console.log(
    `| added latency per run, p50 / p99 (ms, 100 sequential runs) | ${pick(0.5)} / ${pick(0.99)} |`,
  );
  console.log(
    `| Redis commands per run (all clients, BullMQ included, streamed answer) | ${perRun.toFixed(1)} |`,
  );
} finally {
  await close();
}
