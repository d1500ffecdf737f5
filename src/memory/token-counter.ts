import { estimateTextTokens } from './estimate-text.js';
import { type CalibratingTokenCounter, createMessageCounter } from './message-counter.js';
import { nodeRequire } from './node-require.js';
import { loadTekkenEngine, type TekkenEngine } from './tekken-engine.js';

/** Options for {@link createTokenCounter}. */
export interface TokenCounterOptions {
  /**
   * Learn a correction factor from `observe()`. Use it for models whose tokenizer is not published
   * (Codestral, Saba): Tekken counts then track the provider's `usage.prompt_tokens`.
   * @default false
   */
  calibrate?: boolean;
}

/**
 * Creates the default token counter: exact Tekken counts when the `tiktoken` engine and the Tekken ranks
 * load (Node), else the per-script estimator. Nothing is loaded until the first count or `.exact` read;
 * each counter loads its own engine once.
 * @example
 * const counter = createTokenCounter();
 * counter.count({ role: 'user', content: 'مرحبا' }); // loads Tekken on first use
 */
export function createTokenCounter(options: TokenCounterOptions = {}): CalibratingTokenCounter {
  let engine: TekkenEngine | undefined;
  let tried = false;
  const load = () => {
    if (!tried) {
      tried = true;
      const requireFn = nodeRequire();
      try {
        engine = requireFn ? loadTekkenEngine(requireFn) : undefined;
      } catch {
        engine = undefined;
      }
    }
    return engine;
  };
  return createMessageCounter({
    calibrate: options.calibrate ?? false,
    isExact: () => load() !== undefined,
    countText: (text) => {
      const loaded = load();
      return loaded ? loaded.countText(text) : estimateTextTokens(text);
    },
  });
}

/**
 * Creates the estimating counter: tokens from characters per Unicode script, no tokenizer needed. It
 * corrects itself from each response's `usage.prompt_tokens` through `observe()`.
 */
export function createEstimatingCounter(): CalibratingTokenCounter {
  return createMessageCounter({ calibrate: true, isExact: () => false, countText: estimateTextTokens });
}
