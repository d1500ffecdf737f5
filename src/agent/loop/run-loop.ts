import type { ToolSet } from '../../tools/types.js';
import type { Agent } from '../agent.js';
import type { AgentEvent } from '../events.js';
import type { RunInput, RunResult } from '../types.js';
import { approvalPhase } from './approval-phase.js';
import { fail, finish } from './finish.js';
import { modelPhase } from './model-phase.js';
import type { Next } from './phases.js';
import { type LoopOptions, openRun } from './run-frame.js';
import { start } from './start.js';
import { toolPhase } from './tool-phase.js';

/**
 * The agent loop, as an async generator of events that returns the run's result. `run()` drains it and
 * `stream()` hands it to the caller; nothing else runs a model step. A run is a sequence of phases: start,
 * then model phase -> approval pause -> tool phase until one of them says finish. A resumed run starts
 * at the approval pause of the step it paused in. See docs/events.md for the order of events and
 * docs/agents-and-tools.md for the stop conditions.
 */
export async function* runLoop(
  agent: Agent<ToolSet, unknown>,
  input: RunInput,
  options: LoopOptions,
  streaming: boolean,
): AsyncGenerator<AgentEvent, RunResult<unknown>> {
  const frame = openRun(agent, input, options, streaming);
  try {
    const { run, next: first } = yield* start(frame, input);
    let next: Next = first;
    for (;;) {
      if (next.phase === 'model') next = yield* modelPhase(run);
      else if (next.phase === 'approval') next = yield* approvalPhase(run, next.step, next.resumed);
      else if (next.phase === 'tools') next = yield* toolPhase(run, next.step, next.decisions);
      else return yield* finish(run, next.ending);
    }
  } catch (error) {
    return yield* fail(frame, error);
  } finally {
    frame.close();
  }
}
