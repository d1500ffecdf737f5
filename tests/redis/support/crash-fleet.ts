/**
 * The crash scenario: a fleet of worker processes executes `runs` durable runs while random workers are
 * SIGKILLed `kills` times (each replaced at once). Returns what Redis holds afterwards for the test to check.
 */
import { expect } from 'vitest';
import { RedisStore } from '../../../src/redis/index.js';
import { startFleet } from './fleet.js';

export interface CrashReport {
  runs: number;
  kills: number;
  /** Run label -> status, endings counter and attempts, from each run record. */
  records: Map<string, { status: string; endings: number; attempts: number }>;
  /** Session -> the user messages of its turns, in order. */
  sessions: Map<string, string[]>;
  failedJobs: number;
  recovered: number;
  elapsedMs: number;
}

export async function crashFleet(options: {
  runs: number;
  kills: number;
  sessions: number;
  deadlineMs: number;
}) {
  const started = Date.now();
  const prefix = 'crash:';
  const fleet = await startFleet({
    prefix,
    workers: 3,
    env: { CONCURRENCY: '4', LOCK_MS: '1500' },
    reply: ({ body }) => ({ text: `answer to ${String(body.messages?.at(-1)?.content)}`, delayMs: 20 }),
  });
  const { workers, queue, client } = fleet;
  try {
    const ids = new Map<string, string>();
    for (let index = 0; index < options.runs; index++) {
      const label = `run-${index}`;
      const session = `s-${index % options.sessions}`;
      ids.set(label, await queue.enqueue({ agent: 'chat', input: label, session, runId: `r-${label}` }));
    }
    let kills = 0;
    const pending = () =>
      Promise.all([...ids.values()].map((id) => queue.status(id))).then(
        (statuses) => statuses.filter((status) => status !== 'completed' && status !== 'failed').length,
      );
    while (Date.now() - started < options.deadlineMs) {
      const left = await pending();
      if (left === 0 && kills >= options.kills) break;
      if (left === 0 && kills < options.kills) {
        // Every run ended before all kills were made: the remaining kills would test nothing.
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 250));
      if (kills < options.kills) {
        const victim = Math.floor(Math.random() * workers.length);
        await workers[victim]!.kill('SIGKILL');
        workers[victim] = fleet.startWorker();
        kills++;
      }
    }
    const records = new Map<string, { status: string; endings: number; attempts: number }>();
    let recovered = 0;
    for (const [label, id] of ids) {
      const record = await client.hgetall(`${prefix}run:{${id}}`);
      records.set(label, {
        status: record['status'] ?? 'missing',
        endings: Number(record['endings']),
        attempts: Number(record['attempts']),
      });
      if (record['outcome']?.includes('"recovered":true')) recovered++;
    }
    const store = new RedisStore({ client, prefix });
    const sessions = new Map<string, string[]>();
    for (let index = 0; index < options.sessions; index++) {
      const history = await store.load(`s-${index}`);
      sessions.set(
        `s-${index}`,
        history.filter((message) => message.role === 'user').map((message) => String(message.content)),
      );
    }
    const failedJobs = await client.zcard(`${prefix}queue:runs:failed`);
    return {
      runs: options.runs,
      kills,
      records,
      sessions,
      failedJobs,
      recovered,
      elapsedMs: Date.now() - started,
    };
  } finally {
    await fleet.close();
  }
}

/** Every run ended exactly once, and its turn is in its session exactly once. */
export function expectEveryRunOnce(report: CrashReport): void {
  expect(report.kills).toBeGreaterThan(0);
  for (const [label, record] of report.records) {
    expect({ label, status: record.status, endings: record.endings }).toEqual({
      label,
      status: 'completed',
      endings: 1,
    });
  }
  const seen = [...report.sessions.values()].flat();
  expect(seen).toHaveLength(report.runs);
  expect(new Set(seen).size).toBe(report.runs);
  for (const [session, users] of report.sessions) {
    for (const label of users) expect(`s-${Number(label.slice(4)) % report.sessions.size}`).toBe(session);
  }
  expect(report.failedJobs).toBe(0);
}
