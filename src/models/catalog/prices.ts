/**
 * List prices of Mistral's models on La Plateforme, for cost estimates. Prices change: every entry says
 * when and where it was read, and every function that uses the table takes your own instead.
 * @module
 */

/** What one model costs, in US dollars per million tokens. */
export interface ModelPrice {
  /** Prompt tokens not served from the prompt cache. */
  input: number;
  /** Prompt tokens served from the prompt cache (`usage.cachedTokens`). */
  cachedInput: number;
  /** Completion tokens (reasoning tokens included: Mistral bills them as output). */
  output: number;
  /** The day the price was read, `YYYY-MM-DD`. */
  asOf: string;
  /** Where it was read. */
  source: string;
}

/** Prices keyed by model id (aliases such as `mistral-small-latest` are keys of their own). */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * Mistral bills prompt tokens served from its prompt cache at 10% of the model's input price
 * (docs.mistral.ai, "Prompt caching": "Cached prompt tokens are billed at 10% of the standard input token
 * price").
 */
export const CACHED_INPUT_RATE = 0.1;

const PRICING_PAGE = 'https://mistral.ai/pricing';
// The day these list prices were recorded in the repository (examples/shared/usage-summary.ts).
const READ_ON = '2026-11-23';

function listPrice(input: number, output: number): ModelPrice {
  return { input, cachedInput: input * CACHED_INPUT_RATE, output, asOf: READ_ON, source: PRICING_PAGE };
}

const SMALL = listPrice(0.1, 0.3);
const CODESTRAL = listPrice(0.3, 0.9);
const SABA = listPrice(0.2, 0.6);
const MEDIUM = listPrice(0.4, 2);
const LARGE = listPrice(0.5, 1.5);

/**
 * The default price table: list prices in USD per million tokens from mistral.ai/pricing, cached input at
 * {@link CACHED_INPUT_RATE} of input. Models missing here (self-hosted ones, new releases) have no price, and
 * costs leave them out and name them in `unpriced`. Pass your own table (`{ ...DEFAULT_PRICES, ... }`) to
 * override an entry or price a self-hosted model.
 */
export const DEFAULT_PRICES: PriceTable = Object.freeze({
  'mistral-small-2603': SMALL,
  'mistral-small-latest': SMALL,
  'mistral-small-2503': SMALL,
  'codestral-2508': CODESTRAL,
  'codestral-latest': CODESTRAL,
  'mistral-saba-2502': SABA,
  'mistral-saba-latest': SABA,
  'mistral-medium-latest': MEDIUM,
  'mistral-large-latest': LARGE,
});
