import type { ModelInfo } from './types.js';

/**
 * Context window used for a model nobody describes (not in the static table, not in `/v1/models`, not in
 * the route config): 32,768 tokens. Deliberately small, because overestimating a window means a 400 from
 * the server while underestimating only trims history earlier. Self-hosted servers usually report the
 * real figure (`max_model_len` in vLLM), which then wins.
 */
export const DEFAULT_CONTEXT_WINDOW = 32_768;

const K128 = 131_072;
const K256 = 262_144;

/**
 * The static facts, from ../shared/docs/mistral-facts.md ("The models the design names, and what happened
 * to them") and the model cards it cites. `refresh()` on a catalog overrides them with what the provider's
 * `GET /v1/models` says, so these only need to be right when the catalog is offline.
 *
 * Choices made where sources disagree:
 * - Codestral 25.08: its model card says 128k, an older docs page says 256k. We use 128k (131,072): the
 *   smaller window can only trim history early, the larger one could send a prompt the server rejects.
 * - Saba: the facts doc says function calling is "not listed", so it is recorded as absent.
 * - "128k" and "256k" are read as 2^17 and 2^18 tokens, as `max_context_length` reports them.
 */
export const STATIC_MODELS: readonly ModelInfo[] = [
  // Mistral Small 4 (2603): 256k, text + image input, function calling, configurable reasoning effort
  // (mistral-facts.md; Mistral-Small-4-119B-2603 model card). Tekken tokenizer per mistral-facts.md "Tokens".
  {
    id: 'mistral-small-2603',
    aliases: ['mistral-small-latest'],
    contextWindow: K256,
    capabilities: { vision: true, functionCalling: true, fim: false, reasoning: true },
    status: 'active',
    tokenizer: 'tekken',
    source: 'static',
  },
  // Mistral Small 3.1 (2503): 128k, vision, tools; retired 2025-11-30, replaced by mistral-small-2603.
  // Still a real deployment on a self-hosted server (open weights), where its window is 128k.
  {
    id: 'mistral-small-2503',
    aliases: [],
    contextWindow: K128,
    capabilities: { vision: true, functionCalling: true, fim: false, reasoning: false },
    status: 'retired',
    retiredOn: '2025-11-30',
    replacement: 'mistral-small-2603',
    tokenizer: 'tekken',
    source: 'static',
  },
  // Mistral Saba (2502): 32k, no vision, tools not listed; retired 2025-09-30, replaced by Small 4.
  {
    id: 'mistral-saba-2502',
    aliases: ['mistral-saba-latest'],
    contextWindow: 32_768,
    capabilities: { vision: false, functionCalling: false, fim: false, reasoning: false },
    status: 'retired',
    retiredOn: '2025-09-30',
    replacement: 'mistral-small-2603',
    tokenizer: 'unknown',
    source: 'static',
  },
  // Codestral 25.08 = codestral-latest: tools and FIM, no vision; window chosen as 128k (see above).
  // Its tokenizer is unpublished (mistral-facts.md "Tokens").
  {
    id: 'codestral-2508',
    aliases: ['codestral-latest'],
    contextWindow: K128,
    capabilities: { vision: false, functionCalling: true, fim: true, reasoning: false },
    status: 'active',
    tokenizer: 'unknown',
    source: 'static',
  },
  // Codestral 25.01: 256k; retired 2025-11-30, replaced by codestral-2508.
  {
    id: 'codestral-2501',
    aliases: [],
    contextWindow: K256,
    capabilities: { vision: false, functionCalling: true, fim: true, reasoning: false },
    status: 'retired',
    retiredOn: '2025-11-30',
    replacement: 'codestral-2508',
    tokenizer: 'unknown',
    source: 'static',
  },
  // Mistral Medium 3.5: 256k, vision, tools, configurable reasoning (mistral-facts.md "Others").
  {
    id: 'mistral-medium-latest',
    aliases: [],
    contextWindow: K256,
    capabilities: { vision: true, functionCalling: true, fim: false, reasoning: true },
    status: 'active',
    tokenizer: 'unknown',
    source: 'static',
  },
  // Mistral Large 3: 256k (mistral-facts.md "Others"), multimodal input and tools per its announcement.
  {
    id: 'mistral-large-latest',
    aliases: [],
    contextWindow: K256,
    capabilities: { vision: true, functionCalling: true, fim: false, reasoning: false },
    status: 'active',
    tokenizer: 'unknown',
    source: 'static',
  },
  // Ministral 3 (3B, 8B, 14B): 256k, vision (mistral-facts.md "Others"); Tekken per "Tokens".
  ...(['3b', '8b', '14b'] as const).map(
    (size): ModelInfo => ({
      id: `ministral-${size}-latest`,
      aliases: [],
      contextWindow: K256,
      capabilities: { vision: true, functionCalling: true, fim: false, reasoning: false },
      status: 'active',
      tokenizer: 'tekken',
      source: 'static',
    }),
  ),
  // Magistral (reasoning models, 128k). Folded into Medium 3.5 and Small 4; refresh() reports their
  // current status on La Plateforme.
  ...(['medium', 'small'] as const).map(
    (size): ModelInfo => ({
      id: `magistral-${size}-latest`,
      aliases: [],
      contextWindow: K128,
      capabilities: { vision: true, functionCalling: true, fim: false, reasoning: true },
      status: 'active',
      tokenizer: 'unknown',
      source: 'static',
    }),
  ),
];
