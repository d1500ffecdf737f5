/**
 * Turns streamed Mistral chunks into neutral {@link StreamDelta}s and assembles the final response.
 * Handles the tool-call shapes seen on the wire: whole calls in one delta (Mistral's own models; no `index`,
 * read as 0), fragments keyed by `index` with the id only in the first fragment (third-party models), and
 * fragments that repeat the id on every fragment. Strips an echoed prefix across chunk boundaries.
 * @module
 */
import type { ModelResponse, StreamDelta, TextPart, ThinkingPart, ToolCall } from '../types.js';
import {
  argumentsText,
  hasServerId,
  type ToRealName,
  toContentParts,
  toFinishReason,
  toMessageContent,
  toMeta,
  toUsage,
} from './parse-response.js';
import { randomToolCallId } from './tool-call-ids.js';
import type { WireStreamChunk, WireToolCallIn, WireUsage } from './wire-types.js';

/** Stateful assembler for one stream. */
export interface StreamAssembler {
  /** The deltas one chunk contributes, in order. */
  push(chunk: WireStreamChunk): StreamDelta[];
  /** True once a chunk carried `finish_reason`. */
  finished(): boolean;
  /** The closing `finish` delta with the assembled response. */
  end(headers?: Headers): StreamDelta[];
}

/** Creates a {@link StreamAssembler}. `prefix` is the text of a trailing `prefix: true` message. */
export function createStreamAssembler(
  options: { prefix?: string | undefined; random?: (() => number) | undefined; toRealName?: ToRealName } = {},
): StreamAssembler {
  const toRealName = options.toRealName ?? ((name: string) => name);
  const parts: Array<TextPart | ThinkingPart> = [];
  const calls: ToolCall[] = [];
  const slotByIndex = new Map<number, number>();
  let usage: WireUsage | undefined;
  let finishReason: string | null | undefined;
  let id: string | undefined;
  let model = '';
  let pendingPrefix = options.prefix ?? '';
  let held = '';

  const addText = (type: 'text' | 'thinking', text: string) => {
    const last = parts.at(-1);
    if (last?.type === type) last.text += text;
    else parts.push({ type, text } as TextPart | ThinkingPart);
  };
  // Holds text back while it could still be the echo of the prefix; drops the echo once confirmed.
  const filterText = (text: string): string => {
    if (pendingPrefix === '') return text;
    held += text;
    if (held.length < pendingPrefix.length && pendingPrefix.startsWith(held)) return '';
    const out = held.startsWith(pendingPrefix) ? held.slice(pendingPrefix.length) : held;
    pendingPrefix = '';
    held = '';
    return out;
  };
  const emitText = (text: string, out: StreamDelta[]) => {
    const visible = filterText(text);
    if (visible === '') return;
    addText('text', visible);
    out.push({ type: 'text-delta', text: visible });
  };
  const pushToolCall = (call: WireToolCallIn, out: StreamDelta[]) => {
    const key = typeof call?.index === 'number' ? call.index : 0;
    const name =
      typeof call?.function?.name === 'string' && call.function.name ? toRealName(call.function.name) : '';
    const argumentsDelta = argumentsText(call?.function?.arguments);
    const slot = slotByIndex.get(key);
    const existing = slot === undefined ? undefined : calls[slot];
    // A fragment continues the call at its index when it carries no id, or the same id again (some servers
    // repeat it, and the name, on every fragment); a new id at the same index is a new call.
    const sameId = existing !== undefined && hasServerId(call?.id) && call.id === existing.id;
    if (existing && (sameId || (!hasServerId(call?.id) && !(name && existing.name)))) {
      const named = Boolean(name) && !existing.name;
      if (named) existing.name = name;
      existing.arguments += argumentsDelta;
      out.push({ type: 'tool-call-delta', index: slot!, argumentsDelta, ...(named ? { name } : {}) });
      return;
    }
    const fresh: ToolCall = {
      id: hasServerId(call.id) ? call.id : randomToolCallId(options.random),
      name,
      arguments: argumentsDelta,
    };
    slotByIndex.set(key, calls.push(fresh) - 1);
    out.push({ type: 'tool-call-delta', index: calls.length - 1, id: fresh.id, name, argumentsDelta });
  };

  return {
    push(chunk) {
      const out: StreamDelta[] = [];
      if (typeof chunk.id === 'string') id ??= chunk.id;
      if (typeof chunk.model === 'string' && chunk.model !== '') model = chunk.model;
      if (chunk.usage) usage = chunk.usage;
      for (const choice of (chunk.choices ?? []).slice(0, 1)) {
        for (const part of toContentParts(choice?.delta?.content)) {
          if (part.type === 'text') emitText(part.text, out);
          else {
            if (part.text !== '') {
              addText('thinking', part.text);
              out.push({ type: 'thinking-delta', text: part.text });
            }
            const last = parts.at(-1);
            if (part.signature !== undefined && last?.type === 'thinking') last.signature = part.signature;
          }
        }
        const calls = choice?.delta?.tool_calls;
        if (Array.isArray(calls)) for (const call of calls) pushToolCall(call, out);
        if (typeof choice?.finish_reason === 'string') finishReason = choice.finish_reason;
      }
      return out;
    },
    finished: () => Boolean(finishReason),
    end(headers) {
      // Text still held is a partial echo of the prefix (the reply stopped inside it): it adds nothing.
      const message: ModelResponse['message'] = { role: 'assistant', content: toMessageContent(parts) };
      if (calls.length > 0)
        message.toolCalls = calls.map((call) => ({ ...call, arguments: call.arguments || '{}' }));
      const response: ModelResponse = {
        message,
        finishReason: toFinishReason(finishReason),
        usage: toUsage(usage),
        meta: toMeta(model, id, headers),
      };
      return [{ type: 'finish', response }];
    },
  };
}
