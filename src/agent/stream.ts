import { AbortError, UserInputError } from '../errors.js';
import type { ToolSet } from '../tools/types.js';
import type { Agent } from './agent.js';
import type { AgentEvent } from './events.js';
import { type LoopOptions, runLoop } from './loop/index.js';
import { observe } from './observe.js';
import { resultStream, type SettleResult } from './result-stream.js';
import type { RunOptionsArgument } from './run.js';
import type { RunInput, RunResult } from './types.js';

/**
 * A streamed run: iterate it for events (once), and await `result()` for the outcome. `Tools` types the
 * tool events and records.
 */
export interface RunStream<Output, Tools extends ToolSet = ToolSet> extends AsyncIterable<AgentEvent<Tools>> {
  /**
   * The run's result. Resolves when the run ends; if nobody iterates the events, calling it drives the run.
   * Rejects with the run's error, or an `AbortError` when the consumer stopped iterating before `run-end`
   * (a consumer that stops at `run-end` gets the result).
   */
  result(): Promise<RunResult<Output, Tools>>;
}

/**
 * Runs an agent with a streamed model answer and hands out every event as it happens (`text-delta`s,
 * tool calls, ...). The same loop as {@link run}; the run starts when iteration (or `result()`) starts.
 * @example
 * const events = stream(agent, 'Write a haiku about Marseille.');
 * for await (const event of events) if (event.type === 'text-delta') process.stdout.write(event.text);
 * const result = await events.result();
 */
export function stream<Tools extends ToolSet, Output>(
  agent: Agent<Tools, Output>,
  input: RunInput,
  ...[options]: RunOptionsArgument<Tools>
): RunStream<Output, Tools> {
  return resultStream<AgentEvent<Tools>, RunResult<Output, Tools>>(
    (settle) => runEvents(agent, input, (options ?? {}) as LoopOptions, settle),
    () =>
      new UserInputError('invalid-input', 'This stream was already iterated.', {
        hint: 'Call stream() again for a new run, or use result() for the outcome of this one.',
      }),
  );
}

/** The run's events, in order; settles the result at `run-end` (or the error, or an early stop). */
async function* runEvents<Tools extends ToolSet, Output>(
  agent: Agent<Tools, Output>,
  input: RunInput,
  loopOptions: LoopOptions,
  settle: SettleResult<RunResult<Output, Tools>>,
): AsyncGenerator<AgentEvent<Tools>, void> {
  let finished = false;
  // The loop is typed for any agent; these events come from this agent's tools.
  const events = observe(
    agent.events,
    runLoop(agent, input, loopOptions, true),
    loopOptions.onEvent,
  ) as AsyncGenerator<AgentEvent<Tools>, RunResult<unknown>>;
  try {
    for (;;) {
      let step = await events.next();
      // The loop returns its result right after `run-end`: take it before handing `run-end` out, so
      // a consumer that stops reading at `run-end` still gets the result (the turn is committed by then).
      const ended = !step.done && step.value.type === 'run-end' ? step.value : undefined;
      if (ended) step = await events.next();
      if (step.done) {
        finished = true;
        settle.resolve(step.value as RunResult<Output, Tools>);
        if (ended) yield ended;
        return;
      }
      if (ended) yield ended;
      yield step.value;
    }
  } catch (error) {
    finished = true;
    settle.reject(error);
    throw error;
  } finally {
    if (!finished) {
      settle.reject(new AbortError('The stream consumer stopped reading before the run ended.'));
      await events.return(undefined as never);
    }
  }
}
