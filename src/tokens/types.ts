import type { Message, ToolSpec } from '../models/types.js';

/** Counts tokens the way a model's tokenizer would. */
export interface TokenCounter {
  /** True when counts are exact for the target tokenizer (Tekken); false for estimates. */
  readonly exact: boolean;
  /** Tokens in a plain text. */
  countText(text: string): number;
  /** Tokens a message costs in a chat prompt, including per-message overhead and images. */
  count(message: Message): number;
  /** Tokens the tool schemas cost in the prompt. */
  countTools(tools: readonly ToolSpec[]): number;
}
