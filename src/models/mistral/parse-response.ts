/**
 * Reads the SDK's parsed chat responses (camelCase, as its Zod schemas return them) into neutral
 * {@link ModelResponse}s. Structural types only: the SDK's generated types stay out of dragoman's API.
 * @module
 */
import type {
  FinishReason,
  ModelResponse,
  ResponseMeta,
  TextPart,
  ThinkingPart,
  ToolCall,
  Usage,
} from '../types.js';
import { randomToolCallId } from './tool-call-ids.js';

/** A content chunk as the SDK returns it (`text`, `thinking`, or kinds dragoman ignores). */
export interface SdkContentChunk {
  type?: string;
  text?: string;
  thinking?: Array<{ type?: string; text?: string }>;
  signature?: string | null;
}

/** A tool call as the SDK returns it; a missing id arrives as the string `"null"`. */
export interface SdkToolCall {
  id?: string;
  index?: number;
  function: { name: string; arguments: string | { [key: string]: unknown } };
}

/** `usage`, with the raw extra keys the SDK passes through (`prompt_tokens_details`, `num_cached_tokens`). */
export interface SdkUsage {
  promptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
  [key: string]: unknown;
}

/** One non-streamed chat completion as the SDK parses it. */
export interface SdkChatResponse {
  id: string;
  model: string;
  usage: SdkUsage;
  choices: Array<{
    message?: { content?: string | SdkContentChunk[] | null; toolCalls?: SdkToolCall[] | null };
    finishReason: string;
  }>;
}

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
export function toUsage(usage: SdkUsage | undefined): Usage {
  const promptTokens = usage?.promptTokens ?? 0;
  const completionTokens = usage?.completionTokens ?? 0;
  const result: Usage = {
    promptTokens,
    completionTokens,
    totalTokens: usage?.totalTokens ?? promptTokens + completionTokens,
  };
  const details = usage?.prompt_tokens_details as { cached_tokens?: unknown } | null | undefined;
  const cached = details?.cached_tokens ?? usage?.num_cached_tokens;
  if (typeof cached === 'number' && Number.isFinite(cached)) result.cachedTokens = cached;
  return result;
}

/** Splits content into text and thinking runs, in order. Unknown chunk kinds are skipped. */
export function toContentParts(
  content: string | SdkContentChunk[] | null | undefined,
): Array<TextPart | ThinkingPart> {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  const parts: Array<TextPart | ThinkingPart> = [];
  for (const chunk of content) {
    if (chunk.type === 'text' && typeof chunk.text === 'string')
      parts.push({ type: 'text', text: chunk.text });
    if (chunk.type === 'thinking' && Array.isArray(chunk.thinking)) {
      const text = chunk.thinking.map((inner) => (typeof inner.text === 'string' ? inner.text : '')).join('');
      const part: ThinkingPart = { type: 'thinking', text };
      if (typeof chunk.signature === 'string' && chunk.signature !== '') part.signature = chunk.signature;
      parts.push(part);
    }
  }
  return parts;
}

/** Whether an id came from the server (the SDK fills a missing one with `"null"`). */
export function hasServerId(id: string | undefined): id is string {
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
  calls: SdkToolCall[] | null | undefined,
  random?: () => number,
  toRealName: ToRealName = sameName,
): ToolCall[] {
  return (calls ?? []).map((call) => ({
    id: hasServerId(call.id) ? call.id : randomToolCallId(random),
    name: toRealName(call.function.name),
    arguments:
      typeof call.function.arguments === 'string'
        ? call.function.arguments
        : JSON.stringify(call.function.arguments),
  }));
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
export function toMeta(model: string, id: string | undefined, headers: Headers | undefined): ResponseMeta {
  const meta: ResponseMeta = { model };
  if (id) meta.id = id;
  const deprecation = readDeprecation(headers);
  if (deprecation) meta.deprecation = deprecation;
  return meta;
}

/** Converts one SDK chat response to a neutral {@link ModelResponse}. */
export function toModelResponse(
  response: SdkChatResponse,
  options: { prefix?: string; headers?: Headers; random?: () => number; toRealName?: ToRealName } = {},
): ModelResponse {
  const choice = response.choices[0];
  const parts = stripPrefix(toContentParts(choice?.message?.content), options.prefix);
  const toolCalls = toToolCalls(choice?.message?.toolCalls, options.random, options.toRealName);
  const message: ModelResponse['message'] = { role: 'assistant', content: toMessageContent(parts) };
  if (toolCalls.length > 0) message.toolCalls = toolCalls;
  return {
    message,
    finishReason: toFinishReason(choice?.finishReason),
    usage: toUsage(response.usage),
    meta: toMeta(response.model, response.id, options.headers),
  };
}
