import { randomBytes } from 'node:crypto';
import type { OpenAICompatibleFamily } from '../../models/openai-compatible/index.js';
import { estimatePromptTokens, estimateTextTokens } from '../mock-server/token-estimate.js';
import type { MockReply, MockRequestBody } from '../mock-server/types.js';
import { reasoningFieldFor, toolCallIdFor } from './families.js';

/** A reply resolved against one request: ids, usage and finish reason filled in. */
export interface ResolvedReply {
  id: string;
  model: string;
  created: number;
  text: string;
  thinking: string;
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
  finishReason: string;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  reply: MockReply;
}

/** Fills in what the reply leaves out, as the family's server would. */
export function resolveReply(
  family: OpenAICompatibleFamily,
  reply: MockReply,
  body: MockRequestBody,
): ResolvedReply {
  // vLLM honours `parallel_tool_calls: false` by keeping only the first call (vllm-project/vllm#26233).
  const single = family === 'vllm' && body.parallel_tool_calls === false;
  const scripted = single ? (reply.toolCalls ?? []).slice(0, 1) : (reply.toolCalls ?? []);
  const toolCalls = scripted.map((call) => ({
    id: call.id ?? toolCallIdFor(family),
    name: call.name,
    arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
  }));
  const text = reply.text ?? (toolCalls.length === 0 ? 'OK' : '');
  const promptTokens = reply.usage?.promptTokens ?? estimatePromptTokens(body);
  const completionTokens =
    reply.usage?.completionTokens ??
    estimateTextTokens(text) +
      toolCalls.reduce((sum, call) => sum + estimateTextTokens(call.name + call.arguments), 0);
  return {
    id: `chatcmpl-${randomBytes(12).toString('hex')}`,
    model: reply.model ?? (typeof body.model === 'string' ? body.model : 'mock-model'),
    created: Math.floor(Date.now() / 1000),
    text,
    thinking: reply.thinking ?? '',
    toolCalls,
    finishReason: reply.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: reply.usage?.totalTokens ?? promptTokens + completionTokens,
    },
    reply,
  };
}

/** The `chat.completion` JSON body. `withUsage: false` leaves usage out (the `no-usage` fault). */
export function completionBody(family: OpenAICompatibleFamily, resolved: ResolvedReply, withUsage: boolean) {
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: resolved.text === '' && resolved.toolCalls.length > 0 ? null : resolved.text,
  };
  const reasoning = reasoningFieldFor(family);
  if (reasoning && resolved.thinking) message[reasoning] = resolved.thinking;
  if (resolved.toolCalls.length > 0) {
    message.tool_calls = resolved.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  return {
    id: resolved.id,
    object: 'chat.completion',
    created: resolved.created,
    model: resolved.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: resolved.finishReason }],
    ...(withUsage ? { usage: resolved.usage } : {}),
  };
}
