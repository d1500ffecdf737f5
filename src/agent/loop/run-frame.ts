import { AbortError, UserInputError } from '../../errors.js';
import type { ToolSet } from '../../tools/types.js';
import type { Agent } from '../agent.js';
import { isResumeInput } from '../input.js';
import { newRunId } from '../run-id.js';
import type { BaseRunOptions, RunInput } from '../types.js';

/** Run options as the loop sees them (the user context is opaque here). */
export type LoopOptions = BaseRunOptions & { context?: unknown };

/** What every phase of a run shares from its first moment, before anything was loaded. */
export interface RunFrame {
  agent: Agent<ToolSet, unknown>;
  options: LoopOptions;
  /** `stream()` streams the model's answers; `run()` asks for complete ones. Both yield the same events. */
  streaming: boolean;
  /** What every event of the run carries. */
  base: { runId: string; agent: string };
  /** `performance.now()` when the run started, for `run-end`'s duration. */
  clock: number;
  /** The run's own signal: follows the caller's, and aborts when a stream consumer stops reading early. */
  signal: AbortSignal;
  /** Marks the run as ended, so closing it no longer aborts anything. */
  settle(): void;
  /** Detaches from the caller's signal, and stops the work still running when the run never ended. */
  close(): void;
}

/**
 * Opens a run: its id (the paused run's when resuming), and its own signal following the caller's, so a
 * consumer that stops reading stops the model call and tools still running. Throws a `UserInputError` for
 * an unusable `runId` option.
 */
export function openRun(
  agent: Agent<ToolSet, unknown>,
  input: RunInput,
  options: LoopOptions,
  streaming: boolean,
): RunFrame {
  const resumedId = isResumeInput(input) ? input.resume.runId : undefined;
  const base = { runId: resumedId ?? checkedRunId(options.runId), agent: agent.name };
  const external = options.signal;
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(external?.reason);
  if (external?.aborted) forwardAbort();
  else external?.addEventListener('abort', forwardAbort, { once: true });
  let settled = false;
  return {
    agent,
    options,
    streaming,
    base,
    clock: performance.now(),
    signal: controller.signal,
    settle: () => {
      settled = true;
    },
    close: () => {
      external?.removeEventListener('abort', forwardAbort);
      // A consumer that stopped iterating early: stop the tools and model call still running.
      if (!settled) controller.abort(new AbortError('The stream consumer stopped reading.'));
    },
  };
}

/** The `runId` option when it is a usable id, a random UUID when absent; a `UserInputError` otherwise. */
function checkedRunId(runId: unknown): string {
  if (runId === undefined) return newRunId();
  if (typeof runId === 'string' && runId.length > 0 && runId.length <= 200) return runId;
  throw new UserInputError('invalid-input', `Run option runId ${JSON.stringify(runId)} is not a usable id.`, {
    path: 'runId',
    hint: 'Pass a non-empty string of at most 200 characters, or omit it for a random id.',
  });
}
