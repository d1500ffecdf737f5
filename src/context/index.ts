export {
  type BudgetInput,
  budgetFor,
  DEFAULT_OUTPUT_RESERVE,
  ESTIMATED_MARGIN,
  EXACT_MARGIN,
  safetyMargin,
} from './context-budget.js';
export { contextOverflowError } from './context-overflow-error.js';
export {
  type ContextSummary,
  type FitContextOptions,
  type FitContextResult,
  fitContext,
} from './fit-context.js';
export {
  fitContextWithSummary,
  type SummarizeOptions,
  type SummaryFitResult,
} from './fit-context-with-summary.js';
export { DEFAULT_PREVIEW_CHARS } from './shorten.js';
export { type OverflowReported, shrinkBudgetForOverflow } from './shrink-budget.js';
export type { ContextBudget, ContextOverflow, ContextTrimReport } from './types.js';
