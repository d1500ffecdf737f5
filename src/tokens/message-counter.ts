import type { Message, ToolSpec } from '../models/types.js';
import { messageSegments, toolsText } from './chat-template.js';
import { imagePartTokens } from './image-tokens.js';
import type { TokenCounter } from './types.js';

/** A {@link TokenCounter} that can correct itself from the prompt tokens the provider reports. */
export interface CalibratingTokenCounter extends TokenCounter {
  /**
   * Feeds back one response: `promptTokens` is the provider's `usage.prompt_tokens`, `estimatedTokens` this
   * counter's count of the same prompt. Moves {@link CalibratingTokenCounter.correction} toward the ratio.
   */
  observe(promptTokens: number, estimatedTokens: number): void;
  /** Factor applied to message and tool counts (1 until calibrated). */
  readonly correction: number;
}

/** What {@link createMessageCounter} builds a counter from. */
export interface MessageCounterParts {
  countText(text: string): number;
  isExact(): boolean;
  /** Learn from `observe()`. */
  calibrate: boolean;
}

/** Weight of the newest observation in the smoothed correction. */
const SMOOTHING = 0.3;
/** Corrections outside this range are taken as a mismatched observation, not a tokenizer difference. */
const MIN_CORRECTION = 0.25;
const MAX_CORRECTION = 4;

/**
 * Builds a counter from a text counter: chat-template overhead, images, tool schemas, a per-message memo
 * (keyed by message object; history is append-only and never edited in place) and calibration.
 */
export function createMessageCounter(parts: MessageCounterParts): CalibratingTokenCounter {
  const memo = new WeakMap<Message, number>();
  const toolMemo = new WeakMap<readonly ToolSpec[], number>();
  let correction = 1;
  let observations = 0;
  const scale = (raw: number) => (correction === 1 ? raw : Math.ceil(raw * correction));

  function rawCount(message: Message): number {
    let total = memo.get(message);
    if (total !== undefined) return total;
    const segments = messageSegments(message);
    total = segments.controlTokens;
    for (const text of segments.texts) total += parts.countText(text);
    if ((message.role === 'user' || message.role === 'tool') && typeof message.content !== 'string') {
      for (const part of message.content) if (part.type === 'image') total += imagePartTokens(part);
    }
    memo.set(message, total);
    return total;
  }

  return {
    get exact() {
      return parts.isExact() && correction === 1;
    },
    get correction() {
      return correction;
    },
    countText: (text) => scale(parts.countText(text)),
    count: (message) => scale(rawCount(message)),
    countTools(tools) {
      if (tools.length === 0) return 0;
      let total = toolMemo.get(tools);
      if (total === undefined) {
        total = 2 + parts.countText(toolsText(tools));
        toolMemo.set(tools, total);
      }
      return scale(total);
    },
    observe(promptTokens, estimatedTokens) {
      if (!parts.calibrate || !(promptTokens > 0) || !(estimatedTokens > 0)) return;
      const sample = promptTokens / (estimatedTokens / correction);
      if (sample < MIN_CORRECTION || sample > MAX_CORRECTION) return;
      observations++;
      const weight = observations === 1 ? 1 : SMOOTHING;
      correction += weight * (sample - correction);
    },
  };
}
