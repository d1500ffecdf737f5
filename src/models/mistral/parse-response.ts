/**
 * Reads Mistral's JSON chat responses (snake_case, typed from the SDK's response types) into neutral
 * {@link ModelResponse}s. Servers outside our control may omit or mistype anything: every read is checked,
 * and a body without a `choices` array is a `malformed-response`.
 * @module
 */
import { ConnectionError } from '../../errors.js';
import type {
  FinishReason,
  ModelResponse,
  ResponseMeta,
  TextPart,
  ThinkingPart,
  ToolCall,
  Usage,
} from '../types.js';
import { usageFromWire } from '../wire-usage.js';
import { randomToolCallId } from './tool-call-ids.js';
import type { WireChatResponse, WireContent, WireToolCallIn, WireUsage } from './wire-types.js';

/** Maps Mistral's `finish_reason`. */
export function toFinishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'stop':
      return 'stop';
    case 'length':
    case 'model_length':
      return 'length';
    case 'tool_calls':
      return 'tool-calls';
    case 'error':
      return 'error';
    case 'content_filter':
      return 'content-filter';
    default:
      return 'other';
  }
}

/** Neutral usage; cached tokens from `prompt_tokens_details.cached_tokens` or `num_cached_tokens`. */
export function toUsage(usage: WireUsage | null | undefined): Usage {
  const details = usage?.prompt_tokens_details as { cached_tokens?: unknown } | null | undefined;
  return usageFromWire(usage && { ...usage, cached: details?.cached_tokens ?? usage.num_cached_tokens });
}

/** Splits content into text and thinking runs, in order. Unknown chunk kinds are skipped. */
export function toContentParts(content: WireContent | undefined): Array<TextPart | ThinkingPart> {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  if (!Array.isArray(content)) return [];
  const parts: Array<TextPart | ThinkingPart> = [];
  for (const chunk of content) {
    if (chunk?.type === 'text' && 'text' in chunk && typeof chunk.text === 'string')
      parts.push({ type: 'text', text: chunk.text });
    if (chunk?.type === 'thinking' && 'thinking' in chunk && Array.isArray(chunk.thinking)) {
      const text = chunk.thinking
        .map((inner) => (inner && 'text' in inner && typeof inner.text === 'string' ? inner.text : ''))
        .join('');
      const part: ThinkingPart = { type: 'thinking', text };
      if ('signature' in chunk && typeof chunk.signature === 'string' && chunk.signature !== '')
        part.signature = chunk.signature;
      parts.push(part);
    }
  }
  return parts;
}

/** Whether an id came from the server (some servers send the string `"null"` for none). */
export function hasServerId(id: string | null | undefined): id is string {
  return typeof id === 'string' && id !== '' && id !== 'null';
}

/** Maps a wire tool name back to the tool's real name (see tool-names.ts). */
export type ToRealName = (wireName: string) => string;

const sameName: ToRealName = (name) => name;

/**
 * Neutral tool calls; calls without an id get a fresh valid one, object arguments become JSON, and wire names
 * map back to the tools' real names.
 */
export function toToolCalls(
  calls: WireToolCallIn[] | null | undefined,
  random?: () => number,
  toRealName: ToRealName = sameName,
): ToolCall[] {
  return (Array.isArray(calls) ? calls : []).map((call) => ({
    id: hasServerId(call?.id) ? call.id : randomToolCallId(random),
    name: typeof call?.function?.name === 'string' ? toRealName(call.function.name) : '',
    arguments: argumentsText(call?.function?.arguments),
  }));
}

/** Arguments as a JSON string; some servers send an object. */
export function argumentsText(value: unknown): string {
  if (typeof value === 'string') return value;
  return value === undefined || value === null ? '' : JSON.stringify(value);
}

/** Removes the echoed prefix from the first text part (Mistral repeats a `prefix: true` message). */
export function stripPrefix(
  parts: Array<TextPart | ThinkingPart>,
  prefix: string | undefined,
): Array<TextPart | ThinkingPart> {
  if (!prefix) return parts;
  const index = parts.findIndex((part) => part.type === 'text');
  const first = parts[index];
  if (!first?.text.startsWith(prefix)) return parts;
  const rest = first.text.slice(prefix.length);
  const copy = [...parts];
  if (rest === '') copy.splice(index, 1);
  else copy[index] = { type: 'text', text: rest };
  return copy;
}

/** Simplifies content: plain text when there is no thinking. */
export function toMessageContent(
  parts: Array<TextPart | ThinkingPart>,
): string | Array<TextPart | ThinkingPart> {
  return parts.some((part) => part.type === 'thinking') ? parts : parts.map((part) => part.text).join('');
}

/** Reads `x-model-deprecation-timestamp` (ISO date or epoch seconds) into an ISO string. */
export function readDeprecation(headers: Headers | undefined): string | undefined {
  const value = headers?.get('x-model-deprecation-timestamp')?.trim();
  if (!value) return undefined;
  const epoch = /^\d+(\.\d+)?$/.test(value) ? Number(value) : undefined;
  const date = epoch !== undefined ? new Date(epoch < 1e11 ? epoch * 1000 : epoch) : new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/** Builds response meta; `deprecation` only when the header was sent. */
export function toMeta(model: unknown, id: unknown, headers: Headers | undefined): ResponseMeta {
  const meta: ResponseMeta = { model: typeof model === 'string' ? model : '' };
  if (typeof id === 'string' && id !== '') meta.id = id;
  const deprecation = readDeprecation(headers);
  if (deprecation) meta.deprecation = deprecation;
  return meta;
}

/** The response, when it is an object with a `choices` array; else a `malformed-response` naming `what`. */
export function checkCompletion(json: unknown, what: string): WireChatResponse & { choices: unknown[] } {
  const response = json as WireChatResponse | null;
  if (typeof response === 'object' && response !== null && Array.isArray(response.choices))
    return response as WireChatResponse & { choices: unknown[] };
  throw new ConnectionError('malformed-response', `${what} returned a body without a choices array.`, {
    hint: 'The server sent an unexpected shape; check serverURL points at a Mistral-compatible API.',
  });
}

/** Converts one chat response body to a neutral {@link ModelResponse}; `what` names the call in errors. */
export function toModelResponse(
  json: unknown,
  options: {
    what: string;
    prefix?: string | undefined;
    headers?: Headers;
    random?: (() => number) | undefined;
    toRealName?: ToRealName;
  },
): ModelResponse {
  const response = checkCompletion(json, options.what);
  const choice = response.choices[0];
  const parts = stripPrefix(toContentParts(choice?.message?.content), options.prefix);
  const toolCalls = toToolCalls(choice?.message?.tool_calls, options.random, options.toRealName);
  const message: ModelResponse['message'] = { role: 'assistant', content: toMessageContent(parts) };
  if (toolCalls.length > 0) message.toolCalls = toolCalls;
  return {
    message,
    finishReason: toFinishReason(choice?.finish_reason),
    usage: toUsage(response.usage),
    meta: toMeta(response.model, response.id, options.headers),
  };
}
