export type { ContextBudget, ContextTrimReport, MemoryStore, TokenCounter } from './types.js';
