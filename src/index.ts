/**
 * dragoman: a small TypeScript agent framework for Mistral models.
 *
 * This entry is the documented API and carries no Node built-ins of its own: the JSONL store and the
 * workspace tools live in `dragoman/node`, the test kit in `dragoman/testing`. Internals (budget margins,
 * session-id checks, wire types) stay in their folders.
 * @module
 */

export * from './agent/index.js';
export {
  type BudgetInput,
  budgetFor,
  type ContextBudget,
  type ContextOverflow,
  type ContextSummary,
  type ContextTrimReport,
  contextOverflowError,
  DEFAULT_OUTPUT_RESERVE,
  DEFAULT_PREVIEW_CHARS,
  ESTIMATED_MARGIN,
  EXACT_MARGIN,
  type FitContextOptions,
  type FitContextResult,
  fitContext,
  fitContextWithSummary,
  type OverflowReported,
  type SummarizeOptions,
  type SummaryFitResult,
  shrinkBudgetForOverflow,
} from './context/index.js';
export {
  AbortError,
  ApiError,
  type ApiErrorDetails,
  ConnectionError,
  DragomanError,
  type DragomanErrorCode,
  type DragomanErrorOptions,
  isDragomanError,
  UserInputError,
} from './errors.js';
export { type AppendOptions, InMemoryStore, type MemoryStore } from './memory/index.js';
export * from './models/index.js';
export * from './routing/index.js';
export * from './tokens/index.js';
export {
  type ApprovalPredicate,
  type ArgumentIssue,
  type ArgumentValidator,
  DEFAULT_TOOL_OUTPUT_LIMIT,
  type InferSchemaOutput,
  type JsonSchemaParameters,
  jsonSchema,
  type ObjectSchema,
  type Tool,
  type ToolContent,
  type ToolContext,
  type ToolDefinition,
  type ToolProgress,
  type ToolSchema,
  type ToolSet,
  type ToolSetContext,
  toJsonSchema,
  tool,
  toolContent,
  toToolSpecs,
} from './tools/index.js';
