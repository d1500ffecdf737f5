/**
 * The Mistral adapter: `createMistral()` / `mistral()` on La Plateforme through `@mistralai/mistralai`, and
 * the pure wire compiler that makes neutral histories acceptable to the API.
 * @module
 */
export type { CompiledRequest, CompileRequestOptions } from './compile-request.js';
export { compileMistralRequest } from './compile-request.js';
export type { FimRequest, FimResponse } from './fim.js';
export { DEFAULT_FIM_MODEL } from './fim.js';
export type { MistralModel, MistralModelSettings } from './mistral-model.js';
export type { MistralProvider, MistralProviderOptions } from './provider.js';
export { createMistral, mistral } from './provider.js';
export type {
  WireAssistantMessage,
  WireChatRequest,
  WireImageChunk,
  WireMessage,
  WireSystemMessage,
  WireTextChunk,
  WireThinkingChunk,
  WireTool,
  WireToolCall,
  WireToolChoice,
  WireToolMessage,
  WireUserMessage,
} from './wire-types.js';
