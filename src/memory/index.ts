export { PROMPT_OVERHEAD_TOKENS } from './chat-template.js';
export {
  type BudgetInput,
  budgetFor,
  DEFAULT_OUTPUT_RESERVE,
  ESTIMATED_MARGIN,
  EXACT_MARGIN,
  safetyMargin,
} from './context-budget.js';
export { contextOverflowError } from './context-overflow-error.js';
export { defaultTokenCounter } from './default-counter.js';
export { estimateTextTokens } from './estimate-text.js';
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
export { type ImageSize, imageSizeFromBytes, imageSizeFromDataUrl } from './image-size.js';
export { IMAGE_MAX_SIDE, imagePartTokens, imageTokens, UNKNOWN_IMAGE_TOKENS } from './image-tokens.js';
export { InMemoryStore } from './in-memory-store.js';
export { JsonlFileStore, type JsonlFileStoreOptions } from './jsonl-file-store.js';
export type { CalibratingTokenCounter } from './message-counter.js';
export { sessionFileName } from './session-file-name.js';
export { MAX_SESSION_ID_LENGTH, validateSessionId } from './session-id.js';
export { DEFAULT_PREVIEW_CHARS } from './shorten.js';
export { type OverflowReported, shrinkBudgetForOverflow } from './shrink-budget.js';
export {
  createEstimatingCounter,
  createTokenCounter,
  type TextTokenizer,
  type TokenCounterOptions,
} from './token-counter.js';
export type {
  ContextBudget,
  ContextOverflow,
  ContextTrimReport,
  MemoryStore,
  TokenCounter,
} from './types.js';
