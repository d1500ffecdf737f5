import { ToolBudgetError } from '../errors.js';
import type { AgentEvent } from '../events.js';
import { conversationOf, lastAssistantText, partialResult, spendToolBudget } from '../progress.js';
import { stepEndEvent } from '../run-events.js';
import { toolStep } from '../tool-step.js';
import type { ApprovalDecision } from '../types.js';
import type { ActiveRun, CallingStep, Next } from './phases.js';

/**
 * The tool phase: runs the step's calls (see `toolStep`), adds their results to the conversation and ends
 * the step. Then the run stops (a tool with `endsRun`, or `stopWhen`), fails (the tool error budget is
 * spent), or goes back to the model phase.
 */
export async function* toolPhase(
  run: ActiveRun,
  step: CallingStep,
  decisions: ReadonlyMap<string, ApprovalDecision>,
): AsyncGenerator<AgentEvent, Next> {
  const { agent, progress, options, base } = run;
  const { record } = step;
  const toolClock = performance.now();
  const outcome = yield* toolStep({
    agent,
    calls: step.calls,
    decisions,
    signal: run.signal,
    sessionId: progress.sessionId,
    context: options.context,
    runId: base.runId,
    step: record.index,
    scope: run.scope,
  });
  progress.newMessages.push(...outcome.messages);
  record.toolCalls = outcome.records;
  record.durationMs += performance.now() - toolClock;
  yield stepEndEvent(base, record);
  if (spendToolBudget(agent, progress, outcome.failed)) {
    const lastError = outcome.records.filter((call) => call.isError).at(-1)?.result ?? '';
    throw new ToolBudgetError({ ...progress.failures }, lastError, partialResult(progress));
  }
  if (outcome.endedWith !== undefined) {
    return { phase: 'finish', ending: { status: 'stopped', stopReason: 'tool', text: outcome.endedWith } };
  }
  if (options.stopWhen?.({ step: record, steps: progress.steps, messages: conversationOf(progress) })) {
    const text = lastAssistantText(progress.newMessages);
    return { phase: 'finish', ending: { status: 'stopped', stopReason: 'stop-when', text } };
  }
  return { phase: 'model' };
}
