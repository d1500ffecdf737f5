import type { Usage } from '../../models/types.js';
import { createCompletionId, createToolCallId, type RandomSource } from './random.js';
import { estimatePromptTokens, estimateTextTokens } from './token-estimate.js';
import type { MockChatRequest, MockReply } from './types.js';

/** Everything needed to write one answer, as JSON or as SSE; built once from a {@link MockReply}. */
export interface ReplyPlan {
  id: string;
  created: number;
  model: string;
  text: string;
  thinking?: string;
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
  finishReason: string;
  /** Wire usage, or undefined when the `no-usage` fault removed it. */
  usage?: Record<string, unknown>;
  toolCallStyle: 'whole' | 'fragments';
  chunkSize?: number;
}

function toWireUsage(usage: Usage): Record<string, unknown> {
  const wire: Record<string, unknown> = {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.totalTokens,
  };
  if (usage.cachedTokens !== undefined) wire.prompt_tokens_details = { cached_tokens: usage.cachedTokens };
  return wire;
}

/** Fills in ids, serialised arguments and usage numbers for a scripted reply. */
export function planReply(
  reply: MockReply,
  request: MockChatRequest,
  random: RandomSource,
  now: () => number,
): ReplyPlan {
  const toolCalls = (reply.toolCalls ?? []).map((call) => ({
    id: call.id ?? createToolCallId(random),
    name: call.name,
    arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
  }));
  const text = reply.text ?? '';
  const generated = `${reply.thinking ?? ''}${text}${toolCalls.map((call) => call.name + call.arguments).join('')}`;
  const promptTokens = reply.usage?.promptTokens ?? estimatePromptTokens(request.body);
  const completionTokens = reply.usage?.completionTokens ?? Math.max(1, estimateTextTokens(generated));
  const usage: Usage = {
    promptTokens,
    completionTokens,
    totalTokens: reply.usage?.totalTokens ?? promptTokens + completionTokens,
    ...(reply.usage?.cachedTokens === undefined ? {} : { cachedTokens: reply.usage.cachedTokens }),
  };
  return {
    id: createCompletionId(random),
    created: Math.floor(now() / 1000),
    model: reply.model ?? request.body.model ?? 'mistral-small-latest',
    text,
    ...(reply.thinking === undefined ? {} : { thinking: reply.thinking }),
    toolCalls,
    finishReason: reply.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
    usage: toWireUsage(usage),
    toolCallStyle: reply.toolCallStyle ?? 'whole',
    ...(reply.chunkSize === undefined ? {} : { chunkSize: reply.chunkSize }),
  };
}
