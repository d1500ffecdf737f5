import type { AgentEvent } from './events.js';
import type { RunResult, StepRecord } from './types.js';

/** The `step-end` event of a step record. */
export function stepEndEvent(base: { runId: string; agent: string }, record: StepRecord): AgentEvent {
  return {
    type: 'step-end',
    ...base,
    step: record.index,
    model: record.model,
    route: record.route,
    finishReason: record.finishReason,
    usage: record.usage,
    toolCalls: record.toolCalls.length,
    durationMs: record.durationMs,
  };
}

/** The `run-end` event of a result; `clock` is the `performance.now()` the run started at. */
export function runEndEvent(
  base: { runId: string; agent: string },
  result: RunResult<unknown>,
  clock: number,
): AgentEvent {
  return {
    type: 'run-end',
    ...base,
    status: result.status,
    stopReason: result.stopReason,
    text: result.text,
    usage: result.usage,
    steps: result.steps.length,
    durationMs: performance.now() - clock,
  };
}
