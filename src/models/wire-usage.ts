import type { Usage } from './types.js';

/** The token counts of a wire usage object, as both adapters read them (any field may be missing or wrong). */
export interface WireTokenCounts {
  prompt_tokens?: unknown;
  completion_tokens?: unknown;
  total_tokens?: unknown;
  /** Prompt tokens served from the provider's cache, wherever that provider reports them. */
  cached?: unknown;
}

/**
 * Neutral usage from wire counts: a count that is not a whole number >= 0 (servers outside our control may
 * send anything) reads as missing; missing prompt/completion counts are 0, a missing total is their sum.
 */
export function usageFromWire(counts: WireTokenCounts | null | undefined): Usage {
  const promptTokens = tokenCount(counts?.prompt_tokens) ?? 0;
  const completionTokens = tokenCount(counts?.completion_tokens) ?? 0;
  const usage: Usage = {
    promptTokens,
    completionTokens,
    totalTokens: tokenCount(counts?.total_tokens) ?? promptTokens + completionTokens,
  };
  const cached = tokenCount(counts?.cached);
  if (cached !== undefined) usage.cachedTokens = cached;
  return usage;
}

function tokenCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
