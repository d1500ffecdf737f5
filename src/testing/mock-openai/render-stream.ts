import type { OpenAICompatibleFamily } from '../../models/openai-compatible/index.js';
import { splitText } from '../mock-server/sse-writer.js';
import { reasoningFieldFor } from './families.js';
import type { ResolvedReply } from './render.js';

/** How the stream should report usage. */
export interface StreamUsageMode {
  /** The client sent `stream_options.include_usage: true`: add a final `choices: []` usage chunk. */
  includeUsage: boolean;
  /** Leave usage out entirely (the `no-usage` fault). */
  suppress: boolean;
}

/**
 * The `data:` payloads of a streamed answer, in order, ending with `[DONE]`. OpenAI semantics: the first
 * delta carries the role, then reasoning, text and tool calls, then a delta with `finish_reason`; with
 * `include_usage`, every chunk has `usage: null` and one extra chunk with empty `choices` carries the usage.
 * llama.cpp streams usage only when asked with `stream_options.include_usage` (ggml-org/llama.cpp#16052).
 * Ollama sends every parallel tool call with `index: 0` (ollama#15457, #15497).
 */
export function streamPayloads(
  family: OpenAICompatibleFamily,
  resolved: ResolvedReply,
  mode: StreamUsageMode,
): string[] {
  const usageNull = mode.includeUsage && !mode.suppress ? { usage: null } : {};
  const frame = (
    delta: Record<string, unknown>,
    finishReason: string | null = null,
    extra: object = usageNull,
  ) =>
    JSON.stringify({
      id: resolved.id,
      object: 'chat.completion.chunk',
      created: resolved.created,
      model: resolved.model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...extra,
    });
  const size = resolved.reply.chunkSize;
  const payloads = [frame({ role: 'assistant', content: '' })];
  const reasoning = reasoningFieldFor(family);
  if (reasoning)
    for (const piece of splitText(resolved.thinking, size)) payloads.push(frame({ [reasoning]: piece }));
  for (const piece of splitText(resolved.text, size)) payloads.push(frame({ content: piece }));
  if (resolved.toolCalls.length > 0) {
    if (family === 'ollama') {
      // Ollama streams each parallel call whole in its own delta, every one with `index: 0` (ollama#15457).
      for (const call of resolved.toolCalls) {
        const whole = {
          index: 0,
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: call.arguments },
        };
        payloads.push(frame({ tool_calls: [whole] }));
      }
    } else if ((resolved.reply.toolCallStyle ?? 'whole') === 'whole') {
      // Whole calls, one delta, no `index`: the shape Mistral's own models stream.
      const calls = resolved.toolCalls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      }));
      payloads.push(frame({ tool_calls: calls }));
    } else {
      resolved.toolCalls.forEach((call, index) => {
        payloads.push(
          frame({
            tool_calls: [
              { index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } },
            ],
          }),
        );
        for (const piece of splitText(call.arguments, size ?? 4)) {
          payloads.push(frame({ tool_calls: [{ index, function: { arguments: piece } }] }));
        }
      });
    }
  }
  payloads.push(frame({}, resolved.finishReason));
  if (mode.includeUsage && !mode.suppress) {
    payloads.push(
      JSON.stringify({
        id: resolved.id,
        object: 'chat.completion.chunk',
        created: resolved.created,
        model: resolved.model,
        choices: [],
        usage: resolved.usage,
      }),
    );
  }
  payloads.push('[DONE]');
  return payloads;
}
