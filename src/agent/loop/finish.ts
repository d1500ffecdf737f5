import { AbortError, abortErrorFrom } from '../../errors.js';
import type { AgentEvent } from '../events.js';
import { commitTurn, partialResult, pausedState } from '../progress.js';
import { runEndEvent } from '../run-events.js';
import type { RunResult } from '../types.js';
import type { ActiveRun, Ending, Failure } from './phases.js';
import type { RunFrame } from './run-frame.js';

/**
 * The finish phase, the only place a run ends. A complete or stopped run commits its turn to the session,
 * then every ending that has a result builds it here and emits `run-end` right before returning it; a
 * failed or aborted run emits `run-error` and throws its error (nothing is committed).
 */
export function finish(run: ActiveRun, ending: Ending): AsyncGenerator<AgentEvent, RunResult<unknown>>;
export function finish(run: RunFrame, ending: Failure): AsyncGenerator<AgentEvent, never>;
export async function* finish(
  run: RunFrame | ActiveRun,
  ending: Ending,
): AsyncGenerator<AgentEvent, RunResult<unknown>> {
  if (ending.status === 'failed' || ending.status === 'aborted') {
    run.settle();
    const { error } = ending;
    yield {
      type: 'run-error',
      ...run.base,
      error: error instanceof Error ? error : new Error(String(error)),
    };
    throw error;
  }
  const { progress } = run as ActiveRun;
  if (ending.status !== 'paused' && progress.sessionId !== undefined) {
    await commitTurn(run.agent, progress, run.signal);
  }
  const result = resultOf(run as ActiveRun, ending);
  run.settle();
  yield runEndEvent(run.base, result, run.clock);
  return result;
}

/**
 * What a thrown error ends the run as: `aborted` (with the signal's `AbortError`, whatever the aborted
 * work threw) once the run's signal fired, `failed` otherwise.
 */
export function failureOf(run: RunFrame, error: unknown): Failure {
  const { signal } = run;
  if (!signal.aborted) return { status: 'failed', error };
  return { status: 'aborted', error: error instanceof AbortError ? error : abortErrorFrom(signal) };
}

function resultOf(run: ActiveRun, ending: Exclude<Ending, Failure>): RunResult<unknown> {
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
