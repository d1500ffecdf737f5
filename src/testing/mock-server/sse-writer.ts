import { createPadding, type RandomSource } from './random.js';
import type { ReplyPlan } from './reply-plan.js';

/** The frame that ends every Mistral stream. */
export const doneFrame = 'data: [DONE]\n\n';

/** Splits text into stream pieces: `chunkSize` characters each, or word by word (leading space kept). */
export function splitText(text: string, chunkSize?: number): string[] {
  if (text === '') return [];
  if (chunkSize !== undefined && chunkSize > 0) {
    const pieces: string[] = [];
    for (let start = 0; start < text.length; start += chunkSize)
      pieces.push(text.slice(start, start + chunkSize));
    return pieces;
  }
  return text.match(/\s*\S+|\s+$/g) ?? [text];
}

type Delta = Record<string, unknown>;

/**
 * The `chat.completion.chunk` objects for a plan, shaped like the recorded streams: a first delta
 * `{role:'assistant', content:''}` without padding; then thinking, text and tool-call deltas with a random
 * `p` padding field; the last chunk carries `finish_reason` and `usage` (and, for whole tool calls, the calls
 * themselves, as in `tool-call.mistral-small.2024-04.sse`).
 */
export function toStreamChunks(plan: ReplyPlan, random: RandomSource): Array<Record<string, unknown>> {
  const chunk = (delta: Delta, finishReason: string | null, padded: boolean, usage?: unknown) => {
    const result: Record<string, unknown> = {
      id: plan.id,
      object: 'chat.completion.chunk',
      created: plan.created,
      model: plan.model,
      choices: [{ index: 0, delta, finish_reason: finishReason }],
    };
    if (usage !== undefined) result.usage = usage;
    if (padded) result.p = createPadding(random);
    return result;
  };
  const chunks = [chunk({ role: 'assistant', content: '' }, null, false)];
  for (const piece of splitText(plan.thinking ?? '', plan.chunkSize)) {
    chunks.push(
      chunk({ content: [{ type: 'thinking', thinking: [{ type: 'text', text: piece }] }] }, null, true),
    );
  }
  for (const piece of splitText(plan.text, plan.chunkSize))
    chunks.push(chunk({ content: piece }, null, true));
  let finalDelta: Delta = { content: '' };
  if (plan.toolCalls.length > 0 && plan.toolCallStyle === 'whole') {
    const toolCalls = plan.toolCalls.map((call) => ({
      id: call.id,
      function: { name: call.name, arguments: call.arguments },
    }));
    finalDelta = { content: null, tool_calls: toolCalls };
  } else {
    for (const [index, call] of plan.toolCalls.entries()) {
      const opening = { id: call.id, type: 'function', function: { name: call.name, arguments: '' }, index };
      chunks.push(chunk({ tool_calls: [opening], content: '' }, null, true));
      for (const piece of splitText(call.arguments, plan.chunkSize)) {
        const fragment = { type: 'function', function: { name: '', arguments: piece }, index };
        chunks.push(chunk({ tool_calls: [fragment], content: '' }, null, true));
      }
    }
  }
  chunks.push(chunk(finalDelta, plan.finishReason, true, plan.usage));
  return chunks;
}

/** One SSE frame: `data: <json>` and a blank line. */
export function toSseFrame(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}
