import type { Redis } from 'ioredis';
import type { Agent } from '../agent/agent.js';
import type { AgentEvent } from '../agent/events.js';
import { run } from '../agent/run.js';
import { stream } from '../agent/stream.js';
import type { RunInput, RunResult } from '../agent/types.js';
import { SessionConflictError, UserInputError } from '../errors.js';
import type { Message } from '../models/types.js';
import { runKeys } from './keys.js';
import type { RunJobData } from './run-job.js';
import type { RunOutcome } from './run-outcome.js';
import { FINISH_SCRIPT, START_SCRIPT } from './run-scripts.js';
import { luaScript, runScript } from './script.js';
import { fromJson, serializeError, toJson } from './serialize.js';

/** What a worker shares between the runs it executes. */
export interface ExecuteContext {
  client: Redis;
  // biome-ignore lint/suspicious/noExplicitAny: agents of any tools and output type
  agents: Record<string, Agent<any, any>>;
  prefix: string;
  maxConflictRetries: number;
  retentionMs: number;
  /** Streamed model answers (text deltas reach stream readers) rather than complete ones. */
  streaming: boolean;
}

const START = luaScript(START_SCRIPT);
const FINISH = luaScript(FINISH_SCRIPT);

/**
 * Executes one phase of a durable run, at most to one recorded end: claims it, skips it when an earlier
 * attempt already committed its turn, runs the agent (again on the new history after a session conflict),
 * streams its events, and records the outcome (or the paused state) once.
 */
export async function executeRun(context: ExecuteContext, job: RunJobData): Promise<void> {
  const { client, prefix } = context;
  const { runId, phase } = job;
  const keys = runKeys(prefix, runId);
  if ((await runScript(client, START, [keys.record], [phase])) !== 'run') return;
  const record = await client.hgetall(keys.record);
  const finish = async (status: 'completed' | 'paused' | 'failed', outcome: RunOutcome, state = '') => {
    await runScript(
      client,
      FINISH,
      [keys.record, keys.events],
      [status, phase, toJson(outcome), state, context.retentionMs],
    );
  };
  const agent = context.agents[record['agent'] ?? ''];
  if (agent === undefined) {
    const error = new UserInputError(
      'invalid-config',
      `This worker has no agent named "${record['agent']}".`,
      {
        hint: 'Give every worker the same agents, by the names the queue uses.',
      },
    );
    return finish('failed', {
      runId,
      status: 'failed',
      text: '',
      newMessages: [],
      error: serializeError(error),
    });
  }
  const session = record['session'] || undefined;
  const committed = session !== undefined ? await committedTurn(agent, session, runId) : undefined;
  if (committed) {
    return finish('completed', {
      runId,
      status: 'completed',
      text: lastText(committed),
      newMessages: committed,
      recovered: true,
    });
  }
  const input: RunInput =
    phase === 0
      ? fromJson(record['input'] ?? '""')
      : { resume: fromJson(record['state'] ?? '{}'), approvals: fromJson(record['approvals'] ?? '{}') };
  const options = fromJson<Record<string, unknown>>(record['options'] ?? '{}');
  const published: Promise<unknown>[] = [];
  const publish = (event: AgentEvent) => {
    const added = client.xadd(
      keys.events,
      'MAXLEN',
      '~',
      10_000,
      '*',
      'phase',
      phase,
      'kind',
      'event',
      'data',
      toJson(event),
    );
    published.push(added.catch(() => undefined));
  };
  let result: RunResult<unknown>;
  for (let conflicts = 0; ; conflicts++) {
    try {
      const runOptions = { ...options, ...(phase === 0 ? { session } : {}), runId } as never;
      if (context.streaming) {
        const events = stream(agent, input, runOptions);
        for await (const event of events) publish(event);
        result = await events.result();
      } else result = await run(agent, input, { ...(runOptions as object), onEvent: publish } as never);
      break;
    } catch (error) {
      if (error instanceof SessionConflictError && conflicts < context.maxConflictRetries) continue;
      await Promise.all(published);
      return finish('failed', {
        runId,
        status: 'failed',
        text: '',
        newMessages: [],
        error: serializeError(error),
      });
    }
  }
  await Promise.all(published);
  const base = { runId, result, text: result.text, newMessages: result.newMessages };
  if (result.status === 'pending-approval') {
    const outcome: RunOutcome = {
      ...base,
      status: 'pending-approval',
      pendingApprovals: result.pendingApprovals,
    };
    return finish('paused', outcome, toJson(result.state));
  }
  return finish('completed', { ...base, status: 'completed' });
}

/** The turn an earlier attempt of this run committed, when the agent's store can tell (a `RedisStore`). */
async function committedTurn(agent: Agent, session: string, runId: string): Promise<Message[] | undefined> {
  const memory = agent.memory as {
    committedTurn?: (session: string, turnId: string) => Promise<Message[] | undefined>;
  };
  return typeof memory?.committedTurn === 'function' ? memory.committedTurn(session, runId) : undefined;
}

function lastText(messages: readonly Message[]): string {
  const last = messages.findLast((message) => message.role === 'assistant');
  return typeof last?.content === 'string' ? last.content : '';
}
