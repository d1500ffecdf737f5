import { ConnectionError } from '../../errors.js';
import type { ModelResponse, StreamDelta, ToolCall } from '../types.js';
import {
  argumentsText,
  fallbackToolCallId,
  readContent,
  toAssistantMessage,
  toFinishReason,
  toUsage,
} from './read-response.js';
import type { WireToolCallDelta as ToolCallDelta, WireCompletion, WireUsage } from './wire.js';

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
  /** The slot in `calls` each wire `index` currently feeds (a Map: a huge index must not allocate). */
  slots: Map<number, number>;
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
    slots: new Map(),
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
 * A fragment with a new id at an index already in use is a new call too: Ollama streams every parallel call
 * with `index: 0` (ollama#15457, #15497), so calls are told apart by id, not index. An `index` that is not a
 * whole number >= 0 is a malformed answer (it used to drop the call, or freeze the process filling a sparse
 * array for index 4294967294).
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
  if (calls === undefined || calls === null) return;
  if (!Array.isArray(calls)) {
    throw new ConnectionError('malformed-response', 'The server streamed tool_calls that are not an array.', {
      hint: 'The server is not speaking the OpenAI streaming format; report it to its maintainers.',
    });
  }
  for (const call of calls) {
    if (call) applyToolCall(state, call, out);
  }
}

function slotFor(state: StreamState, call: ToolCallDelta): { slot: number; isNew: boolean } {
  const rawIndex = call.index;
  if (rawIndex !== undefined && !(Number.isSafeInteger(rawIndex) && rawIndex >= 0)) {
    throw new ConnectionError(
      'malformed-response',
      `The server streamed a tool call with index ${JSON.stringify(rawIndex)}; an index is a whole number >= 0.`,
      { hint: 'The server is not speaking the OpenAI streaming format; report it to its maintainers.' },
    );
  }
  const id = typeof call.id === 'string' && call.id !== '' ? call.id : undefined;
  const current = rawIndex === undefined ? undefined : state.slots.get(rawIndex);
  const currentId = current === undefined ? undefined : state.calls[current]?.id;
  if (current !== undefined && (id === undefined || currentId === '' || id === currentId)) {
    return { slot: current, isNew: false };
  }
  const known = id === undefined ? -1 : state.calls.findIndex((pending) => pending.id === id);
  const slot = known >= 0 ? known : state.calls.push({ id: '', name: '', arguments: '' }) - 1;
  if (rawIndex !== undefined) state.slots.set(rawIndex, slot);
  return { slot, isNew: known < 0 };
}

function applyToolCall(state: StreamState, call: ToolCallDelta, out: StreamDelta[]): void {
  const { slot, isNew } = slotFor(state, call);
  const pending = state.calls[slot]!;
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
      index: slot,
      ...(id ? { id } : {}),
      ...(name ? { name } : {}),
      argumentsDelta,
    });
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
