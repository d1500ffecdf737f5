import type { ModelResponse, StreamDelta, ToolCall } from '../types.js';
import {
  argumentsText,
  fallbackToolCallId,
  readContent,
  toAssistantMessage,
  toFinishReason,
  toUsage,
} from './read-response.js';
import type { WireCompletion, WireUsage } from './wire.js';

interface PendingCall {
  id: string;
  name: string;
  arguments: string;
}

/** What a streamed answer has accumulated so far. */
export interface StreamState {
  text: string;
  thinking: string;
  calls: PendingCall[];
  finishReason: string | null | undefined;
  usage: WireUsage | null | undefined;
  id: string | undefined;
  model: string | undefined;
}

/** A fresh, empty {@link StreamState}. */
export function createStreamState(): StreamState {
  return {
    text: '',
    thinking: '',
    calls: [],
    finishReason: undefined,
    usage: undefined,
    id: undefined,
    model: undefined,
  };
}

/**
 * Folds one chunk into the state and pushes the deltas it carries onto `out`.
 *
 * Tool calls come in two shapes and both are handled: whole (Mistral: each call complete in one delta, often
 * with no `index`) and fragmented (OpenAI, vLLM: keyed by `index`, the id and name only in the first fragment,
 * later fragments carrying argument pieces and sometimes an empty name). A call without `index` is a new call.
 */
export function applyChunk(state: StreamState, chunk: WireCompletion, out: StreamDelta[]): void {
  if (state.id === undefined && typeof chunk.id === 'string') state.id = chunk.id;
  if (state.model === undefined && typeof chunk.model === 'string') state.model = chunk.model;
  if (chunk.usage) state.usage = chunk.usage;
  const choice = chunk.choices?.[0];
  if (!choice) return;
  if (choice.finish_reason) state.finishReason = choice.finish_reason;
  const delta = choice.delta;
  if (!delta) return;
  const { text, thinking } = readContent(delta);
  if (thinking !== '') {
    state.thinking += thinking;
    out.push({ type: 'thinking-delta', text: thinking });
  }
  if (text !== '') {
    state.text += text;
    out.push({ type: 'text-delta', text });
  }
  const calls = delta.tool_calls;
  if (!calls) return;
  const base = state.calls.length;
  for (let position = 0; position < calls.length; position++) {
    const call = calls[position];
    if (!call) continue;
    const index = typeof call.index === 'number' ? call.index : base + position;
    let pending = state.calls[index];
    const isNew = pending === undefined;
    if (!pending) {
      pending = { id: '', name: '', arguments: '' };
      state.calls[index] = pending;
    }
    const id = typeof call.id === 'string' && call.id !== '' && pending.id === '' ? call.id : undefined;
    if (id) pending.id = id;
    const rawName = call.function?.name;
    const name = typeof rawName === 'string' && rawName !== '' && pending.name === '' ? rawName : undefined;
    if (name) pending.name = name;
    const argumentsDelta = argumentsText(call.function?.arguments);
    pending.arguments += argumentsDelta;
    if (isNew || id || name || argumentsDelta !== '') {
      out.push({
        type: 'tool-call-delta',
        index,
        ...(id ? { id } : {}),
        ...(name ? { name } : {}),
        argumentsDelta,
      });
    }
  }
}

/** The whole response once the stream is done. */
export function finishStream(state: StreamState, requestedModel: string): ModelResponse {
  const toolCalls: ToolCall[] = [];
  state.calls.forEach((call, index) => {
    if (call)
      toolCalls.push({
        id: call.id || fallbackToolCallId(index),
        name: call.name,
        arguments: call.arguments,
      });
  });
  return {
    message: toAssistantMessage(state.text, state.thinking, toolCalls),
    finishReason: toFinishReason(state.finishReason, toolCalls.length > 0),
    usage: toUsage(state.usage),
    meta: { model: state.model ?? requestedModel, ...(state.id ? { id: state.id } : {}) },
  };
}
