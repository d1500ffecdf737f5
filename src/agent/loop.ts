import { AbortError, abortErrorFrom, UserInputError } from '../errors.js';
import { abortable } from '../models/abortable.js';
import { messageText } from '../models/message-text.js';
import type { AssistantMeta, Message, ToolCall } from '../models/types.js';
import { type ParsedToolCall, parseToolArguments, type RejectedToolCall } from '../tools/parse-arguments.js';
import type { ToolSet } from '../tools/types.js';
import type { Agent } from './agent.js';
import {
  type ApprovalContextBase,
  checkResume,
  checkResumedCalls,
  findPendingApprovals,
} from './approvals.js';
import { deprecationWarning } from './deprecation.js';
import { MaxStepsError, OutputParseError, ToolBudgetError } from './errors.js';
import type { AgentEvent } from './events.js';
import { isResumeInput } from './input.js';
import { modelStep } from './model-step.js';
import { parseOutput } from './output.js';
import {
  commitTurn,
  conversationOf,
  lastAssistantText,
  partialResult,
  pausedState,
  type RunProgress,
  spendToolBudget,
  startProgress,
} from './progress.js';
import { runEndEvent, stepEndEvent } from './run-events.js';
import { newRunId } from './run-id.js';
import { selectModel } from './select-model.js';
import { laterStepSettings, mergeSettings, withPromptCacheKey } from './settings.js';
import { checkStepLimits } from './step-limits.js';
import { toolStep } from './tool-step.js';
import type { ApprovalDecision, BaseRunOptions, RunInput, RunResult, RunState, StepRecord } from './types.js';
import { withUniqueToolCallIds } from './unique-call-ids.js';
import { addUsage } from './usage.js';

/** Run options as the loop sees them (the user context is opaque here). */
export type LoopOptions = BaseRunOptions & { context?: unknown };

/** A step whose model call ended and whose tool calls are about to run (now, or after approvals). */
interface ToolPhase {
  record: StepRecord;
  calls: Array<ParsedToolCall | RejectedToolCall>;
  decisions: ReadonlyMap<string, ApprovalDecision>;
}

/**
 * The agent loop, as an async generator of events that returns the run's result. `run()` drains it and
 * `stream()` hands it to the caller; nothing else runs a model step. See docs/events.md for the order of
 * events and docs/agents-and-tools.md for the stop conditions.
 */
