import type { Message, ToolSpec } from '../models/types.js';

// A Tekken (byte-level BPE) token covers at least one UTF-8 byte, and a UTF-16 code unit is at most 3 UTF-8
// bytes, so 3 tokens per code unit is an upper bound for text. Control tokens per message (role markers,
// tool-call framing) stay well under the allowance.
const TOKENS_PER_CODE_UNIT = 3;
const MESSAGE_ALLOWANCE = 32;
// Room left for counters that are not Tekken (the estimator's margin is 15%) and for template details.
const SAFETY_SHARE = 0.8;

/**
 * True when the conversation certainly fits the window without counting a single token: an upper bound of
 * its tokens (3 per UTF-16 code unit, plus an allowance per message and the tool schemas) is below 80% of
 * the window after the output reserve. Images always return false (their cost depends on their size), and
 * so does anything near the limit: then the context manager counts exactly. Saves the Tekken pass on the
 * short conversations most turns are, which is most of the loop's own overhead.
 */
export function fitsWithoutCounting(
  messages: readonly Message[],
  tools: readonly ToolSpec[],
  toolsLength: number,
  contextWindow: number,
  reserveOutput: number,
): boolean {
  const limit = (contextWindow - reserveOutput) * SAFETY_SHARE;
  let bound = toolsLength * TOKENS_PER_CODE_UNIT + tools.length * MESSAGE_ALLOWANCE;
  for (const message of messages) {
    bound += MESSAGE_ALLOWANCE;
    const content = message.content;
    if (typeof content === 'string') bound += content.length * TOKENS_PER_CODE_UNIT;
    else {
      for (const part of content) {
        if (part.type === 'image') return false;
        bound += part.text.length * TOKENS_PER_CODE_UNIT;
      }
    }
    if (message.role === 'assistant' && message.toolCalls) {
      for (const call of message.toolCalls) {
        bound +=
          MESSAGE_ALLOWANCE +
          (call.id.length + call.name.length + call.arguments.length) * TOKENS_PER_CODE_UNIT;
      }
    }
    if (bound > limit) return false;
  }
  return bound <= limit;
}
