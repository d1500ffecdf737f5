/**
 * `dragoman/testing/fake`: only `FakeModel`, with no Node built-in anywhere, for tests that run in a browser,
 * a worker or an edge runtime. `dragoman/testing` has it too, with the mock servers (which need `node:http`).
 * @module
 */

export type { FakeModelOptions, FakeReply, FakeStep } from './fake-model.js';
export { FakeModel } from './fake-model.js';