export async function* runLoop(
  agent: Agent<ToolSet, unknown>,
  input: RunInput,
  options: LoopOptions,
  streaming: boolean,
): AsyncGenerator<AgentEvent, RunResult<unknown>> {
  // The run's own signal exists only when the caller can abort: without one nothing can stop a model call
  // or a tool mid-way (a stream consumer that stops reading can only do so between events, and the model
  // stream is then closed through its iterator), and an AbortController per run is not free.
  const external = options.signal;
  const controller = external ? new AbortController() : undefined;
  const forwardAbort = () => controller?.abort(external?.reason);
  if (external?.aborted) forwardAbort();
  else external?.addEventListener('abort', forwardAbort, { once: true });
  const signal = controller?.signal;
  const resume = isResumeInput(input) ? input : undefined;
  const clock = performance.now();
  const base = { runId: resume?.resume.runId ?? checkedRunId(options.runId), agent: agent.name };
  let settled = false;
  try {
    const decisions = resume && checkResume(agent, resume.resume, resume.approvals, options.session);
    const { progress, inputMessages } = await startProgress(
      agent,
      input,
      resume,
      options.session,
      base.runId,
      signal,
    );
    const { sessionId } = progress;
    const maxSteps = options.maxSteps ?? agent.maxSteps;
    const settings = withPromptCacheKey(mergeSettings(agent, options.settings), agent.name, sessionId);
    const finish = (result: RunResult<unknown>): AgentEvent => {
      settled = true;
      return runEndEvent(base, result, clock);
    };

    yield { type: 'run-start', ...base, sessionId, input: inputMessages, resumed: resume !== undefined };
    const approvalBase = {
      signal: signal ?? new AbortController().signal,
      sessionId,
      context: options.context,
    };
    let phase =
      resume && decisions
        ? await resumedPhase(agent, progress, decisions, resume.resume, approvalBase)
        : undefined;
    const warnedModels = new Set<string>();
    // A substitution is a fact about the configuration: report each one once per run, not every step.
    const reportedSubstitutions = new Set<string>();
    for (;;) {
      if (phase === undefined) {
        if (signal?.aborted) throw abortErrorFrom(signal);
        if (progress.steps.length >= maxSteps) throw new MaxStepsError(maxSteps, partialResult(progress));
        const step = progress.steps.length + 1;
        const conversation = conversationOf(progress);
        const choice = selectModel(agent, conversation, progress.previous, signal);
        // A router may ignore its signal (a custom one, or a model listing on a dead network): race it.
        const selected = !(choice instanceof Promise)
          ? choice
          : signal
            ? await abortable(choice, signal, 'The run (choosing a route)')
            : await choice;
        if (selected.decision) {
          progress.previous = selected.decision;
          yield { type: 'route-select', ...base, step, decision: selected.decision };
        }
        const substitution = selected.substitution;
        if (substitution && !reportedSubstitutions.has(substitution.requested)) {
          reportedSubstitutions.add(substitution.requested);
          yield { type: 'model-substituted', ...base, step, substitution };
        }
        const route = selected.decision?.route;
        const stepClock = performance.now();
        const startedAt = Date.now();
        const baseSettings = step === 1 ? settings : laterStepSettings(settings);
        const stepSettings = selected.call?.settings
          ? { ...baseSettings, ...selected.call.settings }
          : baseSettings;
        const { id: requested, provider } = selected.model;
        yield {
          type: 'step-start',
          ...base,
          step,
          model: requested,
          provider,
          route,
          settings: stepSettings,
        };
        const response = yield* modelStep({
          agent,
          model: selected.model,
          contextWindow: selected.contextWindow,
          conversation,
          settings: stepSettings,
          ...(selected.call ? { call: selected.call } : {}),
          signal,
          streaming,
          runId: base.runId,
          step,
        });
        if (signal?.aborted) throw abortErrorFrom(signal);
        const model = response.meta.model || requested;
        yield {
          type: 'model-call-end',
          ...base,
          step,
          model,
          responseId: response.meta.id,
          finishReason: response.finishReason,
          usage: response.usage,
          toolCalls: response.message.toolCalls?.length ?? 0,
          durationMs: performance.now() - stepClock,
        };
        const warning = response.meta.deprecation
          ? deprecationWarning(agent, model, response.meta.deprecation, warnedModels)
          : undefined;
        if (warning) yield { type: 'model-deprecated', ...base, step, warning };
        // The route and model go into the message, so a stored history keeps follow-ups on their route.
        const meta: AssistantMeta = { ...response.message.meta, model };
        if (route !== undefined) meta.route = route;
        const message = withUniqueToolCallIds({ ...response.message, meta }, [
          ...progress.history,
          ...progress.newMessages,
        ]);
        progress.newMessages.push(message);
        addUsage(progress.usage, model, response.usage, agent.prices);
        const record: StepRecord = {
          index: step,
          model,
          ...(route !== undefined ? { route } : {}),
          text: messageText(message),
          toolCalls: [],
          finishReason: response.finishReason,
          usage: response.usage,
          startedAt,
          durationMs: performance.now() - stepClock,
        };
        progress.steps.push(record);

        if (!message.toolCalls?.length) {
          yield stepEndEvent(base, record);
          const output =
            agent.output === undefined ? record.text : await finalOutput(agent, record.text, progress);
          if (progress.sessionId !== undefined) await commitTurn(agent, progress, signal);
          const result: RunResult<unknown> = {
            ...partialResult(progress),
            status: 'complete',
            stopReason: 'final-answer',
            output,
          };
          yield finish(result);
          return result;
        }
        checkStepLimits(agent, message.toolCalls, () => partialResult(progress));
        const calls = await parseCalls(agent, message.toolCalls);
        const pending = calls.some((call) => call.ok && call.tool.needsApproval)
          ? await findPendingApprovals(agent, calls, approvalBase)
          : [];
        if (pending.length > 0) {
          for (const request of pending) yield { type: 'tool-approval-request', ...base, step, ...request };
          const result: RunResult<unknown> = {
            ...partialResult(progress),
            status: 'pending-approval',
            stopReason: 'approval',
            output: undefined,
            pendingApprovals: pending,
            state: pausedState(agent.name, progress, pending),
          };
          yield finish(result);
          return result;
        }
        phase = { record, calls, decisions: new Map() };
      }

      const { record } = phase;
      const toolClock = performance.now();
      const outcome = yield* toolStep({
        agent,
        calls: phase.calls,
        decisions: phase.decisions,
        signal,
        sessionId,
        context: options.context,
        runId: base.runId,
        step: record.index,
      });
      phase = undefined;
      progress.newMessages.push(...outcome.messages);
      record.toolCalls = outcome.records;
      record.durationMs += performance.now() - toolClock;
      yield stepEndEvent(base, record);
      if (spendToolBudget(agent, progress, outcome.failed)) {
        const lastError = outcome.records.filter((call) => call.isError).at(-1)?.result ?? '';
        throw new ToolBudgetError({ ...progress.failures }, lastError, partialResult(progress));
      }
      const stopReason =
        outcome.endedWith !== undefined
          ? 'tool'
          : options.stopWhen?.({ step: record, steps: progress.steps, messages: conversationOf(progress) })
            ? 'stop-when'
            : undefined;
      if (stopReason !== undefined) {
        await commitTurn(agent, progress, signal);
        const result: RunResult<unknown> = {
          ...partialResult(progress),
          text: outcome.endedWith ?? lastAssistantText(progress.newMessages),
          status: 'stopped',
          stopReason,
          output: undefined,
        };
        yield finish(result);
        return result;
      }
    }
  } catch (error) {
    settled = true;
    const failure = signal?.aborted && !(error instanceof AbortError) ? abortErrorFrom(signal) : error;
    yield {
      type: 'run-error',
      ...base,
      error: failure instanceof Error ? failure : new Error(String(failure)),
    };
    throw failure;
  } finally {
    external?.removeEventListener('abort', forwardAbort);
    // A consumer that stopped iterating early: stop the tools and model call still running.
    if (!settled) controller?.abort(new AbortError('The stream consumer stopped reading.'));
  }
}

