/**
 * The Mistral adapter: `createMistral()` / `mistral()` on La Plateforme, and the pure wire compiler that
 * makes neutral histories acceptable to the API. The wire types (wire-types.ts) come from
 * `@mistralai/mistralai` and stay internal.
 * @module
 */
export type { CompiledRequest, CompileRequestOptions } from './compile-request.js';
export { compileMistralRequest } from './compile-request.js';
export type { FimRequest, FimResponse } from './fim.js';
export { DEFAULT_FIM_MODEL } from './fim.js';
export type { MistralModel, MistralModelSettings } from './mistral-model.js';
export type { MistralProvider, MistralProviderOptions } from './provider.js';
export { createMistral, mistral } from './provider.js';
