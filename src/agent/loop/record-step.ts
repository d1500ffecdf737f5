import { messageText } from '../../models/message-text.js';
import type { AssistantMessage, AssistantMeta, ModelResponse } from '../../models/types.js';
import type { StepRecord } from '../types.js';
import { withUniqueToolCallIds } from '../unique-call-ids.js';
import { addUsage } from '../usage.js';
import type { ActiveRun } from './phases.js';

/** What the model phase knows about a step besides the response. */
export interface StepFacts {
  step: number;
  /** The model that answered (the response's id, else the requested one). */
  model: string;
  route: StepRecord['route'];
  /** `Date.now()` and `performance.now()` when the step started. */
  startedAt: number;
  clock: number;
}

/**
 * Adds a model reply to the run: the assistant message (with its route and model, so a stored history
 * keeps follow-ups on their route, and tool call ids unique in the conversation), the usage, and the
 * step's record, whose tool calls the tool phase fills in.
 */
export function recordStep(
  run: ActiveRun,
  response: ModelResponse,
  facts: StepFacts,
): { record: StepRecord; message: AssistantMessage } {
  const { progress } = run;
  const { model, route } = facts;
  const meta: AssistantMeta = { ...response.message.meta, model };
  if (route !== undefined) meta.route = route;
  const message = withUniqueToolCallIds({ ...response.message, meta }, [
    ...progress.history,
    ...progress.newMessages,
  ]);
  progress.newMessages.push(message);
  addUsage(progress.usage, model, response.usage, run.agent.prices);
  const record: StepRecord = {
    index: facts.step,
    model,
    ...(route !== undefined ? { route } : {}),
    text: messageText(message),
    toolCalls: [],
    finishReason: response.finishReason,
    usage: response.usage,
    startedAt: facts.startedAt,
    durationMs: performance.now() - facts.clock,
  };
  progress.steps.push(record);
  return { record, message };
}
