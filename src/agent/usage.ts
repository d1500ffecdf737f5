import { costOf } from '../models/catalog/cost.js';
import type { PriceTable } from '../models/catalog/prices.js';
import type { Usage } from '../models/types.js';
import type { UsageSummary } from './types.js';

/** A usage summary with nothing counted yet. */
export function emptyUsageSummary(): UsageSummary {
  return {
    total: { promptTokens: 0, completionTokens: 0, totalTokens: 0 },
    byModel: {},
    cost: { total: 0, byModel: {}, unpriced: [], currency: 'USD' },
  };
}

/**
 * Adds one call's usage to the run's summary, in total and under the model id, and prices the result.
 * Mutates `summary`.
 */
export function addUsage(summary: UsageSummary, modelId: string, usage: Usage, prices: PriceTable): void {
  addInto(summary.total, usage);
  const perModel = summary.byModel[modelId];
  if (perModel) addInto(perModel, usage);
  else summary.byModel[modelId] = { ...usage };
  summary.cost = costOf(summary, prices);
}

function addInto(target: Usage, usage: Usage): void {
  target.promptTokens += usage.promptTokens;
  target.completionTokens += usage.completionTokens;
  target.totalTokens += usage.totalTokens;
  if (usage.cachedTokens !== undefined) target.cachedTokens = (target.cachedTokens ?? 0) + usage.cachedTokens;
}
