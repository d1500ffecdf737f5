import type { ContextBudget } from './types.js';

/** What a provider's context-overflow error reports (`ApiError.promptTokens`, `ApiError.maxContextTokens`). */
export interface OverflowReported {
  /** Tokens the provider counted in the rejected prompt. */
  promptTokens?: number;
  /** The model's real context limit. */
  maxContextTokens?: number;
}

/**
 * The budget to retry with after the API rejected a prompt as too long: the window becomes the limit the
 * error reports, scaled down by how much the provider's count exceeded ours (`countedTokens`, our count of
 * the same prompt), so fitting again with the same counter lands under the real limit. Returns the budget
 * unchanged when the error carries no numbers.
 * @example
 * catch (error) { if (error.code === 'context-overflow') budget = shrinkBudgetForOverflow(budget, error, sent); }
 */
export function shrinkBudgetForOverflow(
  budget: ContextBudget,
  reported: OverflowReported,
  countedTokens: number,
): ContextBudget {
  const limit = reported.maxContextTokens;
  if (!(limit !== undefined && limit > 0)) return budget;
  const ratio =
    reported.promptTokens !== undefined && countedTokens > 0
      ? Math.max(1, reported.promptTokens / countedTokens)
      : 1;
  const contextWindow = Math.floor(Math.min(budget.contextWindow, limit) / ratio);
  return { ...budget, contextWindow };
}
