import { estimateTextTokens } from './estimate-text.js';
import { type CalibratingTokenCounter, createMessageCounter } from './message-counter.js';
import { nodeRequire } from './node-require.js';
import { loadTekkenEngine } from './tekken-engine.js';

/** Options for {@link createTokenCounter}. */
export interface TokenCounterOptions {
  /**
   * Learn a correction factor from `observe()`. Use it for models whose tokenizer is not published
   * (Codestral, Saba): Tekken counts then track the provider's `usage.prompt_tokens`.
   * @default false
   */
  calibrate?: boolean;
  /**
   * Loads the exact tokenizer; called once, on first use. Returning `undefined` or throwing selects the
   * estimator. @default loads the Tekken ranks into dragoman's JavaScript BPE engine (Node only)
   */
  loadTokenizer?: () => TextTokenizer | undefined;
}

/** The one thing the counter needs from an exact tokenizer. */
export interface TextTokenizer {
  /** Number of tokens in a plain text, without control tokens. */
  countText(text: string): number;
}

function loadDefaultTokenizer(): TextTokenizer | undefined {
  const requireFn = nodeRequire();
  return requireFn ? loadTekkenEngine(requireFn) : undefined;
}

/**
 * Creates the default token counter: exact Tekken counts when the Tekken ranks
 * load (Node), else the per-script estimator. Nothing is loaded until the first count or `.exact` read;
 * each counter loads its own engine once.
 * @example
 * const counter = createTokenCounter();
 * counter.count({ role: 'user', content: 'مرحبا' }); // loads Tekken on first use
 */
export function createTokenCounter(options: TokenCounterOptions = {}): CalibratingTokenCounter {
  const loadTokenizer = options.loadTokenizer ?? loadDefaultTokenizer;
  let engine: TextTokenizer | undefined;
  let tried = false;
  const load = () => {
    if (!tried) {
      tried = true;
      try {
        engine = loadTokenizer();
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
