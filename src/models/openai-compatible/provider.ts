import type { CallOptions, Model, ModelLister, RemoteModelInfo } from '../types.js';
import type { OpenAICompatibleFamily } from './dialects.js';
import { listModels } from './list-models.js';
import { createModelFromSettings } from './model.js';
import { checkModelId, type OpenAICompatibleSettings, resolveSettings } from './options.js';

/** Makes models of one OpenAI-compatible server, and lists the models it serves. */
export interface OpenAICompatibleProvider extends ModelLister {
  /** A {@link Model} for a model id the server serves. */
  (modelId: string): Model;
  /** The server family this provider speaks to. */
  readonly family: OpenAICompatibleFamily;
  /** The API root, without a trailing slash. */
  readonly baseURL: string;
  /** `GET {baseURL}/models`: ids and, where known, context windows (vLLM `max_model_len`, or config). */
  listModels(options?: CallOptions): Promise<RemoteModelInfo[]>;
}

/**
 * Creates a provider for one OpenAI-compatible server: call it with a model id to get a {@link Model}, or
 * `listModels()` to see what the server serves. Settings are validated once, here.
 * @example
 * const vllm = createOpenAICompatible({ baseURL: 'http://localhost:8000/v1', family: 'vllm' });
 * const small = vllm('mistralai/Mistral-Small-3.1-24B-Instruct-2503');
 * const [info] = await vllm.listModels(); // info.contextWindow === max_model_len
 */
export function createOpenAICompatible(settings: OpenAICompatibleSettings): OpenAICompatibleProvider {
  const resolved = resolveSettings(settings);
  const provider = (modelId: string) => createModelFromSettings(resolved, checkModelId(modelId));
  return Object.assign(provider, {
    family: resolved.family,
    baseURL: resolved.baseURL,
    listModels: (options?: CallOptions) => listModels(resolved, options),
  });
}
