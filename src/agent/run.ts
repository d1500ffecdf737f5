import type { ToolSet, ToolSetContext } from '../tools/types.js';
import type { Agent } from './agent.js';
import { type LoopOptions, runLoop } from './loop/index.js';
import { notify } from './observe.js';
import type { RunInput, RunOptions, RunResult } from './types.js';

/** The options argument of `run()` and `stream()`: optional unless the tools declare a context type. */
export type RunOptionsArgument<Tools extends ToolSet> =
  unknown extends ToolSetContext<Tools>
    ? [options?: RunOptions<Tools, ToolSetContext<Tools>>]
    : [options: RunOptions<Tools, ToolSetContext<Tools>>];

/**
 * Runs an agent to the end of the turn: model calls and tool calls until a final answer, a stop condition,
 * or a pause for approvals. Uses complete (non-streamed) model answers; events still go to `agent.events` and
 * to `options.onEvent` (this run's events only).
 * Rejects with `MaxStepsError`, `ToolBudgetError`, `OutputParseError`, `AbortError`, or the model's error.
 * @example
 * const result = await run(agent, 'What is 2 + 3?');
 * if (result.status === 'complete') console.log(result.output);
 */
export async function run<Tools extends ToolSet, Output>(
  agent: Agent<Tools, Output>,
  input: RunInput,
  ...[options]: RunOptionsArgument<Tools>
): Promise<RunResult<Output, Tools>> {
  // The same loop as stream(), drained here; events only go to the agent's and the run's listeners.
  const loopOptions = (options ?? {}) as LoopOptions;
  const events = runLoop(agent, input, loopOptions, false);
  const { onEvent } = loopOptions;
  for (;;) {
    const next = await events.next();
    if (next.done) return next.value as RunResult<Output, Tools>;
    notify(agent.events, next.value, onEvent);
  }
}
