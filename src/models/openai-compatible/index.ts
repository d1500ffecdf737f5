/**
 * The OpenAI-compatible adapter: a {@link Model} over HTTP (no SDK) for vLLM, Ollama, LM Studio, llama.cpp,
 * OpenAI or any server speaking `POST /chat/completions`. See docs/providers.md.
 * @module
 */

export type { Dialect, OpenAICompatibleFamily } from './dialects.js';
export { DIALECTS, OPENAI_COMPATIBLE_FAMILIES } from './dialects.js';
export { openaiCompatible } from './model.js';
export type { FetchFunction, OpenAICompatibleModelOptions, OpenAICompatibleSettings } from './options.js';
export type { OpenAICompatibleProvider } from './provider.js';
export { createOpenAICompatible } from './provider.js';
