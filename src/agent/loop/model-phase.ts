import { abortErrorFrom } from '../../errors.js';
import type { ToolSet } from '../../tools/types.js';
import type { Agent } from '../agent.js';
import { deprecationWarning } from '../deprecation.js';
import { MaxStepsError, OutputParseError } from '../errors.js';
import type { AgentEvent } from '../events.js';
import { modelStep } from '../model-step.js';
import { parseOutput } from '../output.js';
import { conversationOf, partialResult, type RunProgress } from '../progress.js';
import { stepEndEvent } from '../run-events.js';
import { checkStepLimits } from '../step-limits.js';
import { chooseModel } from './choose-model.js';
import { finalAnswerOf } from './final-answer.js';
import { parseCalls } from './parse-calls.js';
import type { ActiveRun, Next } from './phases.js';
import { recordStep } from './record-step.js';

/**
 * The model phase: one step's model call, from choosing the model to recording its reply. A reply without
 * tool calls is the final answer (parsed with the agent's output schema) and finishes the run, and so does
 * a reply with a valid call of the output tool (see `finalAnswerOf`); one with other calls goes to the
 * approval phase, once the calls are within the step limits and checked against the tools. Fails with `MaxStepsError` when the run has no step left.
 */
export async function* modelPhase(run: ActiveRun): AsyncGenerator<AgentEvent, Next> {
  const { agent, progress, base, signal } = run;
  if (signal?.aborted) throw abortErrorFrom(signal);
  if (progress.steps.length >= run.maxSteps) throw new MaxStepsError(run.maxSteps, partialResult(progress));
  const step = progress.steps.length + 1;
  const conversation = conversationOf(progress);
  const selected = yield* chooseModel(run, step, conversation);
  const route = selected.decision?.route;
  const clock = performance.now();
  const startedAt = Date.now();
  const { id: requested, provider, server } = selected.model;
  const { settings } = selected;
  yield { type: 'step-start', ...base, step, model: requested, provider, server, route, settings };
  const response = yield* modelStep({
    agent,
    model: selected.model,
    contextWindow: selected.contextWindow,
    conversation,
    settings,
    ...(selected.call ? { call: selected.call } : {}),
    signal,
    streaming: run.streaming,
    runId: base.runId,
    step,
    scope: run.scope,
    modelIdleTimeoutMs: run.modelIdleTimeoutMs,
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
    durationMs: performance.now() - clock,
  };
  const warning = response.meta.deprecation
    ? deprecationWarning(agent, model, response.meta.deprecation, run.warnedModels)
    : undefined;
  if (warning) yield { type: 'model-deprecated', ...base, step, warning };
  const { record, message } = recordStep(run, response, { step, model, route, startedAt, clock });
  if (!message.toolCalls?.length) {
    yield stepEndEvent(base, record);
    const output = await finalOutput(agent, record.text, progress);
    return { phase: 'finish', ending: { status: 'complete', output } };
  }
  checkStepLimits(agent, message.toolCalls, () => partialResult(progress));
  const answer = await finalAnswerOf(run, record, message.toolCalls);
  if (answer) {
    yield stepEndEvent(base, record);
    return { phase: 'finish', ending: { status: 'complete', ...answer } };
  }
  return { phase: 'approval', step: { record, calls: await parseCalls(agent, message.toolCalls) } };
}

/**
 * The final answer as the agent's output: the text, or the text parsed with the output schema (also for an
 * agent with an output tool whose model answered in text anyway, e.g. a server that ignores `tool_choice`).
 */
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
