import type { AgentEvent } from '../agent/events.js';
import { resultStream, type SettleResult } from '../agent/result-stream.js';
import { UserInputError } from '../errors.js';
import { connect, type RedisConnection } from './connection.js';
import { runKeys } from './keys.js';
import type { RunOutcome } from './run-outcome.js';
import { fromJson } from './serialize.js';

/** The events of a durable run, read from Redis in any process, plus how the run (phase) ended. */
export interface RunEventStream extends AsyncIterable<AgentEvent> {
  /** The outcome of the phase; iterates the remaining events itself when nobody else does. */
  result(): Promise<RunOutcome>;
}

/** What {@link readRunEvents} needs. */
export interface ReadRunEventsOptions {
  connection: RedisConnection;
  prefix: string;
  runId: string;
  /** Milliseconds one XREAD blocks before checking again. @default 1000 */
  blockMs?: number;
  signal?: AbortSignal;
}

/**
 * Reads the event stream of run `runId`'s current phase (the first execution, or the latest resume) from
 * its first entry, on a dedicated connection, until the phase's end entry. Events of an attempt that died
 * are followed by those of the next attempt, which starts again with a `run-start` event.
 */
export function readRunEvents(options: ReadRunEventsOptions): RunEventStream {
  return resultStream<AgentEvent, RunOutcome>(
    (settle) => phaseEvents(options, settle),
    () => new UserInputError('invalid-input', 'This run event stream was already iterated.'),
  );
}

/** The current phase's events, in order; settles the outcome at the phase's end entry. */
async function* phaseEvents(
  options: ReadRunEventsOptions,
  settle: SettleResult<RunOutcome>,
): AsyncGenerator<AgentEvent, void> {
  const client = await connect(options.connection, true);
  try {
    const keys = runKeys(options.prefix, options.runId);
    const phase = await client.hget(keys.record, 'phase');
    if (phase === null) {
      throw new UserInputError('invalid-input', `No durable run has id "${options.runId}".`, {
        path: 'runId',
        hint: 'Use the id queue.enqueue() returned; finished runs are kept for retentionSeconds.',
      });
    }
    let lastId = '0';
    for (;;) {
      if (options.signal?.aborted) throw options.signal.reason;
      const reply = (await client.xread(
        'COUNT',
        200,
        'BLOCK',
        options.blockMs ?? 1000,
        'STREAMS',
        keys.events,
        lastId,
      )) as Array<[string, Array<[string, string[]]>]> | null;
      for (const [id, fields] of reply?.[0]?.[1] ?? []) {
        lastId = id;
        const entry = fieldsOf(fields);
        if (entry.phase !== phase) continue;
        if (entry.kind === 'end') {
          settle.resolve(fromJson<RunOutcome>(entry.data));
          return;
        }
        yield fromJson<AgentEvent>(entry.data);
      }
    }
  } catch (error) {
    settle.reject(error);
    throw error;
  } finally {
    settle.reject(
      new UserInputError('invalid-input', 'The run event stream was closed before the run ended.'),
    );
    client.disconnect();
  }
}

function fieldsOf(fields: string[]): { phase: string; kind: string; data: string } {
  const entry: Record<string, string> = {};
  for (let index = 0; index + 1 < fields.length; index += 2) entry[fields[index]!] = fields[index + 1]!;
  return { phase: entry['phase'] ?? '', kind: entry['kind'] ?? '', data: entry['data'] ?? 'null' };
}