/** The final answer as the agent's output: the text, or the text parsed with the output schema. */
async function finalOutput(
  agent: Agent<ToolSet, unknown>,
  text: string,
  progress: RunProgress,
): Promise<unknown> {
  if (agent.output === undefined) return text;
  const parsed = await parseOutput(agent.output, text);
  if (!parsed.ok) throw new OutputParseError(text, parsed.issues, partialResult(progress));
  return parsed.value;
}

/** The tool phase of the step a resumed run paused in, once its calls are proven to be the ones shown. */
async function resumedPhase(
  agent: Agent<ToolSet, unknown>,
  progress: RunProgress,
  decisions: ReadonlyMap<string, ApprovalDecision>,
  state: RunState,
  approvalBase: ApprovalContextBase,
): Promise<ToolPhase> {
  const last: Message | undefined = progress.newMessages.at(-1);
  const record = progress.steps.at(-1);
  if (last?.role !== 'assistant' || !last.toolCalls?.length || record === undefined) {
    throw new UserInputError('invalid-input', 'The resume state does not end with a tool-call step.', {
      path: 'resume',
      hint: 'Pass result.state from a run whose status was pending-approval, unchanged.',
    });
  }
  const calls = await parseCalls(agent, last.toolCalls);
  await checkResumedCalls(agent, state, calls, decisions, approvalBase);
  return { record, calls, decisions };
}

/** Checks each call's tool and arguments, in call order. */
async function parseCalls(
  agent: Agent<ToolSet, unknown>,
  toolCalls: readonly ToolCall[],
): Promise<Array<ParsedToolCall | RejectedToolCall>> {
  const calls: Array<ParsedToolCall | RejectedToolCall> = [];
  for (const call of toolCalls) calls.push(await parseToolArguments(call, agent.tools));
  return calls;
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
