/**
 * `dragoman/testing`: test your agents offline. `FakeModel` answers in-process from a script;
 * the mock server speaks Mistral's (and the OpenAI) wire format over real HTTP on 127.0.0.1.
 * @module
 */

export type { FakeModelOptions, FakeReply, FakeStep } from './fake-model.js';
export { FakeModel } from './fake-model.js';
export * from './mock-openai/index.js';
export * from './mock-server/index.js';
