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

/** Small 4 and Medium 3.5 take only these `reasoning_effort` values (R21 in docs/mistral-wire-rules.md:
 * architects-toolkit/SmartHopper#647, 2026-07, quoting the API's 400 code 3051 "Must be one of (none, high)"). */
const NONE_OR_HIGH = ['none', 'high'] as const;

/**
 * The static facts, from Mistral's public documentation (the models overview and the model cards), with each
 * entry's other sources named next to it. `refresh()` on a
 * catalog overrides them with what the provider's `GET /v1/models` says, so these only need to be right when
 * the catalog is offline. Retired ids answer 400 `invalid_model` (R28); `resolve()` follows `replacement`.
 *
 * Sources named below by key:
 * - FACTS: Mistral's public documentation (`mistralai/platform-docs-public`): the models overview, the model
 *   cards and the tokenization page.
 * - EVIDENCE: docs/mistral-wire-rules.md in this repository: R21 (the `reasoning_effort` values each model
 *   takes) and R28 (retired ids, e.g. the Magistral 2509 ids retired on 2026-07-31 and redirected), each with
 *   the public issue threads it rests on.
 * - CARDS: Mistral's own model data files, the source of docs.mistral.ai's model pages
 *   (`mistralai/platform-docs-public`, `src/schema/models/models/<slug>.ts`): `releaseDate`, `apiNames`,
 *   `contextLength` and `metadata.{deprecationDate, retirementDate, replacement}`. First-party; read in the
 *   versions current in 2026 (the newest one the search index held for each file).
 * - EMBABEL: embabel-agent's MistralAiModels docs: `devstral-medium-2507` answers 400 since its retirement,
 *   which agrees with CARDS.
 *
 * Every date below comes from CARDS or FACTS except Magistral Medium 1.2's retirement (EVIDENCE R28: the
 * API's own 400 for `magistral-medium-2509`), for which no model card with a date was found. The third-party
 * lineup summary (hivebook.wiki) and migration table (IINTS-SDK) earlier entries cited are no longer needed.
 *
 * Choices made where sources disagree:
 * - Codestral 25.08: its model card says 128k, an older docs page says 256k. We use 128k (131,072): the
 *   smaller window can only trim history early, the larger one could send a prompt the server rejects.
 * - Saba: the facts doc says function calling is "not listed", so it is recorded as absent.
 * - "128k" and "256k" are read as 2^17 and 2^18 tokens, as `max_context_length` reports them.
 */
export const STATIC_MODELS: readonly ModelInfo[] = [
  // Mistral Small 4 (2603): 256k, text + image input, function calling, configurable reasoning effort
  // (FACTS; CARDS `mistral-small-4-0-26-03`: 256k, text + image, `mistral-small-2603` = `mistral-small-latest`),
  // efforts none|high (EVIDENCE R21), released 2026-03-16 (CARDS). Tekken tokenizer (FACTS, tokenization page).
  {
    id: 'mistral-small-2603',
    aliases: ['mistral-small-latest'],
    contextWindow: K256,
    capabilities: { vision: true, functionCalling: true, fim: false, reasoning: true },
    status: 'active',
    reasoningEfforts: NONE_OR_HIGH,
    released: '2026-03-16',
    tokenizer: 'tekken',
    source: 'static',
  },
  // Mistral Small 3.2 (2506): deprecated 2026-04-30, retired 2026-07-31, replaced by Small 4 (CARDS
  // `mistral-small-3-2-25-06`). Open weights, so still a self-hosted deployment (128k).
  {
    id: 'mistral-small-2506',
    aliases: [],
    contextWindow: K128,
    capabilities: { vision: true, functionCalling: true, fim: false, reasoning: false },
    status: 'retired',
    retiredOn: '2026-07-31',
    replacement: 'mistral-small-2603',
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
  // Mistral Medium 3.5: 256k, vision, tools, configurable reasoning (FACTS), ids mistral-medium-3-5,
  // mistral-medium-3 and mistral-medium-latest, released 2026-04-28 (CARDS `mistral-medium-3-5-26-04`), efforts
  // none|high (EVIDENCE R21).
  {
    id: 'mistral-medium-3-5',
    aliases: ['mistral-medium-latest', 'mistral-medium-3'],
    contextWindow: K256,
    capabilities: { vision: true, functionCalling: true, fim: false, reasoning: true },
    status: 'active',
    reasoningEfforts: NONE_OR_HIGH,
    released: '2026-04-28',
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
  // Magistral Medium and Small 1.2 (2509, reasoning, 128k): retired 2026-07-31. Small: deprecated 2026-04-30,
  // retired 2026-07-31, replaced by Small 4 (CARDS `magistral-small-1-2-25-09`). Medium: the same date from the
  // API's own answers (EVIDENCE R28; no card with a date found), replaced by Medium 3.5, the reasoning model of
  // its tier (reasoning_effort high stands in for Magistral).
  ...(
    [
      ['medium', 'mistral-medium-3-5'],
      ['small', 'mistral-small-2603'],
    ] as const
  ).map(
    ([size, replacement]): ModelInfo => ({
      id: `magistral-${size}-2509`,
      aliases: [`magistral-${size}-latest`],
      contextWindow: K128,
      capabilities: { vision: true, functionCalling: true, fim: false, reasoning: true },
      status: 'retired',
      retiredOn: '2026-07-31',
      replacement,
      tokenizer: 'unknown',
      source: 'static',
    }),
  ),
  // Devstral Medium 1.0 and Small 1.1 (2507): deprecated 2026-02-27, retired 2026-05-31, replaced by Devstral 2
  // (CARDS `devstral-medium-1-0-25-07`, `devstral-small-1-1-25-07`; EMBABEL saw the 400), which has retired
  // since, so `resolve()` follows on to Medium 3.5.
  {
    id: 'devstral-medium-2507',
    aliases: [],
    contextWindow: K128,
    capabilities: { vision: false, functionCalling: true, fim: false, reasoning: false },
    status: 'retired',
    retiredOn: '2026-05-31',
    replacement: 'devstral-2512',
    tokenizer: 'unknown',
    source: 'static',
  },
  {
    id: 'devstral-small-2507',
    aliases: [],
    contextWindow: K128,
    capabilities: { vision: false, functionCalling: true, fim: false, reasoning: false },
    status: 'retired',
    retiredOn: '2026-05-31',
    replacement: 'devstral-2512',
    tokenizer: 'tekken',
    source: 'static',
  },
  // Devstral 2 (2512): 256k, released 2025-12-09, deprecated 2026-05-22, retired 2026-07-31, replaced by Medium 3.5
  // (CARDS `devstral-2-25-12`: ids devstral-2512, devstral-latest, devstral-medium-latest).
  {
    id: 'devstral-2512',
    aliases: ['devstral-latest', 'devstral-medium-latest'],
    contextWindow: K256,
    capabilities: { vision: false, functionCalling: true, fim: false, reasoning: false },
    status: 'retired',
    retiredOn: '2026-07-31',
    released: '2025-12-09',
    replacement: 'mistral-medium-3-5',
    tokenizer: 'unknown',
    source: 'static',
  },
];
