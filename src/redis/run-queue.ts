import type { ApprovalDecision, RunSettings } from '../agent/types.js';
import { UserInputError } from '../errors.js';
import { validateSessionId } from '../memory/session-id.js';
import type { Message, UserMessage } from '../models/types.js';
import { connect, loadBullMq, type RedisConnection } from './connection.js';
import { DEFAULT_PREFIX, runKeys } from './keys.js';
import { jobIdOf, type RunJobData } from './run-job.js';
import type { RunOutcome, RunStatus } from './run-outcome.js';
import { APPROVE_SCRIPT, ENQUEUE_SCRIPT } from './run-scripts.js';
import { type RunEventStream, readRunEvents } from './run-stream.js';
import { luaScript, runScript } from './script.js';
import { toJson } from './serialize.js';

/** Where the queue lives. The same options must be given to {@link createRunWorker}. */
export interface RunQueueOptions {
  connection: RedisConnection;
  /** Prefix of every key (run records, event streams, BullMQ's keys). @default 'dragoman:' */
  prefix?: string;
  /** The BullMQ queue name. @default 'runs' */
  queueName?: string;
}

/** One run to execute on a worker. Everything in it must survive JSON. */
export interface RunRequest {
  /** The key of the agent in the worker's `agents`. */
  agent: string;
  input: string | UserMessage | readonly Message[];
  /** Session id in the agent's memory store (a `RedisStore`, so every worker sees it). */
  session?: string;
  /** A stable id (e.g. from your own database): enqueuing the same id twice runs it once. @default a UUID */
  runId?: string;
  /** Run options that are plain data. `context` reaches the tools as `context.context`. */
  options?: { maxSteps?: number; settings?: RunSettings; context?: unknown };
}

/** Enqueues durable runs, approves paused ones and follows any of them, from any process. */
export interface RunQueue {
  /** Stores the run and enqueues it; resolves to its id (the same id again for a known `runId`). */
  enqueue(request: RunRequest): Promise<string>;
  /** Where the run is, or undefined for an unknown (or expired) id. */
  status(runId: string): Promise<RunStatus | undefined>;
  /** Records a decision for every pending call of a paused run and enqueues its resume (on any worker). */
  approve(runId: string, approvals: Record<string, ApprovalDecision>): Promise<void>;
  /** The events of the run's current phase as it executes elsewhere, then its outcome. */
  stream(runId: string, options?: { signal?: AbortSignal }): RunEventStream;
  /** Waits for the end (or pause) of the run's current phase. */
  result(runId: string, options?: { signal?: AbortSignal }): Promise<RunOutcome>;
  /** Closes this queue's connections. */
  close(): Promise<void>;
}

const ENQUEUE = luaScript(ENQUEUE_SCRIPT);
const APPROVE = luaScript(APPROVE_SCRIPT);

/**
 * Connects to the durable run queue. Runs execute on workers made by {@link createRunWorker}.
 * @example
 * const queue = await createRunQueue({ connection: process.env.REDIS_URL! });
 * const runId = await queue.enqueue({ agent: 'support', input: 'Where is my order?', session: userId });
 * for await (const event of queue.stream(runId)) if (event.type === 'text-delta') write(event.text);
 */
export async function createRunQueue(options: RunQueueOptions): Promise<RunQueue> {
  const { connection, prefix = DEFAULT_PREFIX, queueName = 'runs' } = options ?? ({} as RunQueueOptions);
  const { Queue } = await loadBullMq();
  const client = await connect(connection);
  const queue = new Queue<RunJobData>(queueName, { connection: client, prefix: `${prefix}queue` });
  const add = (runId: string, phase: number) =>
    queue.add(
      'run',
      { runId, phase },
      { jobId: jobIdOf(runId, phase), removeOnComplete: true, removeOnFail: 1000 },
    );

  return {
    async enqueue(request) {
      const runId = checkRequest(request);
      const record = runKeys(prefix, runId).record;
      const args = [
        request.agent,
        request.session ?? '',
        toJson(request.input),
        toJson(request.options ?? {}),
        Date.now(),
      ];
      await runScript(client, ENQUEUE, [record], args);
      await add(runId, 0);
      return runId;
    },
    async status(runId) {
      return ((await client.hget(runKeys(prefix, runId).record, 'status')) ?? undefined) as
        | RunStatus
        | undefined;
    },
    async approve(runId, approvals) {
      let phase: number;
      try {
        phase = (await runScript(
          client,
          APPROVE,
          [runKeys(prefix, runId).record],
          [toJson(approvals)],
        )) as number;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new UserInputError(
          'invalid-input',
          reason.includes('missing')
            ? `No durable run has id "${runId}".`
            : `Run "${runId}" is not paused (${reason}).`,
          { path: 'runId', hint: 'Approve a run whose status is paused (see queue.status).' },
        );
      }
      await add(runId, phase);
    },
    stream(runId, streamOptions = {}) {
      return readRunEvents({ connection, prefix, runId, ...streamOptions });
    },
    result(runId, resultOptions = {}) {
      return readRunEvents({ connection, prefix, runId, ...resultOptions }).result();
    },
    async close() {
      await queue.close();
      await client.quit();
    },
  };
}

function checkRequest(request: RunRequest): string {
  if (typeof request?.agent !== 'string' || request.agent === '') {
    throw new UserInputError(
      'invalid-input',
      `Run request agent ${String(request?.agent)} is not an agent name.`,
      {
        path: 'agent',
        hint: "Name a key of the worker's agents, e.g. { agent: 'support', input }.",
      },
    );
  }
  if (request.session !== undefined) validateSessionId(request.session);
  const runId = request.runId ?? crypto.randomUUID();
  if (
    typeof runId !== 'string' ||
    runId === '' ||
    runId.length > 200 ||
    /[:{}]/.test(runId) ||
    /^\d+$/.test(runId)
  ) {
    throw new UserInputError('invalid-input', `runId ${JSON.stringify(runId)} cannot name a durable run.`, {
      path: 'runId',
      hint: 'Use 1-200 characters without ":", "{" or "}", not only digits (BullMQ job ids), or omit it.',
    });
  }
  return runId;
}
