import { UserInputError } from '../../errors.js';
import { checkResume } from '../approvals.js';
import { callScopeOf } from '../call-scope.js';
import type { AgentEvent } from '../events.js';
import { isResumeInput } from '../input.js';
import { idleTimeout, positiveInteger } from '../option-checks.js';
import { openProgress, startProgress } from '../progress.js';
import { mergeSettings, withPromptCacheKey } from '../settings.js';
import type { ApprovalDecision, ResumeInput, RunInput } from '../types.js';
import { parseCalls } from './parse-calls.js';
import type { ActiveRun, Next } from './phases.js';
import type { RunFrame } from './run-frame.js';

/** Where a bad run option was given, for its error. */
const RUN_OPTIONS = 'run options';

/**
 * The start phase: checks a resume request, the run options and the input, emits `run-start`, loads the
 * session (or the paused state; in the run's `run-work` scope), and says where the run goes first: a fresh
 * run to the model phase, a resumed one back to the approval phase of the step it paused in, with the
 * decisions it brought.
 */
export async function* start(
  frame: RunFrame,
  input: RunInput,
): AsyncGenerator<AgentEvent, { run: ActiveRun; next: Next }> {
  const { agent, options, base } = frame;
  const resume = isResumeInput(input) ? input : undefined;
  const decisions = resume && checkResume(agent, resume.resume, resume.approvals, options.session);
  const maxSteps = positiveInteger(options.maxSteps, agent.maxSteps, 'maxSteps', RUN_OPTIONS);
  const modelIdleTimeoutMs = idleTimeout(options.modelIdleTimeoutMs, agent.modelIdleTimeoutMs, RUN_OPTIONS);
  const opening = openProgress(agent, input, resume, options.session);
  const { sessionId } = opening;
  yield {
    type: 'run-start',
    ...base,
    sessionId,
    input: opening.inputMessages,
    resumed: resume !== undefined,
  };
  // Read once the run started: listeners added later do not scope this run's calls.
  const scope = callScopeOf(agent, options.onEvent as ((event: AgentEvent) => void) | undefined);
  const runner =
    sessionId !== undefined ? scope?.({ type: 'run-work', ...base, work: 'session-load' }) : undefined;
  const progress = await startProgress(agent, opening, resume, base.runId, frame.signal, runner);
  const run: ActiveRun = {
    ...frame,
    progress,
    settings: withPromptCacheKey(mergeSettings(agent, options.settings), agent.name, sessionId),
    maxSteps,
    modelIdleTimeoutMs,
    approvalBase: {
      signal: frame.signal,
      sessionId,
      context: options.context,
    },
    warnedModels: new Set(),
    reportedSubstitutions: new Set(),
    scope,
  };
  const next: Next = resume && decisions ? await pausedStep(run, resume, decisions) : { phase: 'model' };
  return { run, next };
}

/** The step a resumed run paused in, going back to its approval phase with the decisions. */
async function pausedStep(
  run: ActiveRun,
  resume: ResumeInput,
  decisions: ReadonlyMap<string, ApprovalDecision>,
): Promise<Next> {
  const last = run.progress.newMessages.at(-1);
  const record = run.progress.steps.at(-1);
  if (last?.role !== 'assistant' || !last.toolCalls?.length || record === undefined) {
    throw new UserInputError('invalid-input', 'The resume state does not end with a tool-call step.', {
      path: 'resume',
      hint: 'Pass result.state from a run whose status was pending-approval, unchanged.',
    });
  }
  const calls = await parseCalls(run.agent, last.toolCalls);
  return { phase: 'approval', step: { record, calls }, resumed: { decisions, state: resume.resume } };
}
