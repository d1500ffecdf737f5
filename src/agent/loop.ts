import { AbortError, abortErrorFrom, UserInputError } from '../errors.js';
import { messageText } from '../models/message-text.js';
import type { AssistantMessage, Message, ModelSettings } from '../models/types.js';
import type { RouteDecision } from '../routing/types.js';
import { type ParsedToolCall, parseToolArguments, type RejectedToolCall } from '../tools/parse-arguments.js';
import type { ToolSet } from '../tools/types.js';
import type { Agent } from './agent.js';
import { checkResume, findPendingApprovals } from './approvals.js';
import { MaxStepsError, OutputParseError, ToolBudgetError } from './errors.js';
import type { AgentEvent } from './events.js';
import { isResumeInput, toInputMessages } from './input.js';
import { modelStep } from './model-step.js';
import { parseOutput } from './output.js';
import { selectModel } from './select-model.js';
import { toolStep } from './tool-step.js';
import type {
  ApprovalDecision,
  BaseRunOptions,
  PartialRunResult,
  ResumeInput,
  RunInput,
  RunResult,
  RunState,
  StepRecord,
  UsageSummary,
} from './types.js';
import { addUsage, emptyUsageSummary } from './usage.js';

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
  const controller = new AbortController();
  const external = options.signal;
  const forwardAbort = () => controller.abort(external?.reason);
  if (external?.aborted) controller.abort(external.reason);
  else external?.addEventListener('abort', forwardAbort, { once: true });
  const signal = controller.signal;
  const resume = isResumeInput(input) ? input : undefined;
  const runId = resume?.resume.runId ?? crypto.randomUUID();
  const base = { runId, agent: agent.name };
  const clock = performance.now();
  let settled = false;
  try {
    const decisions = resume
      ? checkResume(agent, resume.resume, resume.approvals, options.session)
      : undefined;
    const sessionId = resume ? resume.resume.sessionId : options.session;
    if (sessionId !== undefined && agent.memory === undefined) {
      throw new UserInputError(
        'invalid-input',
        `Run option session "${sessionId}" needs a memory store, but agent "${agent.name}" has none.`,
        {
          path: 'session',
          hint: 'Pass memory: new InMemoryStore() (or a JsonlFileStore) to defineAgent, or omit session.',
        },
      );
    }
    const inputMessages = resume ? [] : toInputMessages(input as Exclude<RunInput, ResumeInput>);
    const history: Message[] =
      sessionId !== undefined ? await agent.memory!.load(sessionId) : (resume?.resume.history ?? []);
    const newMessages: Message[] = resume ? [...resume.resume.newMessages] : inputMessages;
    const steps: StepRecord[] = resume
      ? resume.resume.steps.map((step) => ({ ...step, toolCalls: [...step.toolCalls] }))
      : [];
    const usage: UsageSummary = resume ? structuredClone(resume.resume.usage) : emptyUsageSummary();
    const failures = resume ? { ...resume.resume.toolFailures } : { consecutive: 0, total: 0 };
    let previous: RouteDecision | undefined = resume?.resume.previousDecision;
    const startedAt = resume?.resume.startedAt ?? Date.now();
    const maxSteps = options.maxSteps ?? agent.maxSteps;
    const settings = mergeSettings(agent, options);
    const toolContext = { signal, sessionId, context: options.context };

    const partial = (): PartialRunResult => ({
      runId,
      text: lastAssistantText(newMessages),
      messages: [...history, ...newMessages],
      newMessages,
      steps,
      usage,
    });
    const commit = async (): Promise<void> => {
      if (sessionId !== undefined) await agent.memory!.append(sessionId, newMessages);
    };

    yield { type: 'run-start', ...base, sessionId, input: inputMessages, resumed: resume !== undefined };
    let phase: ToolPhase | undefined = resume
      ? await resumedPhase(agent, newMessages, steps, decisions!)
      : undefined;
    for (;;) {
      if (phase === undefined) {
        if (signal.aborted) throw abortErrorFrom(signal);
        if (steps.length >= maxSteps) throw new MaxStepsError(maxSteps, partial());
        const step = steps.length + 1;
        const conversation = [...history, ...newMessages];
        const selected = await selectModel(agent, conversation, previous, signal);
        if (selected.decision) {
          previous = selected.decision;
          yield { type: 'route-select', ...base, step, decision: selected.decision };
        }
        if (selected.substitution) {
          yield { type: 'model-substituted', ...base, step, substitution: selected.substitution };
        }
        const route = selected.decision?.route;
        const stepClock = performance.now();
        const stepStartedAt = new Date().toISOString();
        yield { type: 'step-start', ...base, step, model: selected.model.id, route };
        const response = yield* modelStep({
          agent,
          model: selected.model,
          contextWindow: selected.contextWindow,
          conversation,
          settings: step === 1 ? settings : laterStepSettings(settings),
          // Only a caller's signal can abort a model call: a stream consumer that stops reading closes the
          // model stream through the iterator itself. Passing no signal otherwise spares the adapter from
          // combining signals on every call, which is a measurable share of the loop's cost.
          signal: external ? signal : undefined,
          streaming,
          runId,
          step,
        });
        if (signal.aborted) throw abortErrorFrom(signal);
        const modelId = response.meta.model || selected.model.id;
        const message: AssistantMessage = {
          ...response.message,
          meta: { ...response.message.meta, model: modelId, ...(route !== undefined ? { route } : {}) },
        };
        newMessages.push(message);
        addUsage(usage, modelId, response.usage);
        const record: StepRecord = {
          index: step,
          model: modelId,
          ...(route !== undefined ? { route } : {}),
          text: messageText(message),
          toolCalls: [],
          finishReason: response.finishReason,
          usage: response.usage,
          startedAt: stepStartedAt,
          durationMs: performance.now() - stepClock,
        };
        steps.push(record);
        const calls = message.toolCalls ?? [];
        if (calls.length === 0) {
          yield stepEnd(base, record);
          let output: unknown = record.text;
          if (agent.output !== undefined) {
            const parsed = await parseOutput(agent.output, record.text);
            if (!parsed.ok) throw new OutputParseError(record.text, parsed.issues, partial());
            output = parsed.value;
          }
          await commit();
          const result: RunResult<unknown> = {
            ...partial(),
            status: 'complete',
            stopReason: 'final-answer',
            output,
          };
          settled = true;
          yield runEnd(base, result, clock);
          return result;
        }
        const parsedCalls = await Promise.all(calls.map((call) => parseToolArguments(call, agent.tools)));
        const pending = await findPendingApprovals(agent, parsedCalls, toolContext);
        if (pending.length > 0) {
          for (const request of pending) yield { type: 'tool-approval-request', ...base, step, ...request };
          const state: RunState = {
            version: 1,
            agent: agent.name,
            runId,
            ...(sessionId !== undefined ? { sessionId } : {}),
            history: sessionId !== undefined ? [] : history,
            newMessages,
            steps,
            usage,
            toolFailures: failures,
            pendingApprovals: pending,
            ...(previous ? { previousDecision: previous } : {}),
            startedAt,
          };
          const result: RunResult<unknown> = {
            ...partial(),
            status: 'pending-approval',
            stopReason: 'approval',
            output: undefined,
            pendingApprovals: pending,
            state,
          };
          settled = true;
          yield runEnd(base, result, clock);
          return result;
        }
        phase = { record, calls: parsedCalls, decisions: new Map() };
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
        runId,
        step: record.index,
      });
      phase = undefined;
      newMessages.push(...outcome.messages);
      record.toolCalls = outcome.records;
      record.durationMs += performance.now() - toolClock;
      yield stepEnd(base, record);
      for (const failed of outcome.failed) {
        if (failed) {
          failures.consecutive++;
          failures.total++;
        } else failures.consecutive = 0;
      }
      if (
        failures.consecutive >= agent.toolErrorBudget.consecutive ||
        failures.total >= agent.toolErrorBudget.total
      ) {
        const lastError = outcome.records.filter((call) => call.isError).at(-1)?.result ?? '';
        throw new ToolBudgetError({ ...failures }, lastError, partial());
      }
      const stopReason =
        outcome.endedWith !== undefined
          ? 'tool'
          : options.stopWhen?.({ step: record, steps, messages: [...history, ...newMessages] })
            ? 'stop-when'
            : undefined;
      if (stopReason !== undefined) {
        await commit();
        const text = outcome.endedWith ?? lastAssistantText(newMessages);
        const result: RunResult<unknown> = {
          ...partial(),
          text,
          status: 'complete',
          stopReason,
          output: undefined,
        };
        settled = true;
        yield runEnd(base, result, clock);
        return result;
      }
    }
  } catch (error) {
    settled = true;
    const failure = signal.aborted && !(error instanceof AbortError) ? abortErrorFrom(signal) : error;
    yield {
      type: 'run-error',
      ...base,
      error: failure instanceof Error ? failure : new Error(String(failure)),
    };
    throw failure;
  } finally {
    external?.removeEventListener('abort', forwardAbort);
    // A consumer that stopped iterating early: stop the tools and model call still running.
    if (!settled) controller.abort(new AbortError('The stream consumer stopped reading.'));
  }
}

