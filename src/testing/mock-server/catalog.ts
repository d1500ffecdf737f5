import type { MockModelInfo } from './types.js';

/** Window used for a model id the catalog does not list. */
export const defaultContextWindow = 131_072;

const chat = { functionCalling: true, vision: false, fim: false, reasoning: false };

/** Reasoning efforts Small 4 and Medium 3.5 accept (R21 in docs/mistral-wire-rules.md). */
const noneOrHigh = ['none', 'high'] as const;

/**
 * The default model list of the mock server, the same lineup as dragoman's catalog
 * (src/models/catalog/static-models.ts, where each figure cites its source). Retired models are still listed,
 * as the API lists deprecated models, but every completion request for them answers 400 `invalid_model`.
 */
export const defaultMockModels: readonly MockModelInfo[] = [
  {
    id: 'mistral-small-2603',
    aliases: ['mistral-small-latest'],
    contextWindow: 262_144,
    capabilities: { ...chat, vision: true, reasoning: true },
    reasoningEfforts: noneOrHigh,
  },
  {
    id: 'mistral-medium-3-5',
    aliases: ['mistral-medium-latest', 'mistral-medium-3'],
    contextWindow: 262_144,
    capabilities: { ...chat, vision: true, reasoning: true },
    reasoningEfforts: noneOrHigh,
  },
  {
    id: 'mistral-large-latest',
    aliases: [],
    contextWindow: 262_144,
    capabilities: { ...chat, vision: true },
  },
  {
    id: 'codestral-2508',
    aliases: ['codestral-latest'],
    contextWindow: 131_072,
    capabilities: { ...chat, fim: true },
  },
  {
    id: 'ministral-8b-latest',
    aliases: [],
    contextWindow: 262_144,
    capabilities: { ...chat, vision: true },
  },
  {
    id: 'mistral-saba-2502',
    aliases: ['mistral-saba-latest'],
    contextWindow: 32_768,
    capabilities: { ...chat, functionCalling: false },
    deprecation: '2025-09-30T00:00:00Z',
    replacement: 'mistral-small-latest',
    retired: true,
  },
  {
    id: 'mistral-small-2503',
    aliases: [],
    contextWindow: 131_072,
    capabilities: { ...chat, vision: true },
    deprecation: '2025-11-30T00:00:00Z',
    replacement: 'mistral-small-2603',
    retired: true,
  },
  {
    id: 'magistral-medium-2509',
    aliases: ['magistral-medium-latest'],
    contextWindow: 131_072,
    capabilities: { ...chat, vision: true, reasoning: true },
    deprecation: '2026-07-31T00:00:00Z',
    replacement: 'mistral-medium-3-5',
    retired: true,
  },
  {
    id: 'magistral-small-2509',
    aliases: ['magistral-small-latest'],
    contextWindow: 131_072,
    capabilities: { ...chat, vision: true, reasoning: true },
    deprecation: '2026-07-31T00:00:00Z',
    replacement: 'mistral-small-2603',
    retired: true,
  },
  {
    id: 'mistral-small-2506',
    aliases: [],
    contextWindow: 131_072,
    capabilities: { ...chat, vision: true },
    deprecation: '2026-07-31T00:00:00Z',
    replacement: 'mistral-small-2603',
    retired: true,
  },
  ...(['devstral-medium-2507', 'devstral-small-2507'] as const).map(
    (id): MockModelInfo => ({
      id,
      aliases: [],
      contextWindow: 131_072,
      capabilities: { ...chat },
      deprecation: '2026-05-31T00:00:00Z',
      replacement: 'devstral-2512',
      retired: true,
    }),
  ),
  {
    id: 'devstral-2512',
    aliases: ['devstral-latest', 'devstral-medium-latest'],
    contextWindow: 262_144,
    capabilities: { ...chat },
    deprecation: '2026-07-31T00:00:00Z',
    replacement: 'mistral-medium-3-5',
    retired: true,
  },
  {
    id: 'codestral-2501',
    aliases: [],
    contextWindow: 262_144,
    capabilities: { ...chat, fim: true },
    deprecation: '2025-11-30T00:00:00Z',
    replacement: 'codestral-2508',
    retired: true,
  },
];

/** Finds a model by id or alias. */
export function findModel(models: readonly MockModelInfo[], id: string): MockModelInfo | undefined {
  return models.find((model) => model.id === id || model.aliases.includes(id));
}

/** One entry of `GET /v1/models`, in the wire shape (`BaseModelCard`). */
export function toModelCard(model: MockModelInfo): Record<string, unknown> {
  const capabilities = model.capabilities;
  return {
    id: model.id,
    object: 'model',
    created: 1_763_000_000,
    owned_by: 'mistralai',
    capabilities: {
      completion_chat: true,
      completion_fim: capabilities.fim ?? false,
      function_calling: capabilities.functionCalling ?? false,
      fine_tuning: false,
      vision: capabilities.vision ?? false,
      reasoning: capabilities.reasoning ?? false,
      classification: false,
    },
    name: model.id,
    description: `Mock of ${model.id}`,
    max_context_length: model.contextWindow ?? defaultContextWindow,
    aliases: model.aliases,
    deprecation: model.deprecation ?? null,
    deprecation_replacement_model: model.replacement ?? null,
    default_model_temperature: 0.3,
    type: 'base',
  };
}
