import { AbortError, abortErrorFrom } from '../../errors.js';
import type { AgentEvent } from '../events.js';
import { commitTurn, partialResult, pausedState } from '../progress.js';
import { runEndEvent } from '../run-events.js';
import type { RunResult } from '../types.js';
import type { ActiveRun, Ending } from './phases.js';
import type { RunFrame } from './run-frame.js';

/**
 * The finish phase, one of the two places a run ends (the other is {@link fail}). A complete or stopped run
 * commits its turn to the session; every ending builds its result here and emits `run-end` right before
 * returning it.
 */
export async function* finish(
  run: ActiveRun,
  ending: Ending,
): AsyncGenerator<AgentEvent, RunResult<unknown>> {
  const { progress } = run;
  if (ending.status !== 'paused' && progress.sessionId !== undefined) {
    const runner = run.scope?.({ type: 'run-work', ...run.base, work: 'session-save' });
    await commitTurn(run.agent, progress, run.signal, runner);
  }
  const result = resultOf(run, ending);
  run.settle();
  yield runEndEvent(run.base, result, run.clock);
  return result;
}

/**
 * How a run that threw ends: it emits `run-error` and throws. Nothing is committed. The error is the
 * signal's `AbortError` once the run's signal fired (whatever the aborted work threw), else what was thrown.
 */
export async function* fail(run: RunFrame, thrown: unknown): AsyncGenerator<AgentEvent, never> {
  run.settle();
  const { signal } = run;
  const error = !signal.aborted || thrown instanceof AbortError ? thrown : abortErrorFrom(signal);
  yield {
    type: 'run-error',
    ...run.base,
    error: error instanceof Error ? error : new Error(String(error)),
  };
  throw error;
}

function resultOf(run: ActiveRun, ending: Ending): RunResult<unknown> {
  const { progress } = run;
  switch (ending.status) {
    case 'complete':
      return {
        ...partialResult(progress),
        ...(ending.text === undefined ? {} : { text: ending.text }),
        status: 'complete',
        stopReason: 'final-answer',
        output: ending.output,
      };
    case 'stopped':
      return {
        ...partialResult(progress),
        text: ending.text,
        status: 'stopped',
        stopReason: ending.stopReason,
        output: undefined,
      };
    case 'paused':
      return {
        ...partialResult(progress),
        status: 'pending-approval',
        stopReason: 'approval',
        output: undefined,
        pendingApprovals: ending.pending,
        state: pausedState(run.agent.name, progress, ending.pending),
      };
  }
}
