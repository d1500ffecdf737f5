import type { ReplyPlan } from './reply-plan.js';

/** The message `content` of a plan: a string, or thinking and text chunks when there is reasoning. */
export function planContent(plan: ReplyPlan): string | Array<Record<string, unknown>> {
  if (plan.thinking === undefined) return plan.text;
  const thinking = { type: 'thinking', thinking: [{ type: 'text', text: plan.thinking }], closed: true };
  return plan.text === '' ? [thinking] : [thinking, { type: 'text', text: plan.text }];
}

/**
 * The `chat.completion` body for a plan, in the field order of the recorded responses (e.g.
 * `tool-call.mistral-large.2026-01.response.json`): tool calls carry `index` but no `type`.
 */
export function toCompletionBody(plan: ReplyPlan): Record<string, unknown> {
  const toolCalls =
    plan.toolCalls.length === 0
      ? null
      : plan.toolCalls.map((call, index) => ({
          id: call.id,
          function: { name: call.name, arguments: call.arguments },
          index,
        }));
  const body: Record<string, unknown> = {
    id: plan.id,
    object: 'chat.completion',
    created: plan.created,
    model: plan.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', tool_calls: toolCalls, content: planContent(plan) },
        finish_reason: plan.finishReason,
      },
    ],
  };
  if (plan.usage !== undefined) body.usage = plan.usage;
  return body;
}
