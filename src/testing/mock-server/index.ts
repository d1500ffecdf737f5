/**
 * A local Mistral-compatible HTTP server for tests: real HTTP, real SSE, the API's rules and error bodies,
 * scripted replies and injected faults. Re-exported from `dragoman/testing`.
 * @module
 */

export { defaultMockModels } from './catalog.js';
export type { MockErrorResponse } from './error-bodies.js';
export type { MockReplyStep } from './reply-in-order.js';
export { replyInOrder } from './reply-in-order.js';
export type { CheckRequestOptions } from './rules.js';
export { checkMistralRequest } from './rules.js';
export type { MockMistralServer, MockServerOptions } from './server.js';
export { createMockMistralServer } from './server.js';
export { estimatePromptTokens } from './token-estimate.js';
export type {
  MockChatRequest,
  MockFault,
  MockModelInfo,
  MockRawReply,
  MockReply,
  MockReplyFunction,
  MockRequestBody,
  MockToolCall,
  MockWireMessage,
  RecordedRequest,
} from './types.js';
