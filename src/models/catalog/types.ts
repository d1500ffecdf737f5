import type { ModelCapabilities } from '../types.js';

/** Where a model stands on its provider: usable, announced for retirement, or gone (answers 404). */
export type ModelStatus = 'active' | 'deprecated' | 'retired';

/** Which tokenizer a model uses, when it is published. `tekken` can be counted exactly offline. */
export type ModelTokenizer = 'tekken' | 'unknown';

/**
 * Where a catalog entry's facts come from: dragoman's static table, the provider's `GET /v1/models`, the
 * caller's configuration, or nothing at all (an unknown id, given conservative defaults).
 */
export type ModelInfoSource = 'static' | 'remote' | 'config' | 'unknown';

/** What dragoman knows about one model: its ids, window, capabilities and lifecycle. */
export interface ModelInfo {
  /** The canonical id, e.g. `mistral-small-2603`. */
  id: string;
  /** Other ids that name the same model, e.g. `mistral-small-latest`. */
  aliases: readonly string[];
  /** Context window in tokens (prompt plus output). */
  contextWindow: number;
  capabilities: ModelCapabilities;
  status: ModelStatus;
  /** ISO `YYYY-MM-DD` the model was (or will be) retired, when announced. */
  retiredOn?: string;
  /** The id to use instead once this model is retired. */
  replacement?: string;
  /** The tokenizer, when known. */
  tokenizer?: ModelTokenizer;
  /**
   * The `reasoningEffort` values the model takes, when it has adjustable reasoning (Small 4 and Medium 3.5:
   * `none` and `high`). The Mistral adapter refuses other values before sending (the API answers 400 code 3051).
   */
  reasoningEfforts?: readonly ('none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh')[];
  /** ISO `YYYY-MM-DD` the model was released, when known. */
  released?: string;
  source: ModelInfoSource;
}
