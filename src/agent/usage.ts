import type { Usage } from '../models/types.js';
import type { UsageSummary } from './types.js';

/** A usage summary with nothing counted yet. */
export function emptyUsageSummary(): UsageSummary {
  return { total: { promptTokens: 0, completionTokens: 0, totalTokens: 0 }, byModel: {} };
}

/** Adds one call's usage to the run's summary, in total and under the model id. Mutates `summary`. */
export function addUsage(summary: UsageSummary, modelId: string, usage: Usage): void {
  addInto(summary.total, usage);
  const perModel = summary.byModel[modelId];
  if (perModel) addInto(perModel, usage);
  else summary.byModel[modelId] = { ...usage };
}

function addInto(target: Usage, usage: Usage): void {
  target.promptTokens += usage.promptTokens;
  target.completionTokens += usage.completionTokens;
  target.totalTokens += usage.totalTokens;
  if (usage.cachedTokens !== undefined) target.cachedTokens = (target.cachedTokens ?? 0) + usage.cachedTokens;
}
