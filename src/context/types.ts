import type { ToolSpec } from '../models/types.js';

/** The token budget the context manager fits a history into. */
export interface ContextBudget {
  /** The model's context window in tokens. */
  contextWindow: number;
  /** Tokens reserved for the answer (`maxTokens`). */
  reserveOutput: number;
  /** Tool schemas sent with the request (their cost is reserved). */
  tools?: readonly ToolSpec[];
}

/** What the context manager did, reported as a `context-trim` event. */
export interface ContextTrimReport {
  /** Tokens of the fitted prompt (messages only), and of the window after reserves. */
  tokens: number;
  available: number;
  /** Messages kept, shortened (tool output or thinking), summarized, and dropped. */
  kept: number;
  shortened: number;
  summarized: number;
  dropped: number;
  /** True when the counts were exact (Tekken), false when estimated. */
  exact: boolean;
  /**
   * Set when even the system messages and the latest turn do not fit: the fitted messages then exceed
   * `available`. Build the error with `contextOverflowError(report)`.
   */
  overflow?: ContextOverflow;
}

/** The numbers behind a context overflow. */
export interface ContextOverflow {
  /** Prompt tokens the smallest valid context needs (messages, tool schemas, template overhead). */
  needed: number;
  /** The model's context window. */
  contextWindow: number;
  /** Tokens reserved for the answer. */
  reserveOutput: number;
  /** Tokens kept free as a safety margin for counting error. */
  margin: number;
}