/** The tool phase of the step a resumed run paused in. */
async function resumedPhase(
  agent: Agent<ToolSet, unknown>,
  newMessages: readonly Message[],
  steps: StepRecord[],
  decisions: ReadonlyMap<string, ApprovalDecision>,
): Promise<ToolPhase> {
  const last = newMessages.at(-1);
  const record = steps.at(-1);
  if (last?.role !== 'assistant' || !last.toolCalls?.length || record === undefined) {
    throw new UserInputError('invalid-input', 'The resume state does not end with a tool-call step.', {
      path: 'resume',
      hint: 'Pass result.state from a run whose status was pending-approval, unchanged.',
    });
  }
  const calls = await Promise.all(last.toolCalls.map((call) => parseToolArguments(call, agent.tools)));
  return { record, calls, decisions };
}

function mergeSettings(agent: Agent<ToolSet, unknown>, options: LoopOptions): ModelSettings {
  const settings: ModelSettings = { ...agent.settings };
  for (const [key, value] of Object.entries(options.settings ?? {})) {
    if (value !== undefined) (settings as Record<string, unknown>)[key] = value;
  }
  if (agent.responseFormat) settings.responseFormat = agent.responseFormat;
  return settings;
}

// A forced tool choice ('any', 'required', or one tool) applies to the first call only: forcing it on every
// call would make the model call tools until maxSteps instead of answering.
function laterStepSettings(settings: ModelSettings): ModelSettings {
  const choice = settings.toolChoice;
  if (choice === undefined || choice === 'auto' || choice === 'none') return settings;
  return { ...settings, toolChoice: 'auto' };
}

function lastAssistantText(messages: readonly Message[]): string {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index]!;
    if (message.role === 'assistant') return messageText(message);
  }
  return '';
}

function stepEnd(base: { runId: string; agent: string }, record: StepRecord): AgentEvent {
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

function runEnd(
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
