import type { ToolSpec } from '../models/types.js';
import type { ContextBudget } from './types.js';

/** Output tokens reserved when the caller sets no `maxTokens`. */
export const DEFAULT_OUTPUT_RESERVE = 4_096;

/**
 * Share of the window kept free when counts are exact (Tekken): covers template details that vary between
 * model versions (v7 vs v11+ tool-call rendering, `[THINK]` tokens).
 */
export const EXACT_MARGIN = 0.02;

/**
 * Share of the window kept free when counts are estimated: above the estimator's measured worst per-language
 * error on long texts (see docs/context-and-memory.md, `npm run bench -- tokens`).
 */
export const ESTIMATED_MARGIN = 0.15;

/** What {@link budgetFor} needs. */
export interface BudgetInput {
  /** The model's context window, e.g. `lookupModel(id)?.contextWindow`. */
  contextWindow: number;
  /** The run's `maxTokens`. @default 4096 */
  maxTokens?: number;
  /** Tool schemas sent with each request. */
  tools?: readonly ToolSpec[];
}

/**
 * Builds a {@link ContextBudget} from a model window, the output limit and the tools.
 * @example
 * fitContext(history, budgetFor({ contextWindow: 131_072, maxTokens: 2_048, tools }));
 */
export function budgetFor(input: BudgetInput): ContextBudget {
  const budget: ContextBudget = {
    contextWindow: input.contextWindow,
    reserveOutput: input.maxTokens ?? DEFAULT_OUTPUT_RESERVE,
  };
  if (input.tools && input.tools.length > 0) budget.tools = input.tools;
  return budget;
}

/** The safety margin (share of the window) for exact or estimated counts. */
export function safetyMargin(exact: boolean): number {
  return exact ? EXACT_MARGIN : ESTIMATED_MARGIN;
}
