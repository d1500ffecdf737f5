import { ConnectionError } from '../../errors.js';
import type {
  AssistantMessage,
  FinishReason,
  ModelResponse,
  TextPart,
  ThinkingPart,
  ToolCall,
  Usage,
} from '../types.js';
import { usageFromWire } from '../wire-usage.js';
import type { WireCompletion, WireMessageOut, WireUsage } from './wire.js';

/** Maps an OpenAI `finish_reason`; a stop with tool calls counts as `tool-calls` (some servers send `stop`). */
export function toFinishReason(reason: string | null | undefined, hasToolCalls: boolean): FinishReason {
  switch (reason) {
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content-filter';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    case 'error':
      return 'error';
    case 'stop':
    case 'eos':
      return hasToolCalls ? 'tool-calls' : 'stop';
    default:
      return hasToolCalls ? 'tool-calls' : 'other';
  }
}

/** Maps a wire usage object; servers that send none get zeros. */
export function toUsage(usage: WireUsage | null | undefined): Usage {
  return usageFromWire(usage && { ...usage, cached: usage.prompt_tokens_details?.cached_tokens });
}

/** Text and reasoning of a message or delta: string content, content-part arrays, and `reasoning(_content)`. */
export function readContent(message: WireMessageOut): { text: string; thinking: string } {
  let text = '';
  let thinking = '';
  const reasoning = message.reasoning_content ?? message.reasoning;
  if (typeof reasoning === 'string') thinking += reasoning;
  const content = message.content;
  if (typeof content === 'string') return { text: content, thinking };
  if (!Array.isArray(content)) return { text, thinking };
  for (const part of content as Array<Record<string, unknown>>) {
    if (part?.type === 'text' && typeof part.text === 'string') text += part.text;
    if (part?.type === 'thinking') {
      const inner = part.thinking;
      if (typeof inner === 'string') thinking += inner;
      else if (Array.isArray(inner))
        for (const piece of inner) if (typeof piece?.text === 'string') thinking += piece.text;
    }
  }
  return { text, thinking };
}

/** Builds the assistant message from accumulated text, reasoning and tool calls. */
export function toAssistantMessage(text: string, thinking: string, toolCalls: ToolCall[]): AssistantMessage {
  const content: string | Array<TextPart | ThinkingPart> =
    thinking === ''
      ? text
      : [
          { type: 'thinking', text: thinking },
          { type: 'text', text },
        ];
  return toolCalls.length > 0 ? { role: 'assistant', content, toolCalls } : { role: 'assistant', content };
}

/** Arguments as a JSON string; some servers (Ollama) send an object. */
export function argumentsText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return JSON.stringify(value);
}

/** A tool-call id for servers that send none. Any form works on OpenAI-compatible servers. */
export function fallbackToolCallId(index: number): string {
  return `call_${index}_${Math.random().toString(36).slice(2, 10)}`;
}

function malformed(what: string, detail: string): ConnectionError {
  return new ConnectionError('malformed-response', `${what} returned a malformed completion: ${detail}.`, {
    hint: 'Check that baseURL points at an OpenAI-compatible server.',
  });
}

/** Reads a non-streamed chat completion into a {@link ModelResponse}; throws `malformed-response` on junk. */
export function readCompletion(json: unknown, what: string, requestedModel: string): ModelResponse {
  if (json === null || typeof json !== 'object') throw malformed(what, 'the body is not a JSON object');
  const completion = json as WireCompletion;
  const choice = Array.isArray(completion.choices) ? completion.choices[0] : undefined;
  const message = choice?.message;
  if (!message || typeof message !== 'object') throw malformed(what, 'choices[0].message is missing');
  const { text, thinking } = readContent(message);
  const rawCalls = message.tool_calls ?? [];
  // A shape error is the server's answer, not a lost connection: retrying would bill the same reply again.
  if (!Array.isArray(rawCalls)) throw malformed(what, 'choices[0].message.tool_calls is not an array');
  const toolCalls: ToolCall[] = rawCalls.map((call, index) => ({
    id: typeof call.id === 'string' && call.id !== '' ? call.id : fallbackToolCallId(index),
    name: call.function?.name ?? '',
    arguments: argumentsText(call.function?.arguments),
  }));
  return {
    message: toAssistantMessage(text, thinking, toolCalls),
    finishReason: toFinishReason(choice?.finish_reason, toolCalls.length > 0),
    usage: toUsage(completion.usage),
    meta: {
      model: typeof completion.model === 'string' ? completion.model : requestedModel,
      ...(typeof completion.id === 'string' ? { id: completion.id } : {}),
    },
  };
}
