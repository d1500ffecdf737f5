/**
 * The OpenAI-dialect mode of the mock server: imitates vLLM, Ollama, LM Studio, llama.cpp or OpenAI over
 * real HTTP on 127.0.0.1, with the same reply function and fault shapes as the Mistral mock.
 * @module
 */

export type { MockOpenAIServerExtras } from './server.js';
export { createMockOpenAIServer } from './server.js';
export type { MockOpenAIModel, MockOpenAIServer, MockOpenAIServerOptions } from './types.js';
