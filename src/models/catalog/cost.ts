import type { Usage } from '../types.js';
import { DEFAULT_PRICES, type ModelPrice, type PriceTable } from './prices.js';

/** The estimated cost of some usage, in US dollars. */
export interface UsageCost {
  /** The sum over the priced models. */
  total: number;
  /** Per model id that has a price. */
  byModel: Record<string, number>;
  /** Model ids with usage but no price: their tokens are not in `total`. */
  unpriced: string[];
  currency: 'USD';
}

/**
 * The cost of one call's (or one model's) usage at `price`, in US dollars: prompt tokens served from the
 * prompt cache at the cached rate, the rest of the prompt at the input rate, completion tokens at the
 * output rate.
 * @example
 * callCost({ promptTokens: 1200, completionTokens: 80, totalTokens: 1280, cachedTokens: 1024 }, price);
 */
export function callCost(usage: Usage, price: ModelPrice): number {
  const cached = Math.min(usage.cachedTokens ?? 0, usage.promptTokens);
  const fresh = usage.promptTokens - cached;
  return (fresh * price.input + cached * price.cachedInput + usage.completionTokens * price.output) / 1e6;
}

/**
 * The cost of a run's usage per model (`result.usage`, or any `{ byModel }`), with the default Mistral list
 * prices or your own table. Models without a price are listed in `unpriced` rather than guessed.
 * @example
 * const { total, unpriced } = costOf(result.usage);
 * const mine = costOf(result.usage, { ...DEFAULT_PRICES, 'my-vllm-model': myPrice });
 */
export function costOf(
  usage: { readonly byModel: Readonly<Record<string, Usage>> },
  prices: PriceTable = DEFAULT_PRICES,
): UsageCost {
  const cost: UsageCost = { total: 0, byModel: {}, unpriced: [], currency: 'USD' };
  for (const [model, modelUsage] of Object.entries(usage.byModel)) {
    const price = Object.hasOwn(prices, model) ? prices[model] : undefined;
    if (price === undefined) {
      cost.unpriced.push(model);
      continue;
    }
    const amount = callCost(modelUsage, price);
    cost.byModel[model] = amount;
    cost.total += amount;
  }
  return cost;
}
